package io.storelink.core.shipment;

import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A ship notification as a user or a batch file gives it, before it is stored.
 *
 * @param orderNumber the order number people see
 * @param lines what shipped; empty means everything still to ship
 * @param tracking the tracking numbers, at least one
 * @param shippedAt when it shipped, or {@code null} for now
 * @param notifyCustomer whether the store e-mails the customer
 * @param comment a note, or {@code null}
 */
public record ShipmentRequest(String orderNumber, List<ShipmentLine> lines, List<TrackingNumber> tracking,
                              Instant shippedAt, boolean notifyCustomer, String comment) {
    public ShipmentRequest {
        requireNonNull(orderNumber, "orderNumber is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        tracking = List.copyOf(requireNonNull(tracking, "tracking is null"));
    }
}
