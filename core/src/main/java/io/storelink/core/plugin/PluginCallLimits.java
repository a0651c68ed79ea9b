package io.storelink.core.plugin;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How long each kind of call into a plugin may take before the host gives up on it. A call past its limit fails
 * that run, that test or that notification with {@link io.storelink.api.ErrorKind#PLUGIN_FAILURE}; the process
 * goes on. Set under {@code storelink.plugin-time-limits} in the host config.
 *
 * @param descriptor {@code Platform.descriptor()}, once per plugin at load
 * @param connect {@code Platform.connect(...)}, which must do no I/O
 * @param check {@code StoreConnector.check()}, the whole connection test
 * @param fetchBatch one {@code StoreConnector.fetchOrders(...)} call
 * @param notifyShipment one {@code StoreConnector.notifyShipment(...)} call
 * @param close {@code StoreConnector.close()}
 * @param planImport one {@code RangedImport.planImport(...)} call
 * @param fetchPage one {@code RangedImport.fetchPage(...)} call
 */
public record PluginCallLimits(Duration descriptor, Duration connect, Duration check, Duration fetchBatch,
                               Duration notifyShipment, Duration close, Duration planImport, Duration fetchPage) {

    /** The defaults of {@code reference.conf}. */
    public static final PluginCallLimits DEFAULTS = new PluginCallLimits(Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(2),
            Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5));

    public PluginCallLimits {
        positive("descriptor", descriptor);
        positive("connect", connect);
        positive("check", check);
        positive("fetch-batch", fetchBatch);
        positive("notify-shipment", notifyShipment);
        positive("close", close);
        positive("plan-import", planImport);
        positive("fetch-page", fetchPage);
    }

    private static void positive(String name, Duration limit) {
        requireNonNull(limit, name + " is null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("storelink.plugin-time-limits." + name + " must be more than 0: "
                    + limit);
        }
    }
}
