package io.storelink.api;

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
}
