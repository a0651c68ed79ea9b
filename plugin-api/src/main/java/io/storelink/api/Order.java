package io.storelink.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An order as Storelink keeps it, whatever the platform: what a warehouse needs to pick, pack and ship.
 *
 * @param platformOrderId the platform's own id, used in API calls (Magento {@code entity_id}); unique per store
 * @param orderNumber the number people see (Magento {@code increment_id}, for example {@code 000000123})
 * @param placedAt when the order was placed
 * @param updatedAt when the store last changed it, or {@code null} if unknown
 * @param status the platform's status code, for example {@code processing}
 * @param store the store view or channel the order belongs to, or {@code null} if the platform has one store
 * @param totals the money
 * @param customer who ordered
 * @param shippingAddress where it goes, or {@code null} for an order with nothing to ship
 * @param billingAddress who pays, or {@code null}
 * @param shippingMethod how it goes, or {@code null}
 * @param lines the lines, in the order the platform lists them
 * @param attributes platform facts that have no field here, keyed {@code <platform>.<name>}
 * @since 1.0.0
 */
public record Order(
        String platformOrderId,
        String orderNumber,
        Instant placedAt,
        Instant updatedAt,
        String status,
        Store store,
        Totals totals,
        Customer customer,
        Address shippingAddress,
        Address billingAddress,
        ShippingMethod shippingMethod,
        List<OrderLine> lines,
        Map<String, String> attributes) {

    public Order {
        requireNonNull(platformOrderId, "platformOrderId is null");
        requireNonNull(orderNumber, "orderNumber is null");
        requireNonNull(placedAt, "placedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(totals, "totals is null");
        requireNonNull(customer, "customer is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
    }

    /**
     * The store view or channel of an order.
     *
     * @param id the platform's store id
     * @param code the store code, or {@code null}
     * @param name the store's name, or {@code null}
     */
    public record Store(String id, String code, String name) {
        public Store {
            requireNonNull(id, "id is null");
        }
    }

    /**
     * How an order is shipped.
     *
     * @param code the platform's method code, for example {@code flatrate_flatrate}
     * @param description what the customer chose, for example {@code Flat Rate - Fixed}, or {@code null}
     */
    public record ShippingMethod(String code, String description) {
        public ShippingMethod {
            requireNonNull(code, "code is null");
        }
    }

    /**
     * Starts an order with what every order has; the rest is optional and set on the builder.
     *
     * @param platformOrderId the platform's own id
     * @param orderNumber the number people see
     * @param placedAt when the order was placed
     * @return a builder
     * @since 1.2.0
     */
    public static Builder builder(String platformOrderId, String orderNumber, Instant placedAt) {
        return new Builder(platformOrderId, orderNumber, placedAt);
    }

    /**
     * Builds an {@link Order} by name rather than by position. {@code status}, {@code totals} and {@code customer}
     * are required; lines and attributes start empty.
     *
     * @since 1.2.0
     */
    public static final class Builder {
        private final String platformOrderId;
        private final String orderNumber;
        private final Instant placedAt;
        private Instant updatedAt;
        private String status;
        private Store store;
        private Totals totals;
        private Customer customer;
        private Address shippingAddress;
        private Address billingAddress;
        private ShippingMethod shippingMethod;
        private final ArrayList<OrderLine> lines = new ArrayList<>();
        private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();

        private Builder(String platformOrderId, String orderNumber, Instant placedAt) {
            this.platformOrderId = platformOrderId;
            this.orderNumber = orderNumber;
            this.placedAt = placedAt;
        }

        /** @return this builder, with when the store last changed the order */
        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        /** @return this builder, with the platform's status code */
        public Builder status(String value) {
            this.status = value;
            return this;
        }

        /** @return this builder, with the store view or channel */
        public Builder store(Store value) {
            this.store = value;
            return this;
        }

        /** @return this builder, with the money */
        public Builder totals(Totals value) {
            this.totals = value;
            return this;
        }

        /** @return this builder, with who ordered */
        public Builder customer(Customer value) {
            this.customer = value;
            return this;
        }

        /** @return this builder, with where it goes */
        public Builder shippingAddress(Address value) {
            this.shippingAddress = value;
            return this;
        }

        /** @return this builder, with who pays */
        public Builder billingAddress(Address value) {
            this.billingAddress = value;
            return this;
        }

        /** @return this builder, with how it goes */
        public Builder shippingMethod(String code, String description) {
            this.shippingMethod = code == null ? null : new ShippingMethod(code, description);
            return this;
        }

        /** @return this builder, with one more line, after those added before */
        public Builder line(OrderLine line) {
            lines.add(requireNonNull(line, "line is null"));
            return this;
        }

        /** @return this builder, with these lines after those added before */
        public Builder lines(List<OrderLine> more) {
            more.forEach(this::line);
            return this;
        }

        /** @return this builder, with a platform fact keyed {@code <platform>.<name>}; a {@code null} value is left out */
        public Builder attribute(String key, String value) {
            if (value != null) {
                attributes.put(requireNonNull(key, "key is null"), value);
            }
            return this;
        }

        /** @return the order; a missing required part is named in the {@link NullPointerException} */
        public Order build() {
            return new Order(platformOrderId, orderNumber, placedAt, updatedAt, status, store, totals, customer,
                    shippingAddress, billingAddress, shippingMethod, lines, attributes);
        }
    }
}
