package io.storelink.woocommerce;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import as the host runs a RangedImport: one plan, then the pages of its one range, cursor stored per page. */
final class WooRangedImportTest {

    private static final Instant RUN = Instant.parse("2026-12-03T15:00:00Z");

    private final WooStandIn store = new WooStandIn();

    @AfterEach
    void stop() {
        store.close();
    }

    /** Plans from {@code cursor} and reads every page, as the host does; returns the pages. */
    private static List<OrderPage> run(WooConnector connector, String cursor) {
        ImportPlan plan = connector.planImport(new ImportRequest(cursor, RUN, true));
        assertThat(plan.ranges()).containsExactly(ImportRange.ALL);
        List<OrderPage> pages = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = null;
        do {
            OrderPage page = connector.fetchPage(new PageRequest(plan.ranges().get(0), token, cursor, RUN));
            pages.add(page);
            token = page.nextPageToken();
            assertThat(token == null || tokens.add(token)).as("page tokens never repeat").isTrue();
        } while (token != null);
        return pages;
    }

    @Test
    void readsThreePagesOfOneOpenEndedRangeAndStoresACursorWithEach() {
        store.serveOrders(WooStandIn.orders(1, 250), List.of());
        try (WooConnector connector = store.connect()) {
            List<OrderPage> pages = run(connector, null);

            assertThat(pages).hasSize(3);
            assertThat(pages).extracting(OrderPage::remaining).containsExactly(150L, 50L, 0L);
            List<String> ids = pages.stream().flatMap(page -> page.orders().stream())
                    .map(Order::platformOrderId).toList();
            assertThat(ids).hasSize(250).doesNotHaveDuplicates().startsWith("1").endsWith("250");
            assertThat(pages.stream().map(OrderPage::cursor).distinct()).hasSize(3);

            // The next run starts a new scan of orders modified since shortly before this one began.
            List<OrderPage> next = run(connector, pages.get(2).cursor());
            assertThat(next).hasSize(1);
            assertThat(next.get(0).orders()).isEmpty();
            assertThat(next.get(0).hasMore()).isFalse();
        }
    }

    @Test
    void resumesAfterACrashFromThePageCursorWithoutSkippingOrdersThatMovedUp() {
        store.serveOrders(WooStandIn.orders(1, 250), List.of());
        String stored;
        try (WooConnector connector = store.connect()) {
            OrderPage first = connector.fetchPage(new PageRequest(ImportRange.ALL, null, null, RUN));
            assertThat(first.orders()).hasSize(100);
            stored = first.cursor();
        }
        // Orders 1 to 10 shipped elsewhere meanwhile: every later order moved ten places up the list.
        store.server.resetMappings();
        store.serveOrders(WooStandIn.orders(11, 250), List.of());
        try (WooConnector restarted = store.connect()) {
            List<String> ids = run(restarted, stored).stream().flatMap(page -> page.orders().stream())
                    .map(Order::platformOrderId).toList();

            assertThat(ids).startsWith("101").doesNotHaveDuplicates().hasSize(150);
        }
    }

    @Test
    void refusesACursorThatIsNotWooCommercesWhenPlanning() {
        try (WooConnector connector = store.connect()) {
            assertThatThrownBy(() -> connector.planImport(new ImportRequest("ids:1-5", RUN, true)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
                        assertThat(e.getMessage()).contains("'ids:1-5'").contains("expected v1:");
                    });
        }
    }
}
