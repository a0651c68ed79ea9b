package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's order JSON to Storelink's {@link Order}. One order of GET /api/orders looks like
 * src/test/resources/stand-in/__files/orders-after-0.json; change this class when the real API differs.
 */
final class ${classPrefix}Orders {

    private ${classPrefix}Orders() {
    }

    /**
     * @param node one element of the answer's {@code orders}
     * @return the order
     * @throws IllegalArgumentException when a required part is missing or unreadable; the connector reports the
     *         order as failed and goes on
     */
    static Order order(JsonNode node) {
        String id = required(node, "id");
        Order.Builder order = Order.builder(id, node.path("number").asText(id), instant(node, "created_at"))
                .status(required(node, "status"))
                .totals(new Totals(required(node, "currency"), money(node, "total"), money(node, "subtotal"),
                        money(node, "shipping_total"), money(node, "tax_total"), money(node, "discount_total")))
                .customer(customer(node.path("customer")))
                .shippingAddress(address(node.path("shipping_address")))
                .billingAddress(address(node.path("billing_address")))
                .shippingMethod(text(node.path("shipping_method"), "code"),
                        text(node.path("shipping_method"), "title"));
        if (node.hasNonNull("updated_at")) {
            order.updatedAt(instant(node, "updated_at"));
        }
        for (JsonNode line : node.path("lines")) {
            String sku = required(line, "sku");
            order.line(OrderLine.builder(required(line, "id"), sku, decimal(line, "quantity"))
                    .name(line.path("name").asText(sku))
                    .unitPrice(money(line, "price"))
                    .build());
        }
        return order.build();
    }

    private static Customer customer(JsonNode node) {
        return new Customer(text(node, "email"), text(node, "first_name"), text(node, "last_name"),
                node.path("guest").asBoolean(false));
    }

    /** @return the address, or {@code null} when the order has none */
    private static Address address(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        List<String> street = new ArrayList<>();
        node.path("street").forEach(line -> street.add(line.asText()));
        return Address.builder()
                .name(text(node, "first_name"), text(node, "last_name"))
                .company(text(node, "company"))
                .street(street)
                .city(text(node, "city"))
                .region(text(node, "region"), text(node, "region_code"))
                .postcode(text(node, "postcode"))
                .countryCode(text(node, "country"))
                .phone(text(node, "phone"))
                .email(text(node, "email"))
                .build();
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the order has no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(required(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text(node, field) + "' is not an ISO-8601 instant");
        }
    }

    /** A decimal sent as a number or a string; absent is zero, as {@link Totals} expects. */
    private static BigDecimal money(JsonNode node, String field) {
        return node.hasNonNull(field) ? decimal(node, field) : BigDecimal.ZERO;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        try {
            return new BigDecimal(required(node, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text(node, field) + "' is not a number");
        }
    }
}
