package io.storelink.core.order;

import io.storelink.api.ConnectorException;

import java.time.Duration;

/** Hears how an import run goes, for progress output. Every method has a no-op default. */
public interface ImportListener {

    ImportListener NONE = new ImportListener() {
    };

    /**
     * The run was recorded and starts fetching: it has an id, and no other run of the connection can start until it
     * ends.
     *
     * @param runId the run's id
     */
    default void started(long runId) {
    }

    /**
     * A batch was stored.
     *
     * @param done orders found so far in this run
     * @param total done plus what the store says remains, or {@code -1} if unknown
     */
    default void progress(long done, long total) {
    }

    /** A call failed for a passing reason and will be tried again after {@code wait}. */
    default void retrying(int attempt, Duration wait, ConnectorException cause) {
    }
}
