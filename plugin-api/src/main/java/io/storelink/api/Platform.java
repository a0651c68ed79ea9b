package io.storelink.api;

import org.pf4j.ExtensionPoint;

/**
 * A store platform (Magento 2, Shopify, ...), found by PF4J in a plugin archive.
 *
 * <p>Each plugin contributes one implementation, annotated with {@code @org.pf4j.Extension}. PF4J builds it with its
 * no-argument constructor, so the implementation is a small factory: it declares what the platform needs and builds
 * a {@link StoreConnector} on demand, wiring its own collaborators by hand.
 *
 * <p>The host calls every method through one invoker that sets the thread context class loader to the plugin's own
 * loader, so libraries inside the plugin that rely on it (Jackson, {@link java.util.ServiceLoader}) work.
 *
 * @since 1.0.0
 */
public interface Platform extends ExtensionPoint {

    /**
     * What the platform is and which fields a connection to it needs.
     *
     * <p>Called once when the host loads the plugin, on the loading thread; the host keeps the result. It must not
     * block or do I/O.
     *
     * @return the descriptor, never {@code null}
     */
    PlatformDescriptor descriptor();

    /**
     * Builds a connector for one connection.
     *
     * <p>Called by the host whenever it needs to talk to the store (test, import, ship), possibly from several
     * threads for different connections. It must not do I/O itself: the first remote call happens in a method of
     * the returned connector. The host closes the connector when it is done with it.
     *
     * @param config the connection's validated values, defaults applied and secrets resolved
     * @param context services the host offers the plugin
     * @return a new connector, never {@code null}
     * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} when the values cannot work together,
     *         or {@link ErrorKind#NOT_SUPPORTED} when the platform offers no connector yet
     */
    default StoreConnector connect(ConnectionConfig config, PlatformContext context) {
        throw ConnectorException.of(ErrorKind.NOT_SUPPORTED,
                "Platform " + descriptor().id() + " does not offer a connector yet");
    }
}
