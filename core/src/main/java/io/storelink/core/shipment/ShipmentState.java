package io.storelink.core.shipment;

import io.storelink.core.storage.StoredEnum;

import java.util.Optional;

/** Where a ship notification is in the outbox. The database accepts these values only. */
public enum ShipmentState implements StoredEnum {
    /** Stored, not sent yet. */
    PENDING,
    /** A process is sending it, under a lease. */
    SENDING,
    /** The store recorded it. */
    SENT,
    /** The last attempt failed; the reason is kept. */
    FAILED;

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored or typed value @return the state, if it is one */
    public static Optional<ShipmentState> parse(String value) {
        return StoredEnum.parse(ShipmentState.class, value);
    }

    /** @param value a stored value @return the state @throws IllegalStateException if it is none */
    static ShipmentState stored(String value) {
        return StoredEnum.stored(ShipmentState.class, value);
    }

    /** @return every value, for messages: {@code pending, sending, sent, failed} */
    public static String valueList() {
        return StoredEnum.values(ShipmentState.class);
    }
}
