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
 */
public record ShipmentRecord(long id, String connection, String orderNumber, ShipmentRequest request, String state,
                             int attempts, String remoteId, List<ShipmentResult.Shipped> shipped,
                             boolean alreadyExisted, String lastError, Instant createdAt, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
}
