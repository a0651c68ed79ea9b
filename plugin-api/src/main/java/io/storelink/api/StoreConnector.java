package io.storelink.api;

/**
 * A live link to one store, built by {@link Platform#connect(ConnectionConfig, PlatformContext)} for one
 * connection. It holds the plugin's HTTP client and whatever else it needs; the host closes it when done.
 *
 * <p>Operations a platform does not declare in its {@link Capability capabilities} keep their default, which
 * refuses with {@link ErrorKind#NOT_SUPPORTED}.
 *
 * @since 1.0.0
 */
public interface StoreConnector extends AutoCloseable {

    /**
     * Runs the platform's diagnostic steps in order (reachability, TLS, API, credentials, permissions, store
     * scope). Called by {@code connections test}; may block on the network.
     *
     * @return every step, passed, failed or skipped, in order
     */
    default ConnectionCheck check() {
        throw ConnectorException.of(ErrorKind.NOT_SUPPORTED, "This platform has no connection test");
    }

    /**
     * Fetches the next batch of orders that are ready to ship, as the connection's settings define them.
     *
     * <p>Called by the host's import engine repeatedly while {@link OrderBatch#hasMore()}, on one thread per
     * connection; it blocks on the network. Transient failures (timeouts, 5xx, 429) are thrown as retriable
     * {@link ConnectorException}s and the host retries the same request.
     *
     * @param request the cursor to continue from
     * @return the batch
     */
    default OrderBatch fetchOrders(ImportRequest request) {
        throw ConnectorException.of(ErrorKind.NOT_SUPPORTED, "This platform does not import orders");
    }

    /**
     * Tells the store that (part of) an order shipped, with its tracking numbers.
     *
     * <p>Called by the host's outbox, possibly from several threads at once for different orders; blocks on the
     * network. It must be safe to retry: when {@link Shipment#attempt()} is above 1 an earlier attempt may have
     * reached the store, so the connector looks for its shipment (by tracking number or idempotency key) before it
     * creates one, and returns it with {@link ShipmentResult#alreadyExisted()} set. Refusals name the order, the SKU
     * and the quantity, for example "3 requested, 1 left to ship".
     *
     * @param shipment what shipped
     * @return what the store recorded
     */
    default ShipmentResult notifyShipment(Shipment shipment) {
        throw ConnectorException.of(ErrorKind.NOT_SUPPORTED, "This platform does not take ship notifications");
    }

    /** Releases the connector's resources. Must not throw for an idle connector. */
    @Override
    void close();
}
