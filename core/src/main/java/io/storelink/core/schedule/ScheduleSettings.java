package io.storelink.core.schedule;

import io.storelink.core.connection.ConnectionService;
import io.storelink.core.retry.RetryPolicy;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the {@link SyncScheduler} runs: the host's {@code storelink.schedule} settings.
 *
 * @param importInterval how often each connection is imported, unless it has its own interval; 1 minute to 1 day
 * @param workers how many imports run at once, over all connections; a due connection waits for a free worker
 * @param maxBackoff the longest a connection that keeps failing waits between two runs
 * @param outboxInterval how often the outbox is looked at for notifications to send
 * @param outboxWorkers how many connections' outboxes are sent at once
 * @param stopDrain how long stopping waits for running imports and notifications before it interrupts them
 */
public record ScheduleSettings(Duration importInterval, int workers, Duration maxBackoff, Duration outboxInterval,
                               int outboxWorkers, Duration stopDrain) {

    public static final String IMPORT_INTERVAL = "storelink.schedule.import-interval";
    public static final String WORKERS = "storelink.schedule.workers";
    public static final String MAX_BACKOFF = "storelink.schedule.max-backoff";
    public static final String OUTBOX_INTERVAL = "storelink.schedule.outbox-interval";
    public static final String OUTBOX_WORKERS = "storelink.schedule.outbox-workers";
    public static final String STOP_DRAIN = "storelink.schedule.stop-drain";

    /** The shortest import interval, the host's and a connection's own. */
    public static final Duration MIN_IMPORT_INTERVAL = ConnectionService.MIN_IMPORT_INTERVAL;
    /** The longest import interval, the host's and a connection's own. */
    public static final Duration MAX_IMPORT_INTERVAL = ConnectionService.MAX_IMPORT_INTERVAL;
    public static final int MAX_WORKERS = 256;

    /** The defaults, as reference.conf has them. */
    public static final ScheduleSettings DEFAULTS = new ScheduleSettings(Duration.ofMinutes(5), 4, Duration.ofHours(1),
            Duration.ofSeconds(10), 2, Duration.ofSeconds(30));

    public ScheduleSettings {
        requireNonNull(importInterval, "importInterval is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(outboxInterval, "outboxInterval is null");
        requireNonNull(stopDrain, "stopDrain is null");
        if (importInterval.compareTo(MIN_IMPORT_INTERVAL) < 0 || importInterval.compareTo(MAX_IMPORT_INTERVAL) > 0) {
            throw new IllegalArgumentException(IMPORT_INTERVAL + " is " + RetryPolicy.human(importInterval)
                    + "; it must be from 1 minute to 1 day (for example 5m)");
        }
        range(WORKERS, workers);
        range(OUTBOX_WORKERS, outboxWorkers);
        positive(MAX_BACKOFF, maxBackoff);
        positive(OUTBOX_INTERVAL, outboxInterval);
        if (stopDrain.isNegative()) {
            throw new IllegalArgumentException(STOP_DRAIN + " must not be negative: " + stopDrain);
        }
    }

    /** @param interval the host's import interval @return these settings with it */
    public ScheduleSettings withImportInterval(Duration interval) {
        return new ScheduleSettings(interval, workers, maxBackoff, outboxInterval, outboxWorkers, stopDrain);
    }

    /** @param count how many imports run at once @return these settings with it */
    public ScheduleSettings withWorkers(int count) {
        return new ScheduleSettings(importInterval, count, maxBackoff, outboxInterval, outboxWorkers, stopDrain);
    }

    /** @param backoff the longest wait of a failing connection @return these settings with it */
    public ScheduleSettings withMaxBackoff(Duration backoff) {
        return new ScheduleSettings(importInterval, workers, backoff, outboxInterval, outboxWorkers, stopDrain);
    }

    private static void range(String setting, int value) {
        if (value < 1 || value > MAX_WORKERS) {
            throw new IllegalArgumentException(setting + " is " + value + "; it must be a whole number from 1 to "
                    + MAX_WORKERS);
        }
    }

    private static void positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be more than 0: " + value);
        }
    }
}
