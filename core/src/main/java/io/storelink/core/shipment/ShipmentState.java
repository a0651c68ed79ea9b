package io.storelink.core.shipment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a ship notification is in the outbox. The database accepts these values only. */
public enum ShipmentState {
    /** Stored, not sent yet. */
    PENDING,
    /** A process is sending it, under a lease. */
    SENDING,
    /** The store recorded it. */
    SENT,
    /** The last attempt failed; the reason is kept. */
    FAILED;

    /** @return the value as stored and shown: {@code pending}, {@code sending}, {@code sent} or {@code failed} */
    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored or typed value @return the state, if it is one */
    public static Optional<ShipmentState> parse(String value) {
        return Arrays.stream(values()).filter(state -> state.value().equals(value)).findFirst();
    }

    /** @param value a stored value @return the state @throws IllegalStateException if it is none */
    static ShipmentState stored(String value) {
        return parse(value).orElseThrow(() -> new IllegalStateException("shipment state '" + value + "' is not one of "
                + valueList()));
    }

    /** @return every value, for messages: {@code pending, sending, sent, failed} */
    public static String valueList() {
        return Arrays.stream(values()).map(ShipmentState::value).collect(Collectors.joining(", "));
    }
}
