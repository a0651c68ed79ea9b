package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

final class OrderGeneratorTest {
    @Test
    void generatesTheSameOrdersForTheSameSeed() {
        try (MagentoSandbox first = TestSandboxes.started(60); MagentoSandbox second = TestSandboxes.started(60);
             MagentoSandbox other = TestSandboxes.builder(60).seed(43).build().start()) {
            String query = "/rest/V1/orders?searchCriteria=";

            String firstJson = new SandboxClient(first).get(query).body();

            assertThat(new SandboxClient(second).get(query).body()).isEqualTo(firstJson);
            assertThat(new SandboxClient(other).get(query).body()).isNotEqualTo(firstJson);
        }
    }

    @Test
    void generatesEveryKindOfLineStatusStoreAndCustomer() {
        List<Order> orders = MagentoSandbox.builder().seed(7).orderCount(400).clock(TestSandboxes.CLOCK).build()
                .store().orders();

        Set<String> types = orders.stream().flatMap(order -> order.items().stream()).map(OrderItem::productType)
                .collect(Collectors.toSet());
        assertThat(types).contains("simple", "configurable", "bundle", "virtual", "downloadable");
        assertThat(orders.stream().map(Order::status).collect(Collectors.toSet()))
                .contains("pending", "processing", "holded", "canceled", "complete");
        assertThat(orders.stream().map(Order::storeId).collect(Collectors.toSet())).contains(1, 2, 3);
        assertThat(orders).anyMatch(order -> order.customer().isGuest()).anyMatch(order -> !order.customer().isGuest());
        assertThat(orders).anyMatch(order -> order.items().stream().anyMatch(OrderItem::isQtyDecimal));
        assertThat(orders).anyMatch(order -> order.items().stream().anyMatch(item -> item.sku().startsWith("24-WG080-24-WG084-")));
        assertThat(orders).filteredOn(order -> order.status().equals("complete"))
                .allMatch(order -> order.state().equals("complete"));
        assertThat(orders).filteredOn(order -> order.storeId() == 2).first()
                .satisfies(order -> assertThat(order.incrementId()).matches("2\\d{8}"));
        assertThat(orders).filteredOn(order -> order.storeId() == 1).first()
                .satisfies(order -> assertThat(order.incrementId()).isEqualTo("000000001"));
    }

    @Test
    void spreadsCreatedAtOverAWindowEndingNearNow() {
        List<Order> orders = TestSandboxes.builder(100).build().store().orders();

        assertThat(orders.get(0).createdAt()).isBefore(TestSandboxes.NOW.minus(Duration.ofDays(29)));
        assertThat(orders.get(99).createdAt()).isBetween(TestSandboxes.NOW.minus(Duration.ofMinutes(10)), TestSandboxes.NOW);
        for (int i = 1; i < orders.size(); i++) {
            assertThat(orders.get(i).entityId()).isEqualTo(orders.get(i - 1).entityId() + 1);
            assertThat(orders.get(i).createdAt()).isAfterOrEqualTo(orders.get(i - 1).createdAt());
        }
    }

    @Test
    void rendersConfigurableAndBundleLinesAsMagentoDoes() {
        try (MagentoSandbox sandbox = TestSandboxes.started(0)) {
            Order order = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.CONFIGURABLE_CHILD, 2),
                    NewOrder.Line.of(Catalog.BUNDLE_DYNAMIC_TOGETHER, 1)).asGuest());

            JsonNode json = new SandboxClient(sandbox).get("/rest/V1/orders/" + order.entityId()).json();

            JsonNode items = json.path("items");
            assertThat(items.get(0).path("sku").asText()).isEqualTo(Catalog.CONFIGURABLE_CHILD);
            assertThat(items.get(0).path("row_total").asInt()).isEqualTo(138);
            assertThat(items.get(1).path("sku").asText()).isEqualTo(Catalog.CONFIGURABLE_CHILD);
            assertThat(items.get(1).path("row_total").asInt()).isZero();
            assertThat(items.get(1).path("parent_item_id").asLong()).isEqualTo(items.get(0).path("item_id").asLong());
            assertThat(items.get(1).path("parent_item").path("item_id").asLong()).isEqualTo(items.get(0).path("item_id").asLong());
            assertThat(items.get(2).path("sku").asText()).isEqualTo("24-WG080-24-WG084-24-WG088-24-WG082-blue-24-WG086");
            assertThat(items.get(2).path("price").asInt()).isEqualTo(68);
            assertThat(json.path("subtotal").asInt()).isEqualTo(138 + 68);
            assertThat(json.has("customer_id")).as("guests have no customer_id").isFalse();
            assertThat(json.path("customer_is_guest").asInt()).isEqualTo(1);
            assertThat(json.toString()).doesNotContain("null");
            JsonNode shipping = json.path("extension_attributes").path("shipping_assignments").get(0).path("shipping");
            assertThat(shipping.path("address").path("address_type").asText()).isEqualTo("shipping");
            assertThat(shipping.path("method").asText()).matches("\\w+_\\w+");
            assertThat(json.path("created_at").asText()).isEqualTo("2025-06-01 12:00:00");
        }
    }

    @Test
    void changingTheStatusUpdatesUpdatedAt() {
        MutableClock clock = new MutableClock(TestSandboxes.NOW);
        SandboxStore store = MagentoSandbox.builder().orderCount(1).clock(clock).build().store();
        clock.advance(Duration.ofMinutes(5));

        Order changed = store.setStatus(1, "holded", "holded");

        assertThat(changed.updatedAt()).isEqualTo(TestSandboxes.NOW.plus(Duration.ofMinutes(5)));
        assertThat(store.order(1).status()).isEqualTo("holded");
    }

    @Test
    void generatesTenThousandOrdersQuickly() {
        long start = System.nanoTime();

        SandboxStore store = MagentoSandbox.builder().orderCount(10_000).build().store();

        assertThat(store.orderCount()).isEqualTo(10_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void acceptsOrdersFromSeveralThreads() throws Exception {
        SandboxStore store = MagentoSandbox.builder().orderCount(0).build().store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> results = pool.invokeAll(List.of(
                    () -> store.generateOrders(250), () -> store.generateOrders(250),
                    () -> store.generateOrders(250), () -> store.generateOrders(250)));
            long distinct = results.stream().flatMap(future -> {
                try {
                    return future.get().stream();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).distinct().count();

            assertThat(distinct).isEqualTo(1000);
            assertThat(store.orderCount()).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
