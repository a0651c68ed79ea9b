package io.storelink.api;

import static java.util.Objects.requireNonNull;

/**
 * The one exception a plugin throws to the host. Its message says what failed, for which thing, and what was
 * expected, in words a user can act on; it never contains a secret.
 *
 * @since 1.0.0
 */
public class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final boolean retriable;

    /**
     * @param kind why it failed
     * @param retriable whether the same call may succeed later without any change (timeouts, 5xx, 429)
     * @param message what failed, for a person
     */
    public ConnectorException(ErrorKind kind, boolean retriable, String message) {
        this(kind, retriable, message, null);
    }

    /**
     * @param kind why it failed
     * @param retriable whether the same call may succeed later without any change
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     */
    public ConnectorException(ErrorKind kind, boolean retriable, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retriable = retriable;
    }

    /** @return why the call failed */
    public ErrorKind kind() {
        return kind;
    }

    /** @return whether the same call may succeed later without any change */
    public boolean isRetriable() {
        return retriable;
    }
}
