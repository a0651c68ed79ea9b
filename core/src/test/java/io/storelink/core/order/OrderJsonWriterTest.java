package io.storelink.core.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written writer must give the mapper's bytes, for every shape of order. */
final class OrderJsonWriterTest {

    @Test
    void writesTheSameBytesAsTheMapperForAFullOrder() throws Exception {
        assertSameAsMapper(full());
    }

    @Test
    void writesTheSameBytesAsTheMapperWhenEverythingOptionalIsMissing() throws Exception {
        Order bare = new Order("7", "7", Instant.parse("2024-01-01T00:00:00Z"), null, "",
                null, new Totals("XXX", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO), new Customer(null, null, null, true), null, null, null, List.of(), Map.of());

        assertSameAsMapper(bare);
        assertThat(OrderJson.write(bare)).doesNotContain("null");
    }

    @Test
    void writesMoneyAndQuantitiesAsPlainDecimalsWithTheStoresScale() throws Exception {
        Order order = new Order("9", "000000009", Instant.parse("2024-01-01T00:00:00Z"), null, "processing", null,
                new Totals("EUR", new BigDecimal("1.1E+2"), new BigDecimal("0.00000001"), new BigDecimal("110.0000"),
                        new BigDecimal("0E-8"), new BigDecimal("-1E+3")),
                new Customer(null, null, null, true), null, null, null,
                List.of(new OrderLine("1", "A", null, new BigDecimal("2E+1"), new BigDecimal("20.00"),
                        new BigDecimal("5.50"), LineKind.ITEM, null, Map.of())), Map.of());

        String json = OrderJson.write(order);

        assertThat(json).contains("\"totals\":{\"currency\":\"EUR\",\"grandTotal\":110,\"subtotal\":0.00000001,"
                + "\"shipping\":110.0000,\"tax\":0.00000000,\"discount\":-1000}")
                .contains("\"quantityOrdered\":20,\"quantityToShip\":20.00,\"unitPrice\":5.50,");
        assertSameAsMapper(order);
        JsonNode tree = OrderJson.mapper().valueToTree(order);
        assertThat(OrderJson.mapper().writeValueAsString(tree.get("totals"))).as("through a tree")
                .isEqualTo("{\"currency\":\"EUR\",\"grandTotal\":110,\"subtotal\":0.00000001,\"shipping\":110.0000,"
                        + "\"tax\":0.00000000,\"discount\":-1000}");
        assertThat(OrderJson.read(json).totals().shipping()).isEqualTo(new BigDecimal("110.0000"));
    }

    @Test
    void writesTheSameBytesAsTheMapperForTextThatNeedsEscapingAndOddNumbers() throws Exception {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("quote\"and\\backslash", "line\nbreak\ttab\u0001control");
        attributes.put("ünïcødé 日本", "emoji \uD83D\uDCE6 </script>");
        Order order = new Order("1", "Ω-1", Instant.parse("2024-02-29T23:59:59.123456789Z"),
                Instant.parse("-0001-01-01T00:00:00Z"), "processing",
                new Order.Store("1", null, "Main Website\nMain Store"),
                new Totals("EUR", new BigDecimal("1E+3"), new BigDecimal("0.10"), new BigDecimal("-16.0000"),
                        new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-0")),
                new Customer("a\"b@example.com", "Zoë", "O'Brien", false),
                address("Straße 1\u2028"), null, new Order.ShippingMethod("flat\\rate", null),
                List.of(new OrderLine("1", "SKU \"1\"", null, new BigDecimal("1.2500"), new BigDecimal("0"),
                        new BigDecimal("9.99"), LineKind.DOWNLOADABLE, null, attributes)),
                attributes);

        assertSameAsMapper(order);
    }

    @Test
    void theFullOrderSetsEveryComponentOfEveryRecord() {
        // Guards the test above: a component added to a record and left null in full() would go unnoticed.
        JsonNode json = OrderJson.mapper().valueToTree(full());
        Set<String> written = new TreeSet<>();
        collectNames(json, written);
        for (Class<?> type : List.of(Order.class, Order.Store.class, Order.ShippingMethod.class, Totals.class,
                Customer.class, Address.class, OrderLine.class)) {
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(written).as("%s.%s is set in full()", type.getSimpleName(), component.getName())
                        .contains(component.getName());
            }
        }
    }

    private static void assertSameAsMapper(Order order) throws Exception {
        byte[] expected = OrderJson.mapper().writeValueAsBytes(order);
        byte[] actual = OrderJson.writeBytes(order);

        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
        // Read back with the same values and scales; a negative scale (1E+3) is written plain (1000), so scale 0.
        assertThat(OrderJson.read(actual)).usingRecursiveComparison()
                .withComparatorForType(OrderJsonWriterTest::samePlainDecimal, BigDecimal.class).isEqualTo(order);
        assertThat(OrderJson.write(order)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    private static int samePlainDecimal(BigDecimal read, BigDecimal written) {
        return read.compareTo(written) == 0 && read.scale() == Math.max(written.scale(), 0) ? 0 : 1;
    }

    private static Order full() {
        Map<String, String> lineAttributes = new LinkedHashMap<>();
        lineAttributes.put("magento2.item_id", "11");
        lineAttributes.put("magento2.product_type", "simple");
        return new Order("1001", "000001001", Instant.parse("2026-10-28T11:59:47Z"),
                Instant.parse("2026-10-29T08:00:00Z"), "processing", new Order.Store("2", "fr", "French Store View"),
                new Totals("USD", new BigDecimal("74.0000"), new BigDecimal("59"), new BigDecimal("15.00"),
                        new BigDecimal("0"), new BigDecimal("-5.5")),
                new Customer("jonas@example.com", "Jonas", "Robert", false), address("500 Pine Street"),
                address("1 Billing Road"), new Order.ShippingMethod("tablerate_bestway", "Best Way - Table Rate"),
                List.of(new OrderLine("10", "GIFT-BOX", "Gift Box", BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("59"),
                                LineKind.BUNDLE_PARENT, null, Map.of()),
                        new OrderLine("11", "24-UG06", "Water Bottle", new BigDecimal("2"), new BigDecimal("1"),
                                BigDecimal.ZERO, LineKind.BUNDLE_COMPONENT, "10", lineAttributes)),
                Map.of("magento2.state", "processing", "magento2.store_id", "2"));
    }

    private static Address address(String street) {
        return new Address("Jonas", "Robert", "Acme Ltd", List.of(street, "Suite 4"), "Seattle", "Washington", "WA",
                "98101", "US", "+1 206 555 0100", "jonas@example.com");
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                collectNames(field.getValue(), names);
            }
        } else if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(elements::add);
            elements.forEach(element -> collectNames(element, names));
        }
    }
}
