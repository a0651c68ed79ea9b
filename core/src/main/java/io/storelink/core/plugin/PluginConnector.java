package io.storelink.core.plugin;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.ImportPlan;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.RangedImport;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;

/**
 * A connector a plugin built, as the host uses it: every call is guarded by {@link PluginCall} (the plugin's
 * context class loader, a time limit, failures that name the plugin and the connection), and an answer that breaks
 * the contract (no answer at all) is the plugin's failure, not a host crash.
 */
public final class PluginConnector implements AutoCloseable {

    private final PlatformPlugin plugin;
    private final String connection;
    private final StoreConnector connector;

    PluginConnector(PlatformPlugin plugin, String connection, StoreConnector connector) {
        this.plugin = plugin;
        this.connection = connection;
        this.connector = connector;
    }

    /** @return "Plugin id version (connection name)", the subject of the host's messages about this connector */
    public String who() {
        return plugin.who(connection);
    }

    /** @return the diagnostic steps, see {@link StoreConnector#check()} */
    public ConnectionCheck check() {
        return present("check", plugin.call(connection, "check", plugin.limits().check(),
                PlatformPlugin.LIMITS + "check", connector::check));
    }

    /**
     * @param request where to continue
     * @return the next batch, see {@link StoreConnector#fetchOrders}; never {@code null}
     */
    public OrderBatch fetchOrders(ImportRequest request) {
        return present("fetchOrders", plugin.call(connection, "fetchOrders", plugin.limits().fetchBatch(),
                PlatformPlugin.LIMITS + "fetch-batch", () -> connector.fetchOrders(request)));
    }

    /**
     * @return whether the connector implements {@link RangedImport} (API 1.2): the host then imports through
     *         {@link #planImport} and {@link #fetchPage} and never calls {@link #fetchOrders}
     */
    public boolean ranged() {
        return connector instanceof RangedImport;
    }

    /**
     * @return whether the ranged connector says every request it sends goes through the context's request gate, so the
     *         host may run more page calls than requests; {@code false} for one that does not implement
     *         {@link RangedImport}
     */
    public boolean requestsThroughGate() {
        if (!(connector instanceof RangedImport ranged)) {
            return false;
        }
        return Boolean.TRUE.equals(plugin.call(connection, "requestsThroughGate", plugin.limits().connect(),
                PlatformPlugin.LIMITS + "connect", ranged::requestsThroughGate));
    }

    /**
     * @param request the stored cursor and the run's start
     * @return the run's plan, see {@link RangedImport#planImport}; never {@code null}
     * @throws IllegalStateException when the connector is not {@link #ranged()}
     */
    public ImportPlan planImport(ImportRequest request) {
        RangedImport ranged = rangedConnector();
        return present("planImport", plugin.call(connection, "planImport", plugin.limits().planImport(),
                PlatformPlugin.LIMITS + "plan-import", () -> ranged.planImport(request)));
    }

    /**
     * May be called from several threads at once, as {@link RangedImport} allows.
     *
     * @param request the range and page token
     * @return the page, see {@link RangedImport#fetchPage}; never {@code null}
     * @throws IllegalStateException when the connector is not {@link #ranged()}
     */
    public OrderPage fetchPage(PageRequest request) {
        RangedImport ranged = rangedConnector();
        return present("fetchPage", plugin.call(connection, "fetchPage", plugin.limits().fetchPage(),
                PlatformPlugin.LIMITS + "fetch-page", () -> ranged.fetchPage(request)));
    }

    private RangedImport rangedConnector() {
        if (connector instanceof RangedImport ranged) {
            return ranged;
        }
        throw new IllegalStateException(who() + " does not implement RangedImport; import it with fetchOrders");
    }

    /**
     * @param shipment what shipped
     * @return what the store recorded, see {@link StoreConnector#notifyShipment}; never {@code null}
     */
    public ShipmentResult notifyShipment(Shipment shipment) {
        return present("notifyShipment", plugin.call(connection, "notifyShipment", plugin.limits().notifyShipment(),
                PlatformPlugin.LIMITS + "notify-shipment", () -> connector.notifyShipment(shipment)));
    }

    private <T> T present(String operation, T answer) {
        if (answer == null) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who() + " returned nothing from "
                    + operation + " (null); the host needs an answer or an exception");
        }
        return answer;
    }

    /**
     * Closes the plugin's connector.
     *
     * @throws ConnectorException when the plugin fails to close; callers that already have a failure add it as
     *         suppressed, so the user sees the real failure first
     */
    @Override
    public void close() {
        plugin.call(connection, "close", plugin.limits().close(), PlatformPlugin.LIMITS + "close", () -> {
            connector.close();
            return null;
        });
    }
}
