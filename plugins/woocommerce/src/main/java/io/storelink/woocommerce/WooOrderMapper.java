package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;
import io.storelink.sdk.InvalidValueException;
import io.storelink.sdk.JsonReader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A WooCommerce order (docs/woocommerce-rest-api.md §4) as the canonical {@link Order}. An order without what a
 * warehouse needs (its id, number, creation date, currency, total, or a line's id, SKU or quantity) is refused with
 * an {@link InvalidValueException} that names the field and what was expected.
 */
final class WooOrderMapper {

    private WooOrderMapper() {
    }

    /** @return the order's id, or -1 when it has none that is a whole number */
    static long id(JsonNode order) {
        try {
            Long id = JsonReader.of(order).longValue("id");
            return id == null || id < 0 ? -1 : id;
        } catch (InvalidValueException e) {
            return -1;
        }
    }

    /** @return how messages name an order: its id, else its number, else {@code ?} */
    static String label(JsonNode order) {
        long id = id(order);
        String number = order.path("number").asText("");
        return id >= 0 ? Long.toString(id) : number.isBlank() ? "?" : number;
    }

    static Order map(JsonNode node) {
        JsonReader order = JsonReader.of(node);
        long id = order.requireLong("id", "the order's id (a whole number)");
        // §4: the *_gmt dates carry no offset and are UTC.
        Order.Builder builder = Order.builder(Long.toString(id),
                        order.requireText("number", "the order number people see"),
                        order.requireInstant("date_created_gmt"))
                .updatedAt(order.instant("date_modified_gmt"))
                .status(Objects.requireNonNullElse(order.text("status"), ""));
        BigDecimal subtotal = BigDecimal.ZERO;
        for (JsonReader item : order.array("line_items")) {
            BigDecimal quantity = item.requireDecimal("quantity", "how many were ordered (more than 0)");
            if (quantity.signum() <= 0) {
                throw new InvalidValueException(item.path() + ".quantity", quantity.toPlainString(),
                        "how many were ordered (more than 0)");
            }
            BigDecimal lineSubtotal = item.decimal("subtotal");
            subtotal = lineSubtotal == null ? subtotal : subtotal.add(lineSubtotal);
            builder.line(OrderLine.builder(Long.toString(item.requireLong("id", "the line's id (a whole number)")),
                            item.requireText("sku", "the SKU of the product to ship (give the product a SKU in "
                                    + "WooCommerce)"), quantity)
                    .name(item.text("name"))
                    .unitPrice(orZero(item.decimal("price")))
                    .attribute("woocommerce.product_id", item.text("product_id"))
                    .attribute("woocommerce.variation_id", item.text("variation_id"))
                    .build());
        }
        // §4: money comes as strings ("29.35"), quantities and prices as numbers; both are read exactly.
        builder.totals(new Totals(order.requireText("currency", "a currency code such as USD"),
                order.requireDecimal("total", "an amount such as \"29.35\""), subtotal,
                orZero(order.decimal("shipping_total")), orZero(order.decimal("total_tax")),
                orZero(order.decimal("discount_total"))));
        JsonReader billing = order.object("billing");
        Long customerId = order.longValue("customer_id");
        builder.customer(new Customer(billing.text("email"), billing.text("first_name"), billing.text("last_name"),
                customerId == null || customerId == 0));
        builder.shippingMethod(order.text("shipping_lines[0].method_id"), order.text("shipping_lines[0].method_title"));
        return builder.shippingAddress(address(order.object("shipping"))).billingAddress(address(billing)).build();
    }

    /** §4: billing and shipping hold address_1/address_2, state as a code, country as ISO 3166-1 alpha-2. */
    private static Address address(JsonReader node) {
        List<String> street = new ArrayList<>();
        for (String key : new String[] {"address_1", "address_2"}) {
            if (node.text(key) != null) {
                street.add(node.text(key));
            }
        }
        if (street.isEmpty() && node.text("city") == null && node.text("country") == null) {
            return null;
        }
        return Address.builder().name(node.text("first_name"), node.text("last_name")).company(node.text("company"))
                .street(street).city(node.text("city")).region(null, node.text("state"))
                .postcode(node.text("postcode")).countryCode(node.text("country")).phone(node.text("phone"))
                .email(node.text("email")).build();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
