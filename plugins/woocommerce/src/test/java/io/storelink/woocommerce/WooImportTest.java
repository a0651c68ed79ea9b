package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderLine;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order import against the stand-in store over loopback HTTP. */
final class WooImportTest {

    private static final Instant RUN = Instant.parse("2026-12-03T15:00:00Z");

    private final WooStandIn store = new WooStandIn();

    @AfterEach
    void stop() {
        store.close();
    }

    /** Runs an import as the host does: a plan from the stored cursor, then the pages of its range in order. */
    private static Run run(WooConnector connector, String cursor, Instant startedAt) {
        Run run = new Run();
        ImportPlan plan = connector.planImport(new ImportRequest(cursor, startedAt, true));
        String stored = cursor;
        String token = null;
        do {
            OrderPage page = connector.fetchPage(new PageRequest(plan.ranges().get(0), token, cursor, startedAt));
            assertThat(page.cursor()).as("the cursor moves every page").isNotEqualTo(stored);
            stored = page.cursor();
            token = page.nextPageToken();
            run.orders.addAll(page.orders());
            run.failed.addAll(page.failed());
            run.pages++;
        } while (token != null);
        run.cursor = stored;
        return run;
    }

    /** The first page of a run from {@code cursor}, as the host asks for it. */
    private static OrderPage firstPage(WooConnector connector, String cursor) {
        return connector.fetchPage(new PageRequest(ImportRange.ALL, null, cursor, RUN));
    }

    private static final class Run {
        final List<Order> orders = new ArrayList<>();
        final List<OrderBatch.Failure> failed = new ArrayList<>();
        int pages;
        String cursor;

        List<String> ids() {
            return orders.stream().map(Order::platformOrderId).toList();
        }
    }

    @Test
    void importsEveryOrderOfThreePagesOnceThenNothingNewOnTheNextRun() {
        store.serveOrders(WooStandIn.orders(1, 250), List.of());
        try (WooConnector connector = store.connect()) {
            Run first = run(connector, null, RUN);

            assertThat(first.pages).isEqualTo(3);
            assertThat(first.ids()).hasSize(250).doesNotHaveDuplicates();
            assertThat(new HashSet<>(first.ids())).containsAll(List.of("1", "100", "101", "250"));
            assertThat(first.failed).isEmpty();
            store.server.verify(3, getRequestedFor(urlPathEqualTo(WooStandIn.API + "/orders"))
                    .withQueryParam("per_page", equalTo("100")).withQueryParam("orderby", equalTo("id")));
            store.server.verify(2, getRequestedFor(urlPathEqualTo(WooStandIn.API + "/orders"))
                    .withQueryParam("per_page", equalTo("1")));

            Run second = run(connector, first.cursor, RUN.plus(Duration.ofHours(1)));

            assertThat(second.orders).isEmpty();
            // The next scan asks only for orders modified since shortly before the first scan started (GMT).
            store.server.verify(1, getRequestedFor(urlPathEqualTo(WooStandIn.API + "/orders"))
                    .withQueryParam("modified_after", equalTo("2026-12-03T14:45:00"))
                    .withQueryParam("dates_are_gmt", equalTo("true")));
        }
    }

