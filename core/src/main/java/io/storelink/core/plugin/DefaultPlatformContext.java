package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;
import io.storelink.api.RequestGate;
import io.storelink.core.config.HostConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * What the host offers plugins.
 *
 * @param clock the host's clock
 * @param userAgent the User-Agent plugins send
 * @param requestTimeout how long one request may wait between reads
 * @param requestDeadline how long one request may take in all
 * @param maxResponseBytes the largest response body one request may read
 * @param requestGate the connector's request slots at the store: {@code storelink.import.concurrency} of them
 */
public record DefaultPlatformContext(Clock clock, String userAgent, Duration requestTimeout, Duration requestDeadline,
                                     long maxResponseBytes, RequestGate requestGate) implements PlatformContext {

    public DefaultPlatformContext {
        requireNonNull(clock, "clock is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(requestDeadline, "requestDeadline is null");
        requireNonNull(requestGate, "requestGate is null");
    }

    /**
     * @param clock the host's clock
     * @param config the host's settings: request timeout, deadline and response cap
     * @return a context whose User-Agent names Storelink's version, with request slots of its own: one context is
     *         made per connector, so the slots limit that connector's requests
     */
    public static DefaultPlatformContext of(Clock clock, HostConfig config) {
        String version = DefaultPlatformContext.class.getPackage().getImplementationVersion();
        return new DefaultPlatformContext(clock, "Storelink/" + (version == null ? "dev" : version)
                + " (plugin API " + PluginApiVersion.current() + ")", config.requestTimeout(),
                config.requestDeadline(), config.maxResponseBytes(), new SlotGate(config.importConcurrency()));
    }

    /** Request slots as a fair semaphore; an interrupted wait is a cancelled call. */
    private static final class SlotGate implements RequestGate {
        private final Semaphore slots;

        SlotGate(int size) {
            slots = new Semaphore(size, true);
        }

        @Override
        public Permit enter() {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.of(ErrorKind.CANCELLED, "Stopped while waiting for a free request slot at "
                        + "the store", e);
            }
            AtomicBoolean open = new AtomicBoolean(true);
            return () -> {
                if (open.compareAndSet(true, false)) {
                    slots.release();
                }
            };
        }
    }
}
