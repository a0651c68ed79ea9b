package io.storelink.api;

import java.util.LinkedHashMap;
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

    /**
     * Starts a line with what every line has. Kind defaults to {@link LineKind#ITEM}, quantity to ship to the
     * quantity ordered, the price to zero.
     *
     * @param lineId the platform's line id
     * @param sku the SKU to pick
     * @param quantityOrdered how many were ordered
     * @return a builder
     * @since 1.2.0
     */
    public static Builder builder(String lineId, String sku, BigDecimal quantityOrdered) {
        return new Builder(lineId, sku, quantityOrdered);
    }

    /**
     * Builds an {@link OrderLine} by name.
     *
     * @since 1.2.0
     */
    public static final class Builder {
        private final String lineId;
        private final String sku;
        private final BigDecimal quantityOrdered;
        private String name;
        private BigDecimal quantityToShip;
        private BigDecimal unitPrice = BigDecimal.ZERO;
        private LineKind kind = LineKind.ITEM;
        private String parentLineId;
        private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();

        private Builder(String lineId, String sku, BigDecimal quantityOrdered) {
            this.lineId = lineId;
            this.sku = sku;
            this.quantityOrdered = quantityOrdered;
        }

        /** @return this builder, with the product name */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @return this builder, with how many are still to ship (ordered less shipped, refunded and canceled) */
        public Builder quantityToShip(BigDecimal value) {
            this.quantityToShip = value;
            return this;
        }

        /** @return this builder, with the price of one */
        public Builder unitPrice(BigDecimal value) {
            this.unitPrice = value;
            return this;
        }

        /** @return this builder, with what the line is */
        public Builder kind(LineKind value) {
            this.kind = value;
            return this;
        }

        /** @return this builder, with the bundle parent's line id of a bundle component */
        public Builder parentLineId(String value) {
            this.parentLineId = value;
            return this;
        }

        /** @return this builder, with a platform fact keyed {@code <platform>.<name>}; a {@code null} value is left out */
        public Builder attribute(String key, String value) {
            if (value != null) {
                attributes.put(requireNonNull(key, "key is null"), value);
            }
            return this;
        }

        /** @return the line */
        public OrderLine build() {
            return new OrderLine(lineId, sku, name, quantityOrdered,
                    quantityToShip != null ? quantityToShip : quantityOrdered, unitPrice, kind, parentLineId,
                    attributes);
        }
    }
}
