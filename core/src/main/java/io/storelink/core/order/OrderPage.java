package io.storelink.core.order;

import java.util.List;

/**
 * One page of imported orders.
 *
 * @param orders the orders, oldest first
 * @param next what {@link OrderQuery#after()} takes for the next page, or {@code null} on the last page
 */
public record OrderPage(List<ImportedOrder> orders, String next) {
    public OrderPage {
        orders = List.copyOf(orders);
    }
}
