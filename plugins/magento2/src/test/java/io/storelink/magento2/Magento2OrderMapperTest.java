package io.storelink.magento2;

import io.storelink.api.Address;
import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Recorded payload shapes (docs/magento2-rest-api.md §2.3, §2.4) served on loopback, read by the client, mapped. */
final class Magento2OrderMapperTest {

    @Test
    void foldsAConfigurableChildIntoOneLineWithTheParentsIdQuantityAndPrice() {
        Order order = only("orders-configurable-guest.json", false);

        OrderLine hoodie = order.lines().get(0);
        assertThat(order.lines()).hasSize(2);
        assertThat(hoodie.lineId()).isEqualTo("16");
        assertThat(hoodie.sku()).isEqualTo("MH09-XS-Blue");
        assertThat(hoodie.name()).isEqualTo("Abominable Hoodie-XS-Blue");
        assertThat(hoodie.kind()).isEqualTo(LineKind.ITEM);
        assertThat(hoodie.quantityOrdered()).isEqualByComparingTo("2");
        assertThat(hoodie.quantityToShip()).isEqualByComparingTo("2");
        assertThat(hoodie.unitPrice()).isEqualByComparingTo("69");
        assertThat(hoodie.parentLineId()).isNull();
        assertThat(hoodie.attributes()).containsEntry("magento2.item_id", "16")
                .containsEntry("magento2.product_type", "configurable")
                .containsEntry("magento2.child_item_id", "17")
                .containsEntry("magento2.child_product_id", "1826");
    }

    @Test
    void keepsDecimalQuantitiesGivenAsStrings() {
        OrderLine linen = only("orders-configurable-guest.json", false).lines().get(1);

        assertThat(linen.sku()).isEqualTo("FAB-LINEN");
        assertThat(linen.quantityOrdered()).isEqualTo(new BigDecimal("2.5"));
        assertThat(linen.quantityToShip()).isEqualTo(new BigDecimal("1.25"));
        assertThat(linen.unitPrice()).isEqualByComparingTo("0");
        assertThat(linen.attributes()).containsEntry("magento2.is_qty_decimal", "1");
    }

