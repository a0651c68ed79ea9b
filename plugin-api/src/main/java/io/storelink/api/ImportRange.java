package io.storelink.api;

import static java.util.Objects.requireNonNull;

/**
 * One part of a planned import run, opaque to the host: the connector writes into {@code token} whatever it needs to
 * read the range (for example {@code ids:1200-1500}) and gets it back in every {@link PageRequest} of the range.
 *
 * @param token what the range is, for the connector; at most {@value #MAX_TOKEN_LENGTH} characters
 * @since 1.2.0
 */
public record ImportRange(String token) {

    /** The longest token the host accepts. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    /** The one range of a plan that reads everything from the cursor on. */
    public static final ImportRange ALL = new ImportRange("all");

    public ImportRange {
        requireNonNull(token, "token is null");
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a range token has 1 to " + MAX_TOKEN_LENGTH + " characters, not "
                    + token.length());
        }
    }

    /** @return a range with this token */
    public static ImportRange of(String token) {
        return new ImportRange(token);
    }

    @Override
    public String toString() {
        return token;
    }
}
