package io.storelink.magento2;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.RangedImport;
import io.storelink.api.Secret;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * Reads a run the way the host stores it, without the host: plans once, then every range's pages in plan order,
     * one page per {@link #next()}. A page that fails leaves the reader where it was, so the next call asks for the
     * same page again, as the host's retry does.
     */
    static final class PlanReader {
        private final RangedImport connector;
        private final ImportPlan plan;
        private final String planCursor;
        private final Instant runStart;
        private int range;
        private String pageToken;
        private String cursor;

        /** Plans a run from {@code cursor} ({@code null} on a first import), as the host does. */
        PlanReader(RangedImport connector, String cursor, Instant runStart) {
            this(connector, new ImportRequest(cursor, runStart, true));
        }

        /** Plans from this request: one that is not a run's first goes on with the run its cursor was stored in. */
        PlanReader(RangedImport connector, ImportRequest request) {
            this.connector = connector;
            this.plan = connector.planImport(request);
            this.planCursor = request.cursor();
            this.runStart = request.runStartedAt();
            this.cursor = request.cursor();
        }

        ImportPlan plan() {
            return plan;
        }

        boolean hasMore() {
            return range < plan.ranges().size();
        }

        /** @return the next page of the plan */
        OrderPage next() {
            OrderPage page = connector.fetchPage(new PageRequest(plan.ranges().get(range), pageToken, planCursor,
                    runStart));
            cursor = page.cursor();
            pageToken = page.nextPageToken();
            if (pageToken == null) {
                range++;
            }
            return page;
        }

        /** @return every page left, in order */
        List<OrderPage> rest() {
            List<OrderPage> pages = new ArrayList<>();
            while (hasMore()) {
                pages.add(next());
                if (pages.size() > 1000) {
                    throw new AssertionError("more than 1000 pages: the plan does not end");
                }
            }
            return pages;
        }

        /** @return the cursor the host would have stored last: the last page's, or the plan's own before any */
        String cursor() {
            return cursor;
        }
    }

    /** The orders of pages, in order. */
    static List<Order> orders(List<OrderPage> pages) {
        return pages.stream().flatMap(page -> page.orders().stream()).toList();
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
