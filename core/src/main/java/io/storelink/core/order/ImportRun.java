package io.storelink.core.order;

import java.time.Duration;
import java.time.Instant;

/**
 * One import run of a connection and what it did.
 *
 * @param id the run's id
 * @param connection the connection's name
 * @param startedAt when it started
 * @param finishedAt when it ended, or {@code null} while running (or if the process died)
 * @param result {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} when the host stopped it, or
 *        {@code interrupted} when the process running it stopped (killed, crashed) before it finished
 * @param found how many orders the store returned
 * @param imported how many of them were new
 * @param alreadyImported how many had been imported before
 * @param heldBack how many matched but were held back by the delay setting
 * @param failed how many the connector could not read
 * @param duration how long it took, or {@code null} while running
 * @param error why it failed, or {@code null}
 */
public record ImportRun(long id, String connection, Instant startedAt, Instant finishedAt, RunResult result, long found,
                        long imported, long alreadyImported, long heldBack, long failed, Duration duration,
                        String error) {

    public static final RunResult RUNNING = RunResult.RUNNING;
    public static final RunResult SUCCEEDED = RunResult.SUCCEEDED;
    public static final RunResult FAILED = RunResult.FAILED;
    public static final RunResult CANCELLED = RunResult.CANCELLED;
    public static final RunResult INTERRUPTED = RunResult.INTERRUPTED;
}
