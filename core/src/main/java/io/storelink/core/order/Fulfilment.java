package io.storelink.core.order;

import io.storelink.core.storage.StoredEnum;

/** How much of an imported order the host has shipped. The database accepts these values only. */
public enum Fulfilment implements StoredEnum {
    /** Nothing shipped through Storelink yet. */
    OPEN,
    /** Some lines, or part of them. */
    PARTLY_SHIPPED,
    /** Every shippable line in full. */
    SHIPPED;

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored value @return the fulfilment @throws IllegalStateException if it is none */
    public static Fulfilment stored(String value) {
        return StoredEnum.stored(Fulfilment.class, value);
    }
}