    @Test
    void mapsAGuestOrderWithTheShippingAddressFromTheShippingAssignment() {
        Order order = only("orders-configurable-guest.json", false);

        assertThat(order.platformOrderId()).isEqualTo("9");
        assertThat(order.orderNumber()).isEqualTo("000000009");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2020-04-24T15:50:17Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2020-04-24T15:57:06Z"));
        assertThat(order.status()).isEqualTo("processing");
        assertThat(order.store()).isEqualTo(new Order.Store("1", null,
                "Main Website\nMain Website Store\nDefault Store View"));
        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().email()).isEqualTo("roni_cost@example.com");
        assertThat(order.customer().firstName()).isEqualTo("Veronica");
        assertThat(order.totals()).satisfies(totals -> {
            assertThat(totals.currency()).isEqualTo("EUR");
            assertThat(totals.grandTotal()).isEqualByComparingTo("143");
            assertThat(totals.subtotal()).isEqualByComparingTo("138");
            assertThat(totals.shipping()).isEqualByComparingTo("5");
            assertThat(totals.tax()).isEqualByComparingTo("0");
            assertThat(totals.discount()).isEqualByComparingTo("0");
        });
        assertThat(order.shippingAddress()).isEqualTo(new Address("Veronica", "Costello", "Costello GmbH & Co.",
                List.of("6146 Honey Bluff Parkway", "Suite 4"), "Calder", "Michigan", "MI", "49628-7978", "US",
                "(555) 229-3326", "roni_cost@example.com"));
        assertThat(order.billingAddress().street()).containsExactly("6146 Honey Bluff Parkway");
        assertThat(order.shippingMethod()).isEqualTo(new Order.ShippingMethod("flatrate_flatrate",
                "Flat Rate - Fixed"));
        assertThat(order.attributes()).containsEntry("magento2.state", "processing")
                .containsEntry("magento2.store_id", "1")
                .containsEntry("magento2.payment_method", "checkmo")
                .doesNotContainKey("magento2.customer_id");
    }

    @Test
    void listsOnlyBundleComponentsWithoutIncludeBundleParent() {
        Order order = only("orders-bundle-downloadable.json", false);

        assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::kind,
                OrderLine::parentLineId, line -> line.quantityToShip().intValue()).containsExactly(
                tuple("6", "24-WG082-blue", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("7", "24-WG084", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("8", "24-WG086", LineKind.BUNDLE_COMPONENT, null, 0),
                tuple("9", "24-WG088", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("10", "240-LV08", LineKind.DOWNLOADABLE, null, 0),
                tuple("11", "VIRT-WARRANTY-2Y", LineKind.VIRTUAL, null, 0));
        assertThat(order.lines().get(0).attributes()).containsEntry("magento2.parent_item_id", "5")
                .containsEntry("magento2.parent_product_type", "bundle")
                .containsEntry("magento2.bundle_sku", "24-WG080-24-WG084-24-WG088-24-WG082-blue-24-WG086");
        assertThat(order.lines()).filteredOn(line -> line.kind().isShippable()).hasSize(4);
    }

    @Test
    void listsTheBundleParentWithItsJoinedDynamicSkuWithIncludeBundleParent() {
        Order order = only("orders-bundle-downloadable.json", true);

        assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::kind,
                OrderLine::parentLineId).startsWith(
                tuple("5", "24-WG080-24-WG084-24-WG088-24-WG082-blue-24-WG086", LineKind.BUNDLE_PARENT, null),
                tuple("6", "24-WG082-blue", LineKind.BUNDLE_COMPONENT, "5"),
                tuple("7", "24-WG084", LineKind.BUNDLE_COMPONENT, "5"));
        assertThat(order.lines()).hasSize(7);
        assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("68");
    }

    @Test
    void readsARegisteredCustomerAndAStreetGivenAsOneString() {
        Order order = only("orders-bundle-downloadable.json", false);

        assertThat(order.customer().guest()).isFalse();
        assertThat(order.attributes()).containsEntry("magento2.customer_id", "12");
        assertThat(order.billingAddress().street()).containsExactly("1200 Main Street", "Suite 400");
        assertThat(order.shippingAddress().region()).isNull();
        assertThat(order.shippingMethod()).isEqualTo(new Order.ShippingMethod("tablerate_bestway", null));
        assertThat(order.totals().tax()).isEqualByComparingTo("0");
        assertThat(order.totals().discount()).isEqualByComparingTo("-16");
    }

    @Test
    void readsMagentoTimesAsUtcWhateverTheHostTimeZone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            assertThat(Magento2OrderMapper.parseDateTime("2020-04-24 15:50:17"))
                    .isEqualTo(Instant.parse("2020-04-24T15:50:17Z"));
            assertThat(Magento2OrderMapper.formatDateTime(Instant.parse("2020-04-24T15:50:17.900Z")))
                    .isEqualTo("2020-04-24 15:50:17");
            assertThat(only("orders-configurable-guest.json", false).placedAt())
                    .isEqualTo(Instant.parse("2020-04-24T15:50:17Z"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void readsEveryFormOfDateMagentoMayGive() {
        assertThat(Magento2OrderMapper.parseDateTime("2024-02-29 23:59:59"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(Magento2OrderMapper.parseDateTime("2020-04-24T15:50:17Z"))
                .isEqualTo(Instant.parse("2020-04-24T15:50:17Z"));
        assertThat(Magento2OrderMapper.parseDateTime(" 2020-04-24 15:50:17.123456 "))
                .isEqualTo(Instant.parse("2020-04-24T15:50:17Z"));
        // Not a real date (MySQL would not store it): read, as java.time reads it smartly, as the last day.
        assertThat(Magento2OrderMapper.parseDateTime("2021-02-30 10:00:00"))
                .isEqualTo(Instant.parse("2021-02-28T10:00:00Z"));
        assertThat(Magento2OrderMapper.parseDateTime("2020-4-24 15:50:17")).isNull();
        assertThat(Magento2OrderMapper.parseDateTime("2020-04-24 1a:50:17")).isNull();
        assertThat(Magento2OrderMapper.parseDateTime("0000-00-00 00:00:00")).isNull();
        assertThat(Magento2OrderMapper.parseDateTime("")).isNull();
    }

    @Test
    void refusesAnOrderWithAlmostNothingRatherThanMakeUpItsNumberCurrencyAndTotal() {
        Magento2OrderData bare = new Magento2OrderData(42L, null, "2024-01-01 00:00:00", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, List.of(new Magento2OrderData.Item(1L, null, null, null, "SKU-1", null, null, null, null,
                null, null, null, null)), null);

        Magento2OrderMapper.UnreadableOrder e = catchThrowableOfType(Magento2OrderMapper.UnreadableOrder.class,
                () -> new Magento2OrderMapper(false, Map.of()).toOrder(bare));

        assertThat(e.orderId()).isEqualTo("42");
        assertThat(e.getMessage()).isEqualTo("order with entity_id 42: increment_id is missing, expected the order "
                + "number (text such as 000000123)");
    }

    private static Order only(String resource, boolean includeBundleParent) {
        try (FixtureServer server = new FixtureServer().respondWithResource(200, resource);
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            Magento2OrderData.Page page = client.searchOrders(Magento2SearchCriteria.builder().build());
            assertThat(page.totalCount()).isEqualTo(1);
            return new Magento2OrderMapper(includeBundleParent, Map.of()).toOrder(page.items().get(0));
        }
    }
}