    @Test
    void mapsAnOrderToTheCanonicalOne() {
        store.serveOrders(WooStandIn.orders(7, 7), List.of());
        try (WooConnector connector = store.connect()) {
            Order order = run(connector, null, RUN).orders.get(0);

            assertThat(order.platformOrderId()).isEqualTo("7");
            assertThat(order.orderNumber()).isEqualTo("7");
            assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-03-21T16:46:41Z"));
            assertThat(order.updatedAt()).isEqualTo(Instant.parse("2026-03-22T08:00:00Z"));
            assertThat(order.totals().currency()).isEqualTo("EUR");
            assertThat(order.totals().grandTotal()).isEqualByComparingTo("38.12");
            assertThat(order.totals().subtotal()).isEqualByComparingTo("27.90");
            assertThat(order.totals().shipping()).isEqualByComparingTo("4.90");
            assertThat(order.totals().tax()).isEqualByComparingTo("5.32");
            assertThat(order.customer().email()).isEqualTo("ada@example.com");
            assertThat(order.customer().guest()).isTrue();
            assertThat(order.shippingAddress().street()).containsExactly("2 Difference Road", "Unit 3");
            assertThat(order.shippingAddress().company()).isEqualTo("Engines Ltd");
            assertThat(order.billingAddress().street()).containsExactly("1 Analytical Way");
            assertThat(order.billingAddress().countryCode()).isEqualTo("GB");
            assertThat(order.shippingMethod().code()).isEqualTo("flat_rate");
            assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::quantityOrdered)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("71", "SKU-A", new BigDecimal("2")),
                            org.assertj.core.groups.Tuple.tuple("72", "SKU-B", new BigDecimal("1")));
            assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("9.95"));
        }
    }

    @Test
    void resumesFromAStoredCursorAfterARestartWithoutSkippingOrdersThatMovedPages() {
        store.serveOrders(WooStandIn.orders(1, 250), List.of());
        String cursor;
        try (WooConnector connector = store.connect()) {
            OrderPage page = firstPage(connector, null);
            assertThat(page.orders()).hasSize(100);
            assertThat(page.hasMore()).isTrue();
            assertThat(page.remaining()).isEqualTo(150);
            cursor = page.cursor();
        }
        // Meanwhile orders 1 to 10 were completed elsewhere: every later order moves ten places up the list.
        store.server.resetMappings();
        store.serveOrders(WooStandIn.orders(11, 250), List.of());

        try (WooConnector restarted = store.connect()) {
            Run rest = run(restarted, cursor, RUN.plusSeconds(60));

            List<String> expected = WooStandIn.orders(101, 250).stream().map(o -> o.path("id").asText()).toList();
            assertThat(rest.ids()).containsAll(expected).doesNotHaveDuplicates();
            assertThat(rest.ids()).noneMatch(id -> Long.parseLong(id) <= 100);
            // Page 2 now starts at order 111: without looking back, orders 101 to 110 would have been skipped.
            assertThat(rest.ids()).startsWith("101");
        }
    }

    @Test
    void endsTheScanWhenTheListShrankToWhereItStoodWithoutAskingPastItsEnd() {
        store.serveOrders(WooStandIn.orders(1, 300), List.of());
        String cursor;
        try (WooConnector connector = store.connect()) {
            OrderPage first = firstPage(connector, null);
            cursor = connector.fetchPage(new PageRequest(ImportRange.ALL, first.nextPageToken(), null, RUN)).cursor();
        }
        // Orders 1 to 100 and 201 to 300 were completed elsewhere: 100 orders remain, all taken already.
        store.server.resetMappings();
        store.server.resetRequests();
        store.serveOrders(WooStandIn.orders(101, 200), List.of());
        try (WooConnector connector = store.connect()) {
            OrderPage last = firstPage(connector, cursor);

            assertThat(last.orders()).isEmpty();
            assertThat(last.hasMore()).isFalse();
            assertThat(last.cursor()).isNotEqualTo(cursor);
        }
        store.server.verify(0, getRequestedFor(urlPathEqualTo(WooStandIn.API + "/orders"))
                .withQueryParam("per_page", equalTo("100")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void reportsAnOrderWithoutSkuOrQuantityAsUnreadableWithTheFieldAndGoesOn() {
        ObjectNode noSku = WooStandIn.order(2);
        ((ObjectNode) noSku.path("line_items").get(1)).put("sku", "");
        ObjectNode noQuantity = WooStandIn.order(3);
        ((ObjectNode) noQuantity.path("line_items").get(0)).remove("quantity");
        store.serveOrders(List.of(WooStandIn.order(1), noSku, noQuantity, WooStandIn.order(4)), List.of());
        try (WooConnector connector = store.connect()) {
            Run run = run(connector, null, RUN);

            assertThat(run.ids()).containsExactly("1", "4");
            assertThat(run.failed).extracting(OrderBatch.Failure::platformOrderId).containsExactly("2", "3");
            assertThat(run.failed.get(0).reason()).contains("line_items[1].sku is missing");
            assertThat(run.failed.get(1).reason()).contains("line_items[0].quantity is missing");
        }
    }

    @Test
    void mapsStatusesToErrorKindsAndPassesRetryAfterOn() {
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertThat(fetchFailure()).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":\"internal_server_error\"}")));
        assertThat(fetchFailure().kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"code\":\"rest_no_route\",\"message\":"
                        + "\"No route was found matching the URL and request method.\"}")));
        assertThat(fetchFailure()).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.getMessage()).contains("rest_no_route").contains("permalinks");
        });
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":\"rest_invalid_param\",\"message\":"
                        + "\"Invalid parameter(s): status\"}")));
        assertThat(fetchFailure()).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(e.getMessage()).contains("HTTP 400").contains("Invalid parameter(s): status");
        });
    }

    @Test
    void refusesWrongKeysAsAuthenticationWithoutNamingTheSecret() {
        store.serveOrders(WooStandIn.orders(1, 3), List.of());
        try (WooConnector connector = new WooConnector(WooConfig.from(WooStandIn.config(store.url(),
                WooStandIn.KEY, "cs_wrong_secret_42")), WooStandIn.context(1024 * 1024))) {
            assertThatThrownBy(() -> firstPage(connector, null))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                        assertThat(e.getMessage()).contains("HTTP 401").contains("woocommerce_rest_cannot_view")
                                .doesNotContain("cs_wrong_secret_42").doesNotContain(WooStandIn.KEY);
                    });
        }
    }

    @Test
    void refusesAnAnswerLargerThanTheLimitByItsContentLength() {
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(okJson("[" + "{}, ".repeat(500) + "{}]").withHeader("X-WP-TotalPages", "1")));
        try (WooConnector connector = new WooConnector(WooConfig.from(store.config()), WooStandIn.context(1000))) {
            assertThatThrownBy(() -> firstPage(connector, null))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
                            .contains("more than the 1000 bytes").contains("maxResponseBytes"));
        }
        store.server.verify(getRequestedFor(urlPathEqualTo(WooStandIn.API + "/orders"))
                .withHeader("Authorization", matching("Basic .+")));
    }

    private ConnectorException fetchFailure() {
        try (WooConnector connector = store.connect()) {
            firstPage(connector, null);
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("expected the import to fail");
    }

}
