package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An order Magento returns in an impossible shape is reported, and the orders around it are still imported. */
final class Magento2OrderImportFailureTest {

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
            OrderBatch batch = new Magento2OrderImport(config, client, new Magento2StoreViews(config, client))
                    .fetchOrders(new ImportRequest(null, Instant.parse("2026-11-27T10:00:00Z"), true));

            assertThat(batch.orders()).extracting(Order::orderNumber).containsExactly("000000001", "000000003");
            assertThat(batch.failed()).singleElement().satisfies(failure -> {
                assertThat(failure.platformOrderId()).isEqualTo("2");
                assertThat(failure.reason()).contains("created_at").contains("yesterday");
            });
            assertThat(batch.hasMore()).isFalse();
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
                    config, client, new Magento2StoreViews(config, client)).fetchOrders(
                    new ImportRequest(null, Instant.parse("2026-11-27T10:00:00Z"), true)));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(e.isRetriable()).as("the same page would come again").isFalse();
            assertThat(e.getMessage()).contains("with 2 orders, none with a readable entity_id")
                    .contains("order 000000001: entity_id is \"abc\", expected a number");
        }
    }

    /**
     * An answer that is not a readable page must fail the batch, retriably, and never come back as an empty last
     * batch: the host would record that run as "succeeded, found 0" and move the cursor past orders it never saw.
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
    void aPageThatCannotBeReadFailsTheBatchInsteadOfEndingTheRunEmpty(String page) {
        try (FixtureServer server = new FixtureServer().respond(200, "application/json", page, Map.of());
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            Magento2Config config = Magento2TestSupport.config(server.baseUrl());
            Magento2OrderImport orderImport = new Magento2OrderImport(config, client,
                    new Magento2StoreViews(config, client));

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> orderImport.fetchOrders(
                    new ImportRequest(null, Instant.parse("2026-11-27T10:00:00Z"), true)));

            assertThat(e).as("no batch comes back").isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("GET /V1/orders");
        }
    }
}
