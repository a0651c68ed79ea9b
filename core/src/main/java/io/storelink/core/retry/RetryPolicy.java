package io.storelink.core.retry;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Retries a call that failed with a retriable {@link ConnectorException} (timeouts, 5xx, 429), waiting with
 * exponential backoff with jitter (between half and all of the computed wait), or as long as the store's
 * {@code Retry-After} asked. Any other failure, and the last
 * retriable one, is thrown.
 *
 * <p>A store that asks to be called back later than {@code maxRetryAfter} is not waited for: the call fails at once,
 * saying when the store asked to be called again. Being interrupted, while calling or while waiting, ends with
 * {@link ErrorKind#CANCELLED}, never with the last network failure.
 *
 * @param attempts how many times to call at most, at least 1
 * @param initialBackoff the first wait
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter the longest wait a store's Retry-After may impose; a longer one fails the call
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
        return call(call, sleeper, listener, Clock.systemUTC());
    }

    /**
     * As {@link #call(Supplier, Sleeper, Listener)}, with the clock that dates a store's call-back time.
     *
     * @param call the call
     * @param sleeper how to wait
     * @param listener told before each wait
     * @param clock the host's clock
     * @param <T> what the call returns
     * @return what the call returned
     */
    public <T> T call(Supplier<T> call, Sleeper sleeper, Listener listener, Clock clock) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ConnectorException e) {
                if (!e.isRetriable() || attempt >= attempts) {
                    throw e;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw cancelled(e);
                }
                Duration asked = e.retryAfter().orElse(null);
                if (asked != null && asked.compareTo(maxRetryAfter) > 0) {
                    Instant when = clock.instant().plus(asked).truncatedTo(ChronoUnit.SECONDS);
                    throw ConnectorException.of(e.kind(), e.getMessage() + "; the store asked to be called "
                            + "again in " + human(asked) + " (at " + when + "), longer than storelink.retry."
                            + "max-retry-after (" + human(maxRetryAfter) + ") allows waiting: try again after " + when,
                            e, asked);
                }
                Duration wait = waitBefore(attempt + 1, e);
                listener.retrying(attempt + 1, wait, e);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw cancelled(e);
                }
            }
        }
    }

    private static ConnectorException cancelled(ConnectorException last) {
        return ConnectorException.of(ErrorKind.CANCELLED, "Cancelled while waiting to try again after: "
                + last.getMessage(), last);
    }

    /** @return a duration as people read it: {@code 27 h 46 min 40 s}, {@code 5 min}, {@code 1.5 s} */
    public static String human(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            long millis = duration.toMillis();
            if (millis < 1000) {
                return millis + " ms";
            }
            return millis % 1000 == 0 ? seconds + " s" : millis / 1000.0 + " s";
        }
        StringBuilder text = new StringBuilder();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            text.append(hours).append(" h");
        }
        if (minutes > 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (rest > 0) {
            text.append(text.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return text.toString();
    }

    /**
     * @param attempt the attempt about to be made, 2 or more
     * @param cause why the last one failed
     * @return how long to wait first
     */
    Duration waitBefore(int attempt, ConnectorException cause) {
        if (cause.retryAfter().isPresent()) {
            Duration asked = cause.retryAfter().get();
            return asked.isNegative() ? Duration.ZERO : asked;
        }
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
        backoff = backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
        // Half fixed, half random: many connections that failed together do not all come back at the same moment.
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(backoff.toMillis() - half + (half == 0 ? 0
                : java.util.concurrent.ThreadLocalRandom.current().nextLong(half + 1)));
    }
}
