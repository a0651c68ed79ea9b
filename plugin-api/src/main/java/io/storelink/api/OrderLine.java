package io.storelink.api;

import java.math.BigDecimal;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One line of an order. Quantities are decimals because some platforms sell by weight or length.
 *
 * @param lineId the platform's line id (Magento {@code item_id})
 * @param sku the SKU to pick: for a configurable product, the chosen variant's SKU
 * @param name the product name
 * @param quantityOrdered how many were ordered
 * @param quantityToShip how many are still to ship (ordered less shipped, refunded and canceled)
 * @param unitPrice the price of one, in the order's currency
 * @param kind what the line is; only shippable kinds are picked
 * @param parentLineId for a bundle component, the bundle parent's line id when that line is included; otherwise
 *        {@code null}
 * @param attributes platform facts that have no field here, keyed {@code <platform>.<name>}
 * @since 1.0.0
 */
public record OrderLine(String lineId, String sku, String name, BigDecimal quantityOrdered, BigDecimal quantityToShip,
                        BigDecimal unitPrice, LineKind kind, String parentLineId, Map<String, String> attributes) {
    public OrderLine {
        requireNonNull(lineId, "lineId is null");
        requireNonNull(sku, "sku is null");
        requireNonNull(quantityOrdered, "quantityOrdered is null");
        requireNonNull(quantityToShip, "quantityToShip is null");
        requireNonNull(unitPrice, "unitPrice is null");
        requireNonNull(kind, "kind is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        if (quantityOrdered.signum() < 0 || quantityToShip.signum() < 0) {
            throw new IllegalArgumentException("line " + lineId + " has a negative quantity");
        }
    }
}
