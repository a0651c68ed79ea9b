package io.storelink.core.retry;

import io.storelink.api.ConnectorException;

import java.time.Duration;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Retries a call that failed with a retriable {@link ConnectorException} (timeouts, 5xx, 429), waiting with
 * exponential backoff, or as long as the store's {@code Retry-After} asked, capped. Any other failure, and the last
 * retriable one, is thrown.
 *
 * @param attempts how many times to call at most, at least 1
 * @param initialBackoff the first wait
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter the longest wait a store's Retry-After may impose
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(maxRetryAfter, "maxRetryAfter is null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    /** Hears about each retry, for progress output. */
    @FunctionalInterface
    public interface Listener {
        void retrying(int attempt, Duration wait, ConnectorException cause);

        Listener NONE = (attempt, wait, cause) -> { };
    }

    /**
     * @param call the call
     * @param sleeper how to wait
     * @param listener told before each wait
     * @param <T> what the call returns
     * @return what the call returned
     */
    public <T> T call(Supplier<T> call, Sleeper sleeper, Listener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ConnectorException e) {
                if (!e.isRetriable() || attempt >= attempts) {
                    throw e;
                }
                Duration wait = waitBefore(attempt + 1, e);
                listener.retrying(attempt + 1, wait, e);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * @param attempt the attempt about to be made, 2 or more
     * @param cause why the last one failed
     * @return how long to wait first
     */
    Duration waitBefore(int attempt, ConnectorException cause) {
        if (cause.retryAfter().isPresent()) {
            Duration asked = cause.retryAfter().get();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
