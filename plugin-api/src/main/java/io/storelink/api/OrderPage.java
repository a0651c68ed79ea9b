package io.storelink.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One page of a planned range: its orders, where the range goes on, and the cursor to store with it.
 *
 * @param orders the orders, possibly empty
 * @param failed orders the store returned that the connector could not read; the host records them and goes on
 * @param nextPageToken what to hand back to read the range's next page, or {@code null} once the range is done
 * @param cursor the import cursor to store with this page; the host stores pages in plan order, so it may assume
 *        every range before this one is stored; never {@code null}
 * @param remaining how many more orders the store reported for this range after this page, or {@code -1}
 * @since 1.2.0
 */
public record OrderPage(List<Order> orders, List<OrderBatch.Failure> failed, String nextPageToken, String cursor,
                        long remaining) {

    public OrderPage {
        orders = List.copyOf(requireNonNull(orders, "orders is null"));
        failed = List.copyOf(requireNonNull(failed, "failed is null"));
        requireNonNull(cursor, "cursor is null");
        if (remaining < -1) {
            throw new IllegalArgumentException("remaining is a count, or -1 when unknown");
        }
    }

    /** @return the last page of its range */
    public static OrderPage last(List<Order> orders, String cursor) {
        return new OrderPage(orders, List.of(), null, cursor, 0);
    }

    /** @return a page after which the range goes on at {@code nextPageToken} */
    public static OrderPage more(List<Order> orders, String nextPageToken, String cursor) {
        return new OrderPage(orders, List.of(), requireNonNull(nextPageToken, "nextPageToken is null"), cursor, -1);
    }

    /** @return this page, with orders the connector could not read */
    public OrderPage withFailed(List<OrderBatch.Failure> unreadable) {
        return new OrderPage(orders, unreadable, nextPageToken, cursor, remaining);
    }

    /** @return this page, with the count of orders the store reported after it in the range */
    public OrderPage withRemaining(long count) {
        return new OrderPage(orders, failed, nextPageToken, cursor, count);
    }

    /** @return whether the range has more pages */
    public boolean hasMore() {
        return nextPageToken != null;
    }
}
