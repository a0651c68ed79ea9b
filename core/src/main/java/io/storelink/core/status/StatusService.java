package io.storelink.core.status;

import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRepository;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

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
        Optional<ImportRun> lastRun = orders.lastRun(connection);
        return new ConnectionStatus(connection.name(), connection.platform(), lastRun,
                orders.countByFulfilment(connection),
                lastRun.map(run -> orders.failures(run.id())).orElse(List.of()), orders.lastFailedRun(connection),
                shipments.countByState(connection), shipments.list(connection, null).stream()
                        .filter(shipment -> !shipment.state().equals(ShipmentRecord.SENT)).toList());
    }
}
