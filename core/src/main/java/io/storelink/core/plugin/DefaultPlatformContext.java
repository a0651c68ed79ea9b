package io.storelink.core.plugin;

import io.storelink.api.PlatformContext;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What the host offers plugins.
 *
 * @param clock the host's clock
 * @param userAgent the User-Agent plugins send
 * @param requestTimeout how long one request may take
 */
public record DefaultPlatformContext(Clock clock, String userAgent, Duration requestTimeout) implements PlatformContext {

    public DefaultPlatformContext {
        requireNonNull(clock, "clock is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /**
     * @param clock the host's clock
     * @param requestTimeout how long one request may take
     * @return a context whose User-Agent names Storelink's version
     */
    public static DefaultPlatformContext of(Clock clock, Duration requestTimeout) {
        String version = DefaultPlatformContext.class.getPackage().getImplementationVersion();
        return new DefaultPlatformContext(clock, "Storelink/" + (version == null ? "dev" : version)
                + " (plugin API " + PluginApiVersion.current() + ")", requestTimeout);
    }
}
