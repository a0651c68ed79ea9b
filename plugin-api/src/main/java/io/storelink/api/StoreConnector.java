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
        throw new ConnectorException(ErrorKind.NOT_SUPPORTED, false, "This platform has no connection test");
    }

    /** Releases the connector's resources. Must not throw for an idle connector. */
    @Override
    void close();
}
