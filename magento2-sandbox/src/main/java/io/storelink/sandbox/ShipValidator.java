package io.storelink.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The checks of {@code POST /V1/order/{id}/ship}, in Magento's order: the order's {@code CanShip} validator,
 * then the shipment's QuantityValidator and TrackValidator (docs/magento2-rest-api.md §3.2). All messages are
 * collected; a non-empty list is one 400 "Shipment Document Validation Error(s)".
 */
final class ShipValidator {
    private static final Set<String> STATES_NOT_READY = Set.of("holded", "canceled", "payment_review");

    private final ShipmentPlanner planner;

    ShipValidator(ShipmentPlanner planner) {
        this.planner = requireNonNull(planner, "planner is null");
    }

    List<String> validate(Order order, ShipmentPlanner.Plan plan, List<ShipOrderRequest.TrackRequest> tracks) {
        List<String> messages = new ArrayList<>();
        if (STATES_NOT_READY.contains(order.state())) {
            messages.add(String.format(MagentoMessages.CANNOT_SHIP_STATUS,
                    order.status() == null ? order.state() : order.status()));
        } else if ("closed".equals(order.state()) || !planner.canShip(order)) {
            messages.add(MagentoMessages.ORDER_CANNOT_SHIP);
        }
        double totalQty = 0;
        for (ShipmentPlanner.Line line : plan.shipped()) {
            if (ShipmentPlanner.exceeds(line.qty(), planner.qtyToShip(order, line.item()))) {
                messages.add(String.format(MagentoMessages.QTY_ABOVE_UNSHIPPED, line.item().sku()));
            } else {
                totalQty += line.qty();
            }
        }
        if (totalQty <= 0) {
            messages.add(MagentoMessages.NO_PRODUCTS);
        }
        for (ShipOrderRequest.TrackRequest track : tracks) {
            if (track.trackNumber() == null || track.trackNumber().isEmpty()) {
                messages.add(MagentoMessages.TRACK_NUMBER_REQUIRED);
            }
        }
        return messages;
    }
}
