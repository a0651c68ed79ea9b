package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An order Magento returns in an impossible shape is reported, and the orders around it are still imported. */
final class Magento2OrderImportFailureTest {

    /** The first page of a run's one, open-ended range. */
    private static final PageRequest WHOLE_RUN = new PageRequest(new Magento2OrderImport.Range(0, Long.MAX_VALUE, 0)
            .token(), null, null, Instant.parse("2026-11-27T10:00:00Z"));

    @Test
    void reportsAnUnreadableOrderAndImportsTheRest() {
        String page = """
                {"items": [
                  {"entity_id": 1, "increment_id": "000000001", "status": "processing", "order_currency_code": "EUR",
                   "grand_total": 10, "created_at": "2026-11-01 10:00:00", "items": [{"item_id": 1, "sku": "A",
                   "qty_ordered": 1, "product_type": "simple"}]},
                  {"entity_id": 2, "increment_id": "000000002", "status": "processing", "order_currency_code": "EUR",
                   "grand_total": 10, "created_at": "yesterday", "items": [{"item_id": 2, "sku": "B",
                   "qty_ordered": 1, "product_type": "simple"}]},
                  {"entity_id": 3, "increment_id": "000000003", "status": "processing", "order_currency_code": "EUR",
                   "grand_total": 20, "created_at": "2026-11-01 11:00:00", "items": [{"item_id": 3, "sku": "C",
                   "qty_ordered": 2, "product_type": "simple"}]}
                ], "search_criteria": {}, "total_count": 3}
                """;
        try (FixtureServer server = new FixtureServer().respond(200, "application/json", page, Map.of());
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            Magento2Config config = Magento2TestSupport.config(server.baseUrl());
            OrderPage read = new Magento2OrderImport(config, client, new Magento2StoreViews(config, client))
                    .fetchPage(WHOLE_RUN);

            assertThat(read.orders()).extracting(Order::orderNumber).containsExactly("000000001", "000000003");
            assertThat(read.failed()).singleElement().satisfies(failure -> {
                assertThat(failure.platformOrderId()).isEqualTo("2");
                assertThat(failure.reason()).contains("created_at").contains("yesterday");
            });
            assertThat(read.hasMore()).isFalse();
            assertThat(Magento2ImportCursor.decode(read.cursor()).lastId()).as("the unreadable order is passed")
                    .isEqualTo(3);
        }
    }

    @Test
    void aPageWithoutOneReadableEntityIdFailsRatherThanBeAskedForAgainForever() {
        String page = """
                {"items": [
                  {"entity_id": "abc", "increment_id": "000000001"},
                  {"entity_id": {}, "increment_id": "000000002"}
                ], "total_count": 5}
                """;
        try (FixtureServer server = new FixtureServer().respond(200, "application/json", page, Map.of());
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            Magento2Config config = Magento2TestSupport.config(server.baseUrl());

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> new Magento2OrderImport(
                    config, client, new Magento2StoreViews(config, client)).fetchPage(WHOLE_RUN));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(e.isRetriable()).as("the same page would come again").isFalse();
            assertThat(e.getMessage()).contains("with 2 orders, none with a readable entity_id")
                    .contains("order 000000001: entity_id is \"abc\", expected a number");
        }
    }

    /**
     * An answer that is not a readable page must fail the page, retriably, and never come back as an empty last
     * page: the host would record that run as "succeeded, found 0" and move the cursor past orders it never saw.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"total_count\": 3}",
        "{\"items\": {}, \"total_count\": 3}",
        "{\"items\": null, \"total_count\": 3}",
        "{\"total_count\": 3, \"items\": [null, {\"entity_id\": 1}]}",
        "{\"items\": [], \"total_count\": 3}",
        "{\"items\": [{\"entity_id\": 1, \"increment_id\": \"000000001\"",
        ""})
    void aPageThatCannotBeReadFailsInsteadOfEndingTheRunEmpty(String page) {
        try (FixtureServer server = new FixtureServer().respond(200, "application/json", page, Map.of());
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            Magento2Config config = Magento2TestSupport.config(server.baseUrl());
            Magento2OrderImport orderImport = new Magento2OrderImport(config, client,
                    new Magento2StoreViews(config, client));

            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> orderImport.fetchPage(WHOLE_RUN));

            assertThat(e).as("no page comes back").isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("GET /V1/orders");
        }
    }
}
