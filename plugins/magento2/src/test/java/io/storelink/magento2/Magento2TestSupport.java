package io.storelink.magento2;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.Order;
import io.storelink.api.PlatformContext;
import io.storelink.api.Secret;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what the host would hand the plugin: a context and a connection's typed values. */
final class Magento2TestSupport {

    static final String TOKEN = "test-token";

    private Magento2TestSupport() {
    }

    static PlatformContext context() {
        return context(Duration.ofSeconds(5));
    }

    static PlatformContext context(Duration requestTimeout) {
        return context(requestTimeout, Duration.ofMinutes(2), 64L * 1024 * 1024);
    }

    /** A context with the host's two hard limits set: the overall request deadline and the response cap. */
    static PlatformContext context(Duration requestTimeout, Duration requestDeadline, long maxResponseBytes) {
        return new PlatformContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public String userAgent() {
                return "Storelink/test";
            }

            @Override
            public Duration requestTimeout() {
                return requestTimeout;
            }

            @Override
            public Duration requestDeadline() {
                return requestDeadline;
            }

            @Override
            public long maxResponseBytes() {
                return maxResponseBytes;
            }
        };
    }

    /** The required values for a store, and the settings' defaults as the host applies them. */
    static Map<String, Object> values(URI storeUrl) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Magento2Platform.ACCESS_TOKEN, Secret.of(TOKEN));
        values.put(Magento2Platform.STORE_URL, storeUrl);
        values.put(Magento2Platform.ORDER_IMPORT_STATUS, "processing");
        values.put(Magento2Platform.IMPORT_DELAY, 0L);
        values.put(Magento2Platform.INCLUDE_BUNDLE_PARENT, false);
        values.put(Magento2Platform.COMPACT_SHIP_NOTIFICATION, true);
        return values;
    }

    static Magento2Config config(Map<String, Object> values) {
        return Magento2Config.from(new ConnectionConfig("test-store", values));
    }

    static Magento2Config config(URI storeUrl) {
        return config(values(storeUrl));
    }

    /** The entity ids of imported orders, in order. */
    static List<Long> ids(List<Order> orders) {
        return orders.stream().map(order -> Long.parseLong(order.platformOrderId())).toList();
    }

    /** Sandboxes and connectors a test opens, closed after it; register it with {@code @RegisterExtension}. */
    static final class Opened implements AfterEachCallback {
        private final List<AutoCloseable> resources = new ArrayList<>();

        /** A started sandbox with {@code orderCount} seeded orders and a token that may do anything. */
        MagentoSandbox sandbox(int orderCount) {
            MagentoSandbox sandbox = MagentoSandbox.builder().port(0).seed(11).orderCount(orderCount)
                    .token(TOKEN, Acl.ALL).build();
            sandbox.start();
            resources.add(sandbox);
            return sandbox;
        }

        Magento2Connector connector(Map<String, Object> values, int pageSize) {
            Magento2Connector connector = new Magento2Connector(config(values).withPageSize(pageSize), context());
            resources.add(connector);
            return connector;
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
            resources.clear();
        }
    }
}
