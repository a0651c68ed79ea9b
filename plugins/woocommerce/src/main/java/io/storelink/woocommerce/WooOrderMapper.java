package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WooCommerce order (docs/woocommerce-rest-api.md §4) as the canonical {@link Order}. An order without what a
 * warehouse needs (its id, number, creation date, currency, total, or a line's id, SKU or quantity) is
 * {@link Unreadable}, with the field named and what was expected.
 */
final class WooOrderMapper {

    /** An order that cannot be imported, and why. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String orderId;

        Unreadable(String orderId, String reason) {
            super(reason, null, false, false);
            this.orderId = orderId;
        }

        String orderId() {
            return orderId;
        }
    }

    private WooOrderMapper() {
    }

    /** @return the order's id, or -1 when it has none that is a whole number */
    static long id(JsonNode order) {
        JsonNode id = order.path("id");
        return id.canConvertToLong() && id.isIntegralNumber() ? id.asLong() : -1;
    }

    static Order map(JsonNode order) throws Unreadable {
        long id = id(order);
        String label = id >= 0 ? Long.toString(id) : text(order, "number") != null ? text(order, "number") : "?";
        if (id < 0) {
            throw new Unreadable(label, "id is missing, expected the order's id (a whole number)");
        }
        String number = text(order, "number");
        if (number == null) {
            throw new Unreadable(label, "number is missing, expected the order number people see");
        }
        // §4: the *_gmt dates carry no offset and are UTC.
        Instant placedAt = gmt(order, "date_created_gmt");
        if (placedAt == null) {
            throw new Unreadable(label, "date_created_gmt is " + describe(order.path("date_created_gmt"))
                    + ", expected a date such as 2026-03-21T16:46:41 (UTC)");
        }
        Instant updatedAt = gmt(order, "date_modified_gmt");
        String currency = text(order, "currency");
        if (currency == null) {
            throw new Unreadable(label, "currency is missing, expected a currency code such as USD");
        }
        BigDecimal total = decimal(order.path("total"));
        if (total == null) {
            throw new Unreadable(label, "total is " + describe(order.path("total"))
                    + ", expected an amount such as \"29.35\"");
        }
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        JsonNode items = order.path("line_items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = "line_items[" + i + "]";
            JsonNode lineId = item.path("id");
            if (!lineId.isIntegralNumber()) {
                throw new Unreadable(label, where + ".id is " + describe(lineId)
                        + ", expected the line's id (a whole number)");
            }
            String sku = text(item, "sku");
            if (sku == null) {
                throw new Unreadable(label, where + ".sku is missing, expected the SKU of the product to ship "
                        + "(give the product a SKU in WooCommerce)");
            }
            BigDecimal quantity = decimal(item.path("quantity"));
            if (quantity == null || quantity.signum() <= 0) {
                throw new Unreadable(label, where + ".quantity is " + describe(item.path("quantity"))
                        + ", expected how many were ordered (more than 0)");
            }
            BigDecimal price = decimal(item.path("price"));
            BigDecimal lineSubtotal = decimal(item.path("subtotal"));
            if (lineSubtotal != null) {
                subtotal = subtotal.add(lineSubtotal);
            }
            lines.add(new OrderLine(lineId.asText(), sku, text(item, "name"), quantity, quantity,
                    price == null ? BigDecimal.ZERO : price, LineKind.ITEM, null,
                    Map.of("woocommerce.product_id", item.path("product_id").asText(""),
                            "woocommerce.variation_id", item.path("variation_id").asText(""))));
        }
        Totals totals = new Totals(currency, total, subtotal, orZero(order.path("shipping_total")),
                orZero(order.path("total_tax")), orZero(order.path("discount_total")));
        JsonNode billing = order.path("billing");
        Customer customer = new Customer(text(billing, "email"), text(billing, "first_name"),
                text(billing, "last_name"), order.path("customer_id").asLong(0) == 0);
        JsonNode shippingLine = order.path("shipping_lines").path(0);
        Order.ShippingMethod method = text(shippingLine, "method_id") == null ? null
                : new Order.ShippingMethod(text(shippingLine, "method_id"), text(shippingLine, "method_title"));
        return new Order(Long.toString(id), number, placedAt, updatedAt, order.path("status").asText(""), null,
                totals, customer, address(order.path("shipping")), address(billing), method, lines, Map.of());
    }

    /** §4: billing and shipping hold address_1/address_2, state as a code, country as ISO 3166-1 alpha-2. */
    private static Address address(JsonNode node) {
        List<String> street = new ArrayList<>();
        for (String key : new String[] {"address_1", "address_2"}) {
            if (text(node, key) != null) {
                street.add(text(node, key));
            }
        }
        if (street.isEmpty() && text(node, "city") == null && text(node, "country") == null) {
            return null;
        }
        return new Address(text(node, "first_name"), text(node, "last_name"), text(node, "company"), street,
                text(node, "city"), null, text(node, "state"), text(node, "postcode"), text(node, "country"),
                text(node, "phone"), text(node, "email"));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Instant gmt(JsonNode node, String key) {
        String value = text(node, key);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** §4: money comes as strings ("29.35"), quantities and prices as numbers; both are read exactly (a number by its
     * shortest text, never through its binary double). */
    private static BigDecimal decimal(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.decimalValue();
        }
        if (value.isNumber() || value.isTextual() && !value.asText().isBlank()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static BigDecimal orZero(JsonNode value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? BigDecimal.ZERO : decimal;
    }

    private static String describe(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "missing" : "'" + value.asText() + "'";
    }
}
