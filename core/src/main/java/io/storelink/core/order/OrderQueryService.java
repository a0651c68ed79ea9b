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
     * One page of a connection's imported orders, oldest first.
     *
     * @param connectionName the connection
     * @param query the filters and the page
     * @return the page, with the cursor of the next one
     * @throws ValidationException naming the field when the limit is out of range or the cursor is not one this
     *         service made
     */
    public OrderPage page(String connectionName, OrderQuery query) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (query.limit() < OrderQuery.MIN_LIMIT || query.limit() > OrderQuery.MAX_LIMIT) {
            errors.add(new FieldError("limit", "'" + query.limit() + "' is out of range; expected a whole number from "
                    + OrderQuery.MIN_LIMIT + " to " + OrderQuery.MAX_LIMIT));
        }
        String afterPlacedAt = null;
        Long afterId = null;
        if (query.after() != null) {
            try {
                String key = new String(java.util.Base64.getUrlDecoder().decode(query.after()),
                        java.nio.charset.StandardCharsets.UTF_8);
                int bar = key.lastIndexOf('|');
                afterId = Long.parseLong(key.substring(bar + 1));
                String placed = key.substring(0, bar);
                java.time.Instant.parse(placed);
                afterPlacedAt = placed;
            } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
                errors.add(new FieldError("after", "'" + query.after() + "' is not a page cursor; expected the "
                        + "'next' value of a page before"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Connection connection = connections.get(connectionName);
        List<OrderRepository.Keyed> rows = orders.page(connection, query, afterPlacedAt, afterId, query.limit());
        boolean more = rows.size() > query.limit();
        List<OrderRepository.Keyed> shown = more ? rows.subList(0, query.limit()) : rows;
        String next = null;
        if (more) {
            OrderRepository.Keyed last = shown.get(shown.size() - 1);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((last.placedAt() + "|" + last.id())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new OrderPage(shown.stream().map(OrderRepository.Keyed::order).toList(), next);
    }

    /**
     * @param connectionName the connection
     * @param orderNumber the order number people see
     * @return the order
     * @throws ValidationException naming the order number when it was not imported
     */
    public ImportedOrder show(String connectionName, String orderNumber) {
        Connection connection = connections.get(connectionName);
        return orders.findByNumber(connection, orderNumber).orElseThrow(() -> ValidationException.notFound(List.of(
                new FieldError("order-number", "no imported order '" + orderNumber + "' on connection "
                        + connection.name()))));
    }
}
