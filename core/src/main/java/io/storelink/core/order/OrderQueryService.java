package io.storelink.core.order;

import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.storage.StorageException;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
     * Writes a connection's imported orders as JSON Lines, oldest first: one canonical JSON document per order, each
     * with its line end in one write, so that when a write fails only whole orders were handed on. Every write is
     * checked; the stream is neither flushed nor closed.
     *
     * @param connectionName the connection
     * @param status only orders with this platform status, or {@code null} for all
     * @param out where to write
     * @return how many orders were written
     * @throws ValidationException when there is no such connection; nothing was written
     * @throws ExportException when a write failed or a stored order could not be read, with how far it got
     */
    public long exportJsonLines(String connectionName, String status, OutputStream out) throws ExportException {
        Connection connection = connections.get(connectionName);
        long[] total = {0};
        long[] written = {0};
        try {
            orders.forEach(connection, status, count -> total[0] = count, order -> {
                byte[] json = OrderJson.writeBytes(order.order());
                byte[] line = Arrays.copyOf(json, json.length + 1);
                line[json.length] = '\n';
                try {
                    out.write(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0]++;
            });
        } catch (UncheckedIOException | IllegalStateException | StorageException e) {
            throw new ExportException(written[0], total[0], e);
        }
        return written[0];
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
