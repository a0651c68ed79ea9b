package io.storelink.core.status;

import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRepository;
import jakarta.inject.Inject;

import java.util.List;

/** Builds the "Review Order Status" view. */
public final class StatusService {

    private final ConnectionService connections;
    private final OrderRepository orders;
    private final ShipmentRepository shipments;

    @Inject
    public StatusService(ConnectionService connections, OrderRepository orders, ShipmentRepository shipments) {
        this.connections = connections;
        this.orders = orders;
        this.shipments = shipments;
    }

    /**
     * @param connectionName one connection, or {@code null} for all
     * @return the status of each, by name
     */
    public List<ConnectionStatus> status(String connectionName) {
        List<Connection> selected = connectionName == null ? connections.list()
                : List.of(connections.get(connectionName));
        return selected.stream().map(this::status).toList();
    }

    private ConnectionStatus status(Connection connection) {
        return new ConnectionStatus(connection.name(), connection.platform(), orders.lastRun(connection),
                orders.countByFulfilment(connection), orders.lastFailedRun(connection),
                shipments.countByState(connection), shipments.list(connection, null).stream()
                        .filter(shipment -> !shipment.state().equals(ShipmentRecord.SENT)).toList());
    }
}
