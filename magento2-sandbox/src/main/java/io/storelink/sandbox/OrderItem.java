package io.storelink.sandbox;

import static java.util.Objects.requireNonNull;

/**
 * One line of an order, as Magento stores it. Children of configurable and bundle lines have a
 * {@code parentItemId} (0 = no parent). Quantities are doubles because lines may have decimal quantities.
 */
public record OrderItem(
        long itemId,
        long parentItemId,
        long productId,
        String productType,
        String sku,
        String name,
        double qtyOrdered,
        double qtyShipped,
        double qtyInvoiced,
        double qtyCanceled,
        double qtyRefunded,
        double price,
        double originalPrice,
        double rowTotal,
        double weight,
        boolean isVirtual,
        boolean isQtyDecimal) {
    public OrderItem {
        requireNonNull(productType, "productType is null");
        requireNonNull(sku, "sku is null");
        requireNonNull(name, "name is null");
        if (qtyOrdered <= 0) {
            throw new IllegalArgumentException("qtyOrdered must be positive: " + qtyOrdered);
        }
    }

    public boolean hasParent() {
        return parentItemId != 0;
    }

    /** Magento's {@code getSimpleQtyToShip()}: ordered minus shipped, refunded and canceled, never negative. */
    public double simpleQtyToShip() {
        return Math.max(qtyOrdered - qtyShipped - qtyRefunded - qtyCanceled, 0);
    }

    OrderItem withQtyShipped(double qty) {
        return new OrderItem(itemId, parentItemId, productId, productType, sku, name, qtyOrdered, qty, qtyInvoiced,
                qtyCanceled, qtyRefunded, price, originalPrice, rowTotal, weight, isVirtual, isQtyDecimal);
    }

    OrderItem withQtyInvoicedAndCanceled(double invoiced, double canceled) {
        return new OrderItem(itemId, parentItemId, productId, productType, sku, name, qtyOrdered, qtyShipped, invoiced,
                canceled, qtyRefunded, price, originalPrice, rowTotal, weight, isVirtual, isQtyDecimal);
    }
}
