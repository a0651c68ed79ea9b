package io.storelink.sandbox;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An order of the sandbox store: an immutable snapshot. The store replaces the whole record when the order
 * changes (status change, shipment). Virtual orders have no {@code shippingAddress}, {@code shippingMethod}
 * or {@code shippingDescription}.
 */
public record Order(
        long entityId,
        String incrementId,
        int storeId,
        String state,
        String status,
        Instant createdAt,
        Instant updatedAt,
        Customer customer,
        Address billingAddress,
        Address shippingAddress,
        String shippingMethod,
        String shippingDescription,
        String paymentMethod,
        double shippingAmount,
        double taxAmount,
        double discountAmount,
        String holdBeforeState,
        String holdBeforeStatus,
        List<OrderItem> items) {
    public Order {
        requireNonNull(incrementId, "incrementId is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(customer, "customer is null");
        requireNonNull(billingAddress, "billingAddress is null");
        requireNonNull(paymentMethod, "paymentMethod is null");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order needs items");
        }
    }

    public boolean isVirtual() {
        return items.stream().allMatch(OrderItem::isVirtual);
    }

    /** Sum of the top-level lines' row totals (children of bundles and configurables would double count). */
    public double subtotal() {
        return Money.round(items.stream().filter(item -> !item.hasParent()).mapToDouble(OrderItem::rowTotal).sum());
    }

    public double grandTotal() {
        return Money.round(subtotal() + shippingAmount + taxAmount + discountAmount);
    }

    public OrderItem item(long itemId) {
        return items.stream().filter(item -> item.itemId() == itemId).findFirst().orElse(null);
    }

    Order withItems(List<OrderItem> newItems, Instant when) {
        return new Order(entityId, incrementId, storeId, state, status, createdAt, when, customer, billingAddress,
                shippingAddress, shippingMethod, shippingDescription, paymentMethod, shippingAmount, taxAmount,
                discountAmount, holdBeforeState, holdBeforeStatus, newItems);
    }

    Order withStatus(String newState, String newStatus, Instant when) {
        boolean holding = "holded".equals(newState) && !"holded".equals(state);
        return new Order(entityId, incrementId, storeId, newState, newStatus, createdAt, when, customer, billingAddress,
                shippingAddress, shippingMethod, shippingDescription, paymentMethod, shippingAmount, taxAmount,
                discountAmount, holding ? state : holdBeforeState, holding ? status : holdBeforeStatus, items);
    }
}
