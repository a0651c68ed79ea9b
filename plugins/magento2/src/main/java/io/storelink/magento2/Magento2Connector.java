package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.RangedImport;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;

import static java.util.Objects.requireNonNull;

/**
 * A live link to one Magento 2 store: its client, the connection test, the order import and the ship notifications,
 * wired by hand. The import is a {@link RangedImport}: the host plans a run, reads its ranges' pages (several at
 * once, on its own threads) and stores them in plan order; the plugin keeps no threads of its own. The host never
 * calls {@code fetchOrders} on a {@code RangedImport}, so it keeps the API's default.
 */
final class Magento2Connector implements StoreConnector, RangedImport {

    private final Magento2Client client;
    private final Magento2ConnectionCheck check;
    private final Magento2OrderImport orderImport;
    private final Magento2ShipmentNotifier shipmentNotifier;

    Magento2Connector(Magento2Config config, PlatformContext context) {
        requireNonNull(config, "config is null");
        this.client = new Magento2Client(config, requireNonNull(context, "context is null"));
        Magento2StoreViews storeViews = new Magento2StoreViews(config, client);
        this.check = new Magento2ConnectionCheck(config, client, storeViews);
        this.orderImport = new Magento2OrderImport(config, client, storeViews);
        this.shipmentNotifier = new Magento2ShipmentNotifier(config, client);
    }

    @Override
    public ConnectionCheck check() {
        return check.run();
    }

    @Override
    public ImportPlan planImport(ImportRequest request) {
        return orderImport.planImport(requireNonNull(request, "request is null"));
    }

    @Override
    public OrderPage fetchPage(PageRequest request) {
        return orderImport.fetchPage(requireNonNull(request, "request is null"));
    }

    @Override
    public ShipmentResult notifyShipment(Shipment shipment) {
        return shipmentNotifier.notifyShipment(requireNonNull(shipment, "shipment is null"));
    }

    /**
     * Stops whatever is in flight at once, each call ending as {@code CANCELLED}: the host also closes a connector
     * whose call outran its time limit, from another thread, while that call still runs.
     */
    /** Every request goes through the plugin SDK's {@code StoreHttp}, which holds a request slot only while it sends. */
    @Override
    public boolean requestsThroughGate() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }
}
