package io.storelink.api;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A ship notification: the warehouse shipped (part of) an order, and the store should record the shipment, its
 * tracking numbers, and tell the customer if asked.
 *
 * @param platformOrderId the platform's order id, or {@code null} when only the number is known
 * @param orderNumber the order number people see, or {@code null} when only the platform id is known
 * @param lines what was shipped; empty means everything still to ship
 * @param tracking the packages' tracking numbers, at least one
 * @param shippedAt when it was shipped, or {@code null} for now
 * @param notifyCustomer whether the store should e-mail the customer
 * @param comment a note for the shipment, or {@code null}
 * @param idempotencyKey a key unique to this notification, the same on every attempt; a plugin may store it on the
 *        store's side (a comment, a track title) to recognise its own shipment. It is derived from what the
 *        notification says (connection, order, tracking numbers, lines), never from a row number, so another
 *        Storelink, or this one with a new database, never sends a different notification under the same key
 * @param attempt 1 for the first attempt; above 1 when an earlier attempt may have reached the store, so the
 *        connector must look before it creates anything
 * @param importedOrder the order as the host imported it, possibly stale, or {@code null} when it was not imported;
 *        a connector may use it to skip reading the order again where the store itself checks quantities
 * @since 1.0.0
 */
public record Shipment(String platformOrderId, String orderNumber, List<ShipmentLine> lines,
                       List<TrackingNumber> tracking, Instant shippedAt, boolean notifyCustomer, String comment,
                       String idempotencyKey, int attempt, Order importedOrder) {

    public Shipment {
        if (platformOrderId == null && orderNumber == null) {
            throw new IllegalArgumentException("a shipment needs the order's platform id or its number");
        }
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        tracking = List.copyOf(requireNonNull(tracking, "tracking is null"));
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        if (tracking.isEmpty()) {
            throw new IllegalArgumentException("a shipment needs at least one tracking number");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more: " + attempt);
        }
    }

    /** A notification for an order the host did not import, or whose imported copy it does not pass on. */
    public Shipment(String platformOrderId, String orderNumber, List<ShipmentLine> lines, List<TrackingNumber> tracking,
                    Instant shippedAt, boolean notifyCustomer, String comment, String idempotencyKey, int attempt) {
        this(platformOrderId, orderNumber, lines, tracking, shippedAt, notifyCustomer, comment, idempotencyKey,
                attempt, null);
    }

    /** @return the order as people name it: its number if known, else its platform id */
    public String orderLabel() {
        return orderNumber != null ? orderNumber : platformOrderId;
    }
}
