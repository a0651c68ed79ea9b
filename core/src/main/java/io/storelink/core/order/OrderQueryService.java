package io.storelink.core.order;

import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Consumer;

/** Reads a connection's imported orders: list, show, export. */
public final class OrderQueryService {

    private final ConnectionService connections;
    private final OrderRepository orders;

    @Inject
    public OrderQueryService(ConnectionService connections, OrderRepository orders) {
        this.connections = connections;
        this.orders = orders;
    }

    /**
     * Streams a connection's imported orders, oldest first.
     *
     * @param connectionName the connection
     * @param status only orders with this platform status, or {@code null} for all
     * @param each called once per order
     */
    public void forEach(String connectionName, String status, Consumer<ImportedOrder> each) {
        orders.forEach(connections.get(connectionName), status, each);
    }

    /**
     * @param connectionName the connection
     * @param orderNumber the order number people see
     * @return the order
     * @throws ValidationException naming the order number when it was not imported
     */
    public ImportedOrder show(String connectionName, String orderNumber) {
        Connection connection = connections.get(connectionName);
        return orders.findByNumber(connection, orderNumber).orElseThrow(() -> new ValidationException(List.of(
                new FieldError("order-number", "no imported order '" + orderNumber + "' on connection "
                        + connection.name()))));
    }
}
