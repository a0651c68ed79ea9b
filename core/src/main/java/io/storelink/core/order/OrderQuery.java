package io.storelink.core.order;

import java.time.Instant;

/**
 * Which imported orders to list, and which page: orders are listed oldest first (by when they were placed), and a
 * page continues after the last order of the page before it (keyset paging: stable while orders are imported).
 *
 * @param status only orders with this platform status, or {@code null}
 * @param fulfilment only orders in this fulfilment state, or {@code null}
 * @param placedSince only orders placed at or after this instant, or {@code null}
 * @param search only orders whose number or customer e-mail contains this text (any case), or {@code null}
 * @param after the {@link OrderPage#next()} of the page before, or {@code null} for the first page
 * @param limit at most this many orders, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 */
public record OrderQuery(String status, Fulfilment fulfilment, Instant placedSince, String search, String after,
                         int limit) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;
}
