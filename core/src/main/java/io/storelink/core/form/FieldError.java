package io.storelink.core.form;

import static java.util.Objects.requireNonNull;

/**
 * One reason a value was refused.
 *
 * @param key the field key (or the input's key when no field has it)
 * @param message what was given and what was expected; a secret's value is never included
 */
public record FieldError(String key, String message) {
    public FieldError {
        requireNonNull(key, "key is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
