package io.storelink.core.status;

import io.storelink.api.OrderBatch;
import io.storelink.core.order.ImportRun;
import io.storelink.core.shipment.ShipmentRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How orders flow for one connection.
 *
 * @param connection the connection's name
 * @param platform the platform id
 * @param lastImport the most recent import run, if any
 * @param ordersByFulfilment imported orders by fulfilment state ({@code open}, {@code partly_shipped}, {@code shipped})
 * @param unreadableOrders the orders the last import could not read, and why
 * @param lastFailure the most recent failed import run, if any
 * @param shipmentsByState ship notifications by outbox state
 * @param unsentShipments the notifications not sent yet: pending, sending or failed, oldest first
 */
public record ConnectionStatus(String connection, String platform, Optional<ImportRun> lastImport,
                               Map<String, Long> ordersByFulfilment, List<OrderBatch.Failure> unreadableOrders,
                               Optional<ImportRun> lastFailure,
                               Map<String, Long> shipmentsByState, List<ShipmentRecord> unsentShipments) {
    public ConnectionStatus {
        requireNonNull(connection, "connection is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(lastImport, "lastImport is null");
        ordersByFulfilment = Map.copyOf(requireNonNull(ordersByFulfilment, "ordersByFulfilment is null"));
        unreadableOrders = List.copyOf(requireNonNull(unreadableOrders, "unreadableOrders is null"));
        requireNonNull(lastFailure, "lastFailure is null");
        shipmentsByState = Map.copyOf(requireNonNull(shipmentsByState, "shipmentsByState is null"));
        unsentShipments = List.copyOf(requireNonNull(unsentShipments, "unsentShipments is null"));
    }

    /** @return how many orders were imported in all */
    public long totalOrders() {
        return ordersByFulfilment.values().stream().mapToLong(Long::longValue).sum();
    }
}
