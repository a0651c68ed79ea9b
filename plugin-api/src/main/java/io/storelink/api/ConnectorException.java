package io.storelink.api;

import java.time.Duration;
import java.util.Optional;

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
    private final Duration retryAfter;

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
        this(kind, retriable, message, cause, null);
    }

    /**
     * A retriable failure for which the store said how long to wait, as an HTTP {@code Retry-After} header does.
     *
     * @param kind why it failed
     * @param retriable whether the same call may succeed later without any change
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter how long the store asked to wait, or {@code null}
     */
    public ConnectorException(ErrorKind kind, boolean retriable, String message, Throwable cause, Duration retryAfter) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    /** @return why the call failed */
    public ErrorKind kind() {
        return kind;
    }

    /** @return whether the same call may succeed later without any change */
    public boolean isRetriable() {
        return retriable;
    }

    /** @return how long the store asked to wait before trying again, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
