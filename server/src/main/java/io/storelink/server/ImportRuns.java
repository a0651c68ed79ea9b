package io.storelink.server;

import java.util.Optional;

/**
 * Starts import runs for the API and tells how far a running one got. {@link SchedulerImportRuns} backs it with the
 * scheduler of {@code storelink serve}, so that runs asked for over HTTP and scheduled runs share one slot per
 * connection.
 */
public interface ImportRuns {

    /**
     * Starts an import of a connection in the background; returns once the run is recorded.
     *
     * @param connection the connection's name
     * @return the id of the run in the database
     * @throws io.storelink.core.form.ValidationException when there is no such connection
     * @throws RuntimeException what stopped the run from starting, e.g. {@code ImportBusyException}
     */
    long start(String connection);

    /**
     * @param runId a run's id
     * @return how far the run got while this process runs it; empty when it is not running here
     */
    Optional<Progress> progress(long runId);

    /**
     * Stops taking runs and waits for the running ones, then interrupts what is left (recorded as cancelled; the
     * next run goes on from the last stored batch).
     *
     * @param timeout how long to wait
     */
    void drain(java.time.Duration timeout);

    /**
     * @param done orders found so far
     * @param total done plus what the store says remains, or {@code -1} when unknown
     * @param retries how many calls were retried so far
     */
    record Progress(long done, long total, int retries) {
    }
}
