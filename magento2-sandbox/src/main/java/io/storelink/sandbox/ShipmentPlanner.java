package io.storelink.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Decides which order lines a shipment takes and how many, as Magento's {@code ShipmentFactory} and
 * {@code Order\Item::isDummy(true)} do (docs/magento2-rest-api.md §3.3):
 * <ul>
 *   <li>virtual and downloadable lines are never shipped;</li>
 *   <li>a configurable child and a child of a bundle shipped together are dummies: they follow their parent
 *       (same quantity, or selection quantity × parent quantity) and are never shipped on their own;</li>
 *   <li>the parent of a bundle shipped separately is a dummy; its children are shipped on their own;</li>
 *   <li>ids not in the order, dummies and lines with nothing left are ignored;</li>
 *   <li>no requested items at all ships everything remaining.</li>
 * </ul>
 */
final class ShipmentPlanner {
    private static final double EPSILON = 1e-9;

    /** A line to ship; {@code follower} lines update {@code qty_shipped} but are not shipment items. */
    record Line(OrderItem item, double qty, boolean follower) {}

    record Plan(List<Line> lines) {
        Plan {
            lines = List.copyOf(lines);
        }

        List<Line> shipped() {
            return lines.stream().filter(line -> !line.follower()).toList();
        }

        double totalQty() {
            return shipped().stream().mapToDouble(Line::qty).sum();
        }
    }

    private final Catalog catalog;

    ShipmentPlanner(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    Plan plan(Order order, Map<Long, Double> requested) {
        List<Line> lines = new ArrayList<>();
        Map<Long, Double> plannedParents = new HashMap<>();
        for (OrderItem item : order.items()) {
            if (item.isVirtual()) {
                continue;
            }
            if (isDummy(order, item)) {
                Double parentQty = item.hasParent() ? plannedParents.get(item.parentItemId()) : null;
                if (parentQty != null && parentQty > 0) {
                    OrderItem parent = order.item(item.parentItemId());
                    double perParent = item.qtyOrdered() / parent.qtyOrdered();
                    lines.add(new Line(item, Math.min(perParent * parentQty, item.simpleQtyToShip()), true));
                }
                continue;
            }
            double toShip = qtyToShip(order, item);
            if (toShip <= EPSILON) {
                continue;
            }
            double qty;
            if (requested.isEmpty()) {
                qty = toShip;
            } else if (requested.containsKey(item.itemId())) {
                qty = castQty(item, requested.get(item.itemId()));
            } else {
                continue;
            }
            plannedParents.put(item.itemId(), Math.min(qty, toShip));
            lines.add(new Line(item, qty, false));
        }
        return new Plan(lines);
    }

    /** Magento's {@code Order\Item::isDummy(true)}. */
    boolean isDummy(Order order, OrderItem item) {
        if (item.hasParent()) {
            OrderItem parent = order.item(item.parentItemId());
            return parent == null || !catalog.shipsSeparately(parent);
        }
        return catalog.shipsSeparately(item);
    }

    /** Magento's {@code getQtyToShip()}: 0 for dummies and virtual lines. */
    double qtyToShip(Order order, OrderItem item) {
        return item.isVirtual() || isDummy(order, item) ? 0 : item.simpleQtyToShip();
    }

    /** Magento's {@code Order::canShip()} item check: some real line has something left to ship. */
    boolean canShip(Order order) {
        return order.items().stream().anyMatch(item -> qtyToShip(order, item) > EPSILON);
    }

    /** A line without decimal quantities takes PHP's {@code (int)} of the requested quantity. */
    private static double castQty(OrderItem item, Double qty) {
        double value = qty == null ? 0 : qty;
        return item.isQtyDecimal() ? value : (long) value;
    }

    static boolean exceeds(double qty, double limit) {
        return qty > limit + EPSILON;
    }
}
