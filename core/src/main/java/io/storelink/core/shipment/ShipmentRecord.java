package io.storelink.core.shipment;

import io.storelink.api.ShipmentResult;

import java.time.Instant;
import java.util.List;

/**
 * A ship notification in the outbox.
 *
 * @param id the outbox id
 * @param connection the connection's name
 * @param orderNumber the order number
 * @param request what was asked
 * @param state {@code pending}, {@code sending}, {@code sent} or {@code failed}
 * @param attempts how many times it was sent
 * @param remoteId the store's shipment id once sent, or {@code null}
 * @param shipped what the store recorded as shipped, empty until sent
 * @param alreadyExisted whether a retry found the shipment from an earlier attempt on the store
 * @param lastError why the last attempt failed, or {@code null}
 * @param createdAt when it was stored
 * @param updatedAt when its state last changed
 * @param leaseOwner while it is being sent, the process sending it; else {@code null}
 * @param leaseUntil while it is being sent, until when that process's lease runs; else {@code null}
 */
public record ShipmentRecord(long id, String connection, String orderNumber, ShipmentRequest request, ShipmentState state,
                             int attempts, String remoteId, List<ShipmentResult.Shipped> shipped,
                             boolean alreadyExisted, String lastError, Instant createdAt, Instant updatedAt,
                             String leaseOwner, Instant leaseUntil) {

    public static final ShipmentState PENDING = ShipmentState.PENDING;
    public static final ShipmentState SENDING = ShipmentState.SENDING;
    public static final ShipmentState SENT = ShipmentState.SENT;
    public static final ShipmentState FAILED = ShipmentState.FAILED;
    /** Every state, in the order a notification goes through them. */
    public static final List<String> STATES = java.util.Arrays.stream(ShipmentState.values())
            .map(ShipmentState::value).toList();
    /** What {@link #STATES} are, for messages. */
    public static final String STATE_NOUN = "a shipment state";

    /**
     * @param now the time
     * @return whether another process is sending it now: in {@code sending} under a lease that has not expired
     */
    public boolean heldByLiveProcess(Instant now) {
        return state == SENDING && io.storelink.core.storage.Leases.holds(leaseOwner,
                leaseUntil == null ? null : leaseUntil.toEpochMilli(), now.toEpochMilli());
    }

    /**
     * @param now the time
     * @return why it was not sent by this process, for people: the last error, or who holds it and how to retry it
     */
    public String whyNotSent(Instant now) {
        if (state == SENDING) {
            if (heldByLiveProcess(now)) {
                return "being sent by " + io.storelink.core.storage.Leases.describe(leaseOwner) + " (lease until "
                        + leaseUntil + "); if that process has stopped, send it again after " + leaseUntil
                        + " with: storelink shipments retry " + id;
            }
            return "left mid-send by " + io.storelink.core.storage.Leases.describe(leaseOwner) + "; send it again with: "
                    + "storelink shipments retry " + id + " (it looks for the shipment on the store first)";
        }
        return lastError != null ? lastError : "not sent (" + state + ")";
    }
}
