package io.storelink.api;

import static java.util.Objects.requireNonNull;

/**
 * A secret value, such as an access token. Its {@link #toString()} never shows the value, so a secret that ends up
 * in a log line or an exception message by mistake stays hidden. Call {@link #reveal()} only where the value is sent
 * to the store.
 *
 * @since 1.0.0
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    /** @param value the plaintext value @return a secret wrapping it */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** @return the plaintext value, for the one place it is sent */
    public String reveal() {
        return value;
    }

    /** @return {@code [hidden]}, never the value */
    @Override
    public String toString() {
        return "[hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
