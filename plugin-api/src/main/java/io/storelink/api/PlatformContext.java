package io.storelink.api;

import java.time.Clock;
import java.time.Duration;

/**
 * What the host offers a plugin when it builds a connector. Plugins keep no files and no bookkeeping of their own;
 * anything they need from the host comes through here.
 *
 * @since 1.0.0
 */
public interface PlatformContext {

    /** @return the host's clock; use it instead of the system clock so tests can move time */
    Clock clock();

    /** @return the User-Agent to send, naming Storelink and its version */
    String userAgent();

    /** @return how long one remote request may take before it counts as timed out */
    Duration requestTimeout();
}
