package io.storelink.core.form;

import java.util.List;

/**
 * Checks a value from a closed set where it enters, so a typo is refused instead of matching nothing: the error names
 * the field or option, the value, and every allowed value.
 */
public final class ClosedSet {

    private ClosedSet() {
    }

    /**
     * @param key the field or option that gave the value, as the caller names it (e.g. {@code --state})
     * @param value the value, or {@code null} for none
     * @param noun what a value is, with its article (e.g. {@code a shipment state})
     * @param allowed the allowed values, in the order they are listed
     * @return the value
     * @throws ValidationException when the value is not {@code null} and not allowed
     */
    public static String require(String key, String value, String noun, List<String> allowed) {
        if (value == null || allowed.contains(value)) {
            return value;
        }
        throw new ValidationException(List.of(new FieldError(key, "'" + value + "' is not " + noun
                + "; expected one of: " + String.join(", ", allowed))));
    }
}
