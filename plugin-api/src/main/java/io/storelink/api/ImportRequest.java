package io.storelink.api;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What the host asks for when it imports orders: the next batch after a cursor.
 *
 * @param cursor the {@link OrderBatch#nextCursor()} of the last stored batch, or {@code null} for the first import
 *        of a connection; opaque to the host
 * @param runStartedAt when this import run started, the same for every batch of the run; use it, not the clock,
 *        for "now" so a run sees one consistent cut-off
 * @param firstBatchOfRun whether this is the run's first request, for connectors that plan a run up front
 * @since 1.0.0
 */
public record ImportRequest(String cursor, Instant runStartedAt, boolean firstBatchOfRun) {
    public ImportRequest {
        requireNonNull(runStartedAt, "runStartedAt is null");
    }
}
