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

    /**
     * @return how long a remote request may wait for the connection, for the answer to start, and between two reads
     *         of its body before it counts as timed out
     */
    Duration requestTimeout();

    /**
     * The longest one remote request may take from start to its last byte, however steadily bytes arrive. A store
     * that drips its answer a byte at a time fails the request at this deadline instead of holding the run.
     *
     * @return the overall deadline of one request
     * @since 1.1.0
     */
    default Duration requestDeadline() {
        return Duration.ofMinutes(2);
    }

    /**
     * The largest response body one request may read. A larger answer fails the request with a reason that names
     * this limit; nothing of it is kept.
     *
     * @return the cap in bytes
     * @since 1.1.0
     */
    default long maxResponseBytes() {
        return 64L * 1024 * 1024;
    }

    /**
     * The store's request slots for this connector: {@code storelink.import.concurrency} of them during an import.
     * A connector whose every request enters it, and that says so with
     * {@link RangedImport#requestsThroughGate()}, gets more page calls than requests at once.
     *
     * @return the gate; {@link RequestGate#NONE} from a host that sets no limit
     * @since 1.2.0
     */
    default RequestGate requestGate() {
        return RequestGate.NONE;
    }
}
