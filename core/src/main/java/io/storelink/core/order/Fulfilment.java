package io.storelink.core.order;

import java.util.Arrays;
import java.util.Locale;

/** How much of an imported order the host has shipped. The database accepts these values only. */
public enum Fulfilment {
    /** Nothing shipped through Storelink yet. */
    OPEN,
    /** Some lines, or part of them. */
    PARTLY_SHIPPED,
    /** Every shippable line in full. */
    SHIPPED;

    /** @return the value as stored and shown: {@code open}, {@code partly_shipped} or {@code shipped} */
    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored value @return the fulfilment @throws IllegalStateException if it is none */
    public static Fulfilment stored(String value) {
        return Arrays.stream(values()).filter(fulfilment -> fulfilment.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("fulfilment '" + value + "' is unknown"));
    }
}
