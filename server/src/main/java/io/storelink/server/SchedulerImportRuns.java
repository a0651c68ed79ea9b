package io.storelink.server;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.schedule.SyncScheduler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * {@link ImportRuns} backed by the {@link SyncScheduler}: a run asked for over HTTP and a scheduled run of the same
 * connection share one slot, so the second of them gets 409 BUSY, and a run asked for counts as a scheduled one (a
 * success ends a backoff). The scheduler is started by whoever runs the server ({@code storelink serve}).
 */
@Singleton
public final class SchedulerImportRuns implements ImportRuns {

    private final SyncScheduler scheduler;

    @Inject
    public SchedulerImportRuns(SyncScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public long start(String connection) {
        if (!scheduler.running()) {
            throw ConnectorException.of(ErrorKind.CANCELLED,
                    "The scheduler is not running (the server is starting or stopping); no import can start");
        }
        try {
            return scheduler.importNow(connection);
        } catch (IllegalStateException e) {
            if (scheduler.running()) {
                throw e;
            }
            // It began to stop between the check above and the call.
            throw ConnectorException.of(ErrorKind.CANCELLED, e.getMessage(), e);
        }
    }

    @Override
    public Optional<Progress> progress(long runId) {
        return scheduler.progress(runId).map(now -> new Progress(now.done(), now.total(), now.retries()));
    }

    /** Stops the scheduler, unless it was stopped before (then this returns at once). */
    @Override
    public void drain(Duration timeout) {
        scheduler.stop(timeout);
    }
}
