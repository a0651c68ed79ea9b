package ${package};

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

/**
 * The store's order JSON to Storelink's {@link Order}, read with the SDK's {@link JsonReader}: ids, money and
 * quantities from numbers or numeric strings, dates through {@link io.storelink.sdk.Dates}. One order of
 * GET /api/orders looks like src/test/resources/stand-in/__files/orders-after-0.json; change this class when the
 * real API differs.
 */
final class ${classPrefix}Orders {

    private ${classPrefix}Orders() {
    }

    /**
     * @param order one element of the answer's {@code orders}
     * @return the order
     * @throws InvalidValueException when a required part is missing or unreadable, naming its path
     *         ({@code orders[3].lines[0].sku is missing, expected text}); the connector reports the order as failed
     *         and goes on
     */
    static Order order(JsonReader order) {
        String id = order.requireText("id");
        String number = order.text("number");
        Order.Builder built = Order.builder(id, number != null ? number : id, order.requireInstant("created_at"))
                .status(order.requireText("status"))
                .totals(new Totals(order.requireText("currency"), money(order, "total"), money(order, "subtotal"),
                        money(order, "shipping_total"), money(order, "tax_total"), money(order, "discount_total")))
                .customer(customer(order.object("customer")))
                .shippingAddress(address(order.object("shipping_address")))
                .billingAddress(address(order.object("billing_address")))
                .shippingMethod(order.text("shipping_method.code"), order.text("shipping_method.title"));
        if (order.has("updated_at")) {
            built.updatedAt(order.instant("updated_at"));
        }
        for (JsonReader line : order.array("lines")) {
            String sku = line.requireText("sku");
            String name = line.text("name");
            built.line(OrderLine.builder(line.requireText("id"), sku, line.requireDecimal("quantity"))
                    .name(name != null ? name : sku)
                    .unitPrice(money(line, "price"))
                    .build());
        }
        return built.build();
    }

    private static Customer customer(JsonReader customer) {
        Boolean guest = customer.bool("guest");
        return new Customer(customer.text("email"), customer.text("first_name"), customer.text("last_name"),
                guest != null && guest);
    }

    /** @return the address, or {@code null} when the order has none */
    private static Address address(JsonReader address) {
        if (!address.node().isObject()) {
            return null;
        }
        List<String> street = new ArrayList<>();
        address.array("street").forEach(line -> street.add(line.node().asText()));
        return Address.builder()
                .name(address.text("first_name"), address.text("last_name"))
                .company(address.text("company"))
                .street(street)
                .city(address.text("city"))
                .region(address.text("region"), address.text("region_code"))
                .postcode(address.text("postcode"))
                .countryCode(address.text("country"))
                .phone(address.text("phone"))
                .email(address.text("email"))
                .build();
    }

    /** An amount sent as a number or a string; absent is zero, as {@link Totals} expects. */
    private static BigDecimal money(JsonReader node, String field) {
        BigDecimal amount = node.decimal(field);
        return amount != null ? amount : BigDecimal.ZERO;
    }
}
