package io.storelink.core.storage;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants are stored, shown and written to JSON as their lower-case names ({@code partly_shipped}),
 * the closed sets the database checks.
 */
public interface StoredEnum {

    /** @return the constant's name, as every enum has */
    String name();

    /** @return the value as stored and shown */
    @JsonValue
    default String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param type the enum
     * @param value a stored or typed value
     * @param <E> the enum
     * @return its constant, if it is one
     */
    static <E extends Enum<E> & StoredEnum> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.value().equals(value)).findFirst();
    }

    /**
     * @param type the enum
     * @param value a value read from the database
     * @param <E> the enum
     * @return its constant
     * @throws IllegalStateException if the database holds something else
     */
    static <E extends Enum<E> & StoredEnum> E stored(Class<E> type, String value) {
        return parse(type, value).orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " '" + value
                + "' is not one of " + values(type)));
    }

    /** @param type the enum @param <E> the enum @return every value, for messages: {@code a, b, c} */
    static <E extends Enum<E> & StoredEnum> String values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(StoredEnum::value).collect(Collectors.joining(", "));
    }
}
