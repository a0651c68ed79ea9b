package io.storelink.api;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What the host asks for when it reads a page of a planned range.
 *
 * @param range the range, as the plan gave it
 * @param pageToken the {@link OrderPage#nextPageToken()} of the range's page before, or {@code null} for its first
 * @param cursor the cursor the plan was made from ({@code null} on a connection's first import)
 * @param runStartedAt when the run started, the same for every request of the run; use it, not the clock, for "now"
 * @since 1.2.0
 */
public record PageRequest(ImportRange range, String pageToken, String cursor, Instant runStartedAt) {
    public PageRequest {
        requireNonNull(range, "range is null");
        requireNonNull(runStartedAt, "runStartedAt is null");
    }

    /** @return whether this asks for the range's first page */
    public boolean firstPage() {
        return pageToken == null;
    }
}
