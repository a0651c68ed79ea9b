package io.storelink.core.order;

import io.storelink.api.ConnectorException;

import java.time.Duration;

/** Hears how an import run goes, for progress output. Every method has a no-op default. */
public interface ImportListener {

    ImportListener NONE = new ImportListener() {
    };

    /**
     * The run was recorded and is about to fetch: called once, before any progress, with the id the run has in the
     * database (what {@code status} and the HTTP API show). Not called when the run could not start (an unknown
     * connection, another process importing it).
     *
     * @param runId the import run's id
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
