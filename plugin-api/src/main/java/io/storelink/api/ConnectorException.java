package io.storelink.api;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The one exception a plugin throws to the host. Its message says what failed, for which thing, and what was
 * expected, in words a user can act on; it never contains a secret.
 *
 * <p>Whether the host tries the call again follows from the {@link ErrorKind}: only
 * {@link ErrorKind#REMOTE_UNAVAILABLE} is retried ({@link ErrorKind#isRetriable()}). Build one with
 * {@link #of(ErrorKind, String)} and its overloads.
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
     * @param message what failed, for a person
     * @return the exception; retried by the host if {@code kind} is
     * @since 1.1.0
     */
    public static ConnectorException of(ErrorKind kind, String message) {
        return new ConnectorException(kind, message, null, null);
    }

    /**
     * @param kind why it failed
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @return the exception; retried by the host if {@code kind} is
     * @since 1.1.0
     */
    public static ConnectorException of(ErrorKind kind, String message, Throwable cause) {
        return new ConnectorException(kind, message, cause, null);
    }

    /**
     * @param kind why it failed
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter how long the store asked to wait before the next call (its {@code Retry-After}), or
     *        {@code null}; pass it as the store sent it, the host caps it
     * @return the exception; retried by the host if {@code kind} is
     * @since 1.1.0
     */
    public static ConnectorException of(ErrorKind kind, String message, Throwable cause, Duration retryAfter) {
        return new ConnectorException(kind, message, cause, retryAfter);
    }

    /**
     * For subclasses: retriability follows from {@code kind}.
     *
     * @param kind why it failed
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter the store's {@code Retry-After}, or {@code null}
     * @since 1.1.0
     */
    protected ConnectorException(ErrorKind kind, String message, Throwable cause, Duration retryAfter) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retriable = kind.isRetriable();
        this.retryAfter = retryAfter;
    }

    /**
     * @param kind why it failed
     * @param retriable {@code false} keeps the host from retrying a kind it would retry; {@code true} cannot make
     *        a kind retriable that is not
     * @param message what failed, for a person
     * @deprecated since 1.1.0: retriability follows from the kind; use {@link #of(ErrorKind, String)}
     */
    @Deprecated(since = "1.1.0")
    public ConnectorException(ErrorKind kind, boolean retriable, String message) {
        this(kind, retriable, message, null);
    }

    /**
     * @param kind why it failed
     * @param retriable see {@link #ConnectorException(ErrorKind, boolean, String)}
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @deprecated since 1.1.0: use {@link #of(ErrorKind, String, Throwable)}
     */
    @Deprecated(since = "1.1.0")
    public ConnectorException(ErrorKind kind, boolean retriable, String message, Throwable cause) {
        this(kind, retriable, message, cause, null);
    }

    /**
     * @param kind why it failed
     * @param retriable see {@link #ConnectorException(ErrorKind, boolean, String)}
     * @param message what failed, for a person
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter the store's {@code Retry-After}, or {@code null}
     * @deprecated since 1.1.0: use {@link #of(ErrorKind, String, Throwable, Duration)}
     */
    @Deprecated(since = "1.1.0")
    public ConnectorException(ErrorKind kind, boolean retriable, String message, Throwable cause, Duration retryAfter) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retriable = retriable && kind.isRetriable();
        this.retryAfter = retryAfter;
    }

    /** @return why it failed */
    public ErrorKind kind() {
        return kind;
    }

    /** @return whether the host tries the same call again: the kind's {@link ErrorKind#isRetriable()} */
    public boolean isRetriable() {
        return retriable;
    }

    /** @return how long the store asked to wait before the next call, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
