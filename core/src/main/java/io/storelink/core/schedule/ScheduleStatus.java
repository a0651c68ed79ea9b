package io.storelink.core.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one connection is in the scheduler.
 *
 * @param connection the connection's name
 * @param interval how often it is imported: its own interval, or the host's
 * @param ownInterval whether the interval is the connection's own rather than the host's
 * @param nextRunAt when its next scheduled run starts (give or take a second); while it runs, when it was due
 * @param running whether a run is running now, or waiting for a free worker
 * @param runId the running run's id, or {@code null} when none runs (or it waits for a worker)
 * @param lastResult how its last run ended: {@value #SUCCEEDED}, {@value #FAILED}, {@value #CANCELLED} (the host
 *        stopped it), {@value #BUSY} (another process was importing the connection), or {@code null} before the first
 * @param lastRunAt when its last run ended, or {@code null}
 * @param consecutiveFailures how many runs in a row failed; 0 after a success
 * @param backoff how much longer than its interval it waits because of those failures: the wait is
 *        {@code interval × 2^failures} (at most {@code storelink.schedule.max-backoff}); {@link Duration#ZERO} when
 *        it does not back off
 * @param lastError why its last run failed (or was skipped), or {@code null} after a success
 */
public record ScheduleStatus(String connection, Duration interval, boolean ownInterval, Instant nextRunAt,
                             boolean running, Long runId, String lastResult, Instant lastRunAt,
                             int consecutiveFailures, Duration backoff, String lastError) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String BUSY = "busy";

    /** @return whether the connection backs off from failures */
    public boolean backingOff() {
        return consecutiveFailures > 0;
    }
}
