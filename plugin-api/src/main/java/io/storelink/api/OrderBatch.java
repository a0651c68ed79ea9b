package io.storelink.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One batch of orders ready to ship, and where to continue.
 *
 * <p>The host stores the orders and {@link #nextCursor()} in one transaction, so after a crash the next run starts
 * from the last stored batch. A connector may return an order it returned before (the host imports each order once
 * per connection); it must never skip one.
 *
 * @param orders the orders, possibly empty
 * @param nextCursor what to hand back in the next {@link ImportRequest}; never {@code null}
 * @param hasMore whether the host should ask again in this run
 * @param remaining how many more orders the store reported after this batch, or {@code -1} if unknown; for progress
 * @param heldBack how many orders match the import status but are held back by a delay setting, or {@code -1} if
 *        the connector did not count them; reported on a run's first batch
 * @param failed orders the store returned that the connector could not read; the host records them and goes on
 * @since 1.0.0
 */
public record OrderBatch(List<Order> orders, String nextCursor, boolean hasMore, long remaining, long heldBack,
                         List<Failure> failed) {

    public OrderBatch {
        orders = List.copyOf(requireNonNull(orders, "orders is null"));
        requireNonNull(nextCursor, "nextCursor is null");
        failed = List.copyOf(requireNonNull(failed, "failed is null"));
    }

    /** A batch in which every order could be read. */
    public OrderBatch(List<Order> orders, String nextCursor, boolean hasMore, long remaining, long heldBack) {
        this(orders, nextCursor, hasMore, remaining, heldBack, List.of());
    }

    /**
     * An order the connector could not turn into an {@link Order}.
     *
     * @param platformOrderId the platform's id of the order, or its number if the id is unreadable
     * @param reason what was wrong with it
     */
    public record Failure(String platformOrderId, String reason) {
        public Failure {
            requireNonNull(platformOrderId, "platformOrderId is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
