package io.storelink.api;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the store recorded for a ship notification.
 *
 * @param remoteShipmentId the store's id of the shipment
 * @param shipped the order lines shipped and how many, in the terms of the imported order's lines
 * @param alreadyExisted whether the shipment was found on the store from an earlier attempt instead of created now
 * @since 1.0.0
 */
public record ShipmentResult(String remoteShipmentId, List<Shipped> shipped, boolean alreadyExisted) {

    public ShipmentResult {
        requireNonNull(remoteShipmentId, "remoteShipmentId is null");
        shipped = List.copyOf(requireNonNull(shipped, "shipped is null"));
    }

    /**
     * One shipped line.
     *
     * @param lineId the imported order line's id ({@link OrderLine#lineId()})
     * @param sku its SKU
     * @param quantity how many were shipped
     */
    public record Shipped(String lineId, String sku, BigDecimal quantity) {
        public Shipped {
            requireNonNull(lineId, "lineId is null");
            requireNonNull(sku, "sku is null");
            requireNonNull(quantity, "quantity is null");
        }
    }
}
