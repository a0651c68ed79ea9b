package io.storelink.core.order;

import io.storelink.api.Order;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An order as stored for a connection.
 *
 * @param connection the connection's name
 * @param importedAt when Storelink imported it
 * @param fulfilment {@code open}, {@code partly_shipped} or {@code shipped}
 * @param order the canonical order as imported
 */
public record ImportedOrder(String connection, Instant importedAt, Fulfilment fulfilment, Order order) {
    public ImportedOrder {
        requireNonNull(connection, "connection is null");
        requireNonNull(importedAt, "importedAt is null");
        requireNonNull(fulfilment, "fulfilment is null");
        requireNonNull(order, "order is null");
    }
}
