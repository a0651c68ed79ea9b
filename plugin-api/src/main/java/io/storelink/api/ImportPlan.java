package io.storelink.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What {@link RangedImport#planImport(ImportRequest)} decided to read in a run: ordered ranges, and what the store
 * said about the run's size.
 *
 * @param ranges the ranges in the order their pages are stored; at least one, at most {@value #MAX_RANGES}
 * @param expected how many orders the run is expected to read, for progress; {@code -1} if unknown
 * @param heldBack how many orders match the import status but are held back by a delay setting; {@code -1} if the
 *        connector did not count them
 * @since 1.2.0
 */
public record ImportPlan(List<ImportRange> ranges, long expected, long heldBack) {

    /** The most ranges one plan may have; a plan needs no more than one range per page of orders. */
    public static final int MAX_RANGES = 100_000;

    public ImportPlan {
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("a plan has 1 to " + MAX_RANGES + " ranges, not " + ranges.size());
        }
        if (expected < -1 || heldBack < -1) {
            throw new IllegalArgumentException("expected and heldBack are counts, or -1 when unknown");
        }
    }

    /** @return a plan that reads one range page by page, for an API that can only page forward */
    public static ImportPlan single(ImportRange range) {
        return new ImportPlan(List.of(range), -1, -1);
    }

    /** @return a plan of these ranges, in this order */
    public static ImportPlan of(List<ImportRange> ranges) {
        return new ImportPlan(ranges, -1, -1);
    }

    /** @return this plan, expecting {@code count} orders */
    public ImportPlan expecting(long count) {
        return new ImportPlan(ranges, count, heldBack);
    }

    /** @return this plan, with {@code count} orders held back by a delay setting */
    public ImportPlan holdingBack(long count) {
        return new ImportPlan(ranges, expected, count);
    }
}
