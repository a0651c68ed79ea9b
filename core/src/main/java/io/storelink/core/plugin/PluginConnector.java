package io.storelink.core.plugin;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderBatch;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;

/**
 * A connector a plugin built, as the host uses it: every call runs through the plugin's invoker, so it sees the
 * plugin's context class loader and its failures name the plugin.
 */
public final class PluginConnector implements AutoCloseable {

    private final PlatformPlugin plugin;
    private final StoreConnector connector;

    PluginConnector(PlatformPlugin plugin, StoreConnector connector) {
        this.plugin = plugin;
        this.connector = connector;
    }

    /** @return the diagnostic steps, see {@link StoreConnector#check()} */
    public ConnectionCheck check() {
        return plugin.within("check", connector::check);
    }

    /** @param request where to continue @return the next batch, see {@link StoreConnector#fetchOrders} */
    public OrderBatch fetchOrders(ImportRequest request) {
        return plugin.within("fetchOrders", () -> connector.fetchOrders(request));
    }

    /** @param shipment what shipped @return what the store recorded, see {@link StoreConnector#notifyShipment} */
    public ShipmentResult notifyShipment(Shipment shipment) {
        return plugin.within("notifyShipment", () -> connector.notifyShipment(shipment));
    }

    @Override
    public void close() {
        plugin.within("close", () -> {
            connector.close();
            return null;
        });
    }
}
