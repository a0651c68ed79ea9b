package io.storelink.api;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One shipped line: which product, by SKU or by the platform's line id, and how many.
 *
 * @param sku the SKU as imported (for a configurable product, the variant's SKU), or {@code null}
 * @param lineId the order line's id as imported ({@link OrderLine#lineId()}), or {@code null}
 * @param quantity how many, more than zero
 * @since 1.0.0
 */
public record ShipmentLine(String sku, String lineId, BigDecimal quantity) {
    public ShipmentLine {
        requireNonNull(quantity, "quantity is null");
        if (sku == null && lineId == null) {
            throw new IllegalArgumentException("a shipment line needs a SKU or a line id");
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity of " + (sku != null ? sku : lineId)
                    + " must be more than 0: " + quantity.toPlainString());
        }
    }

    /** @return the SKU if given, else the line id */
    public String label() {
        return sku != null ? sku : "line " + lineId;
    }
}
