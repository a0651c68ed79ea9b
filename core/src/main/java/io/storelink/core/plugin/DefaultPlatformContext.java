package io.storelink.core.plugin;

import io.storelink.api.PlatformContext;
import io.storelink.core.config.HostConfig;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What the host offers plugins.
 *
 * @param clock the host's clock
 * @param userAgent the User-Agent plugins send
 * @param requestTimeout how long one request may wait between reads
 * @param requestDeadline how long one request may take in all
 * @param maxResponseBytes the largest response body one request may read
 */
public record DefaultPlatformContext(Clock clock, String userAgent, Duration requestTimeout, Duration requestDeadline,
                                     long maxResponseBytes) implements PlatformContext {

    public DefaultPlatformContext {
        requireNonNull(clock, "clock is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(requestDeadline, "requestDeadline is null");
    }

    /**
     * @param clock the host's clock
     * @param config the host's settings: request timeout, deadline and response cap
     * @return a context whose User-Agent names Storelink's version
     */
    public static DefaultPlatformContext of(Clock clock, HostConfig config) {
        String version = DefaultPlatformContext.class.getPackage().getImplementationVersion();
        return new DefaultPlatformContext(clock, "Storelink/" + (version == null ? "dev" : version)
                + " (plugin API " + PluginApiVersion.current() + ")", config.requestTimeout(),
                config.requestDeadline(), config.maxResponseBytes());
    }
}
