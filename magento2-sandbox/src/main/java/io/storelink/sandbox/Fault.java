package io.storelink.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A fault to inject into matching requests, built fluently:
 * {@code Fault.status(503).on("POST", "/V1/order/\\d+/ship").times(1)}.
 * <p>
 * The path is a regular expression matched against the whole request path or the route path after
 * {@code /index.php/rest[/<store>]} (so {@code /V1/orders} matches {@code /rest/default/V1/orders}). By default a
 * fault matches every method and path and fires on every match until cleared; {@link #times(int)} limits it and
 * {@link #afterMatches(int)} lets the first matches through.
 *
 * @param kind what happens
 * @param status the HTTP status for {@link Kind#STATUS} (429 for {@link Kind#RETRY_AFTER})
 * @param duration Retry-After for {@link Kind#RETRY_AFTER}, the dribble time for {@link Kind#SLOW_BODY}, the pause
 *        between two bytes for {@link Kind#DRIP}
 * @param bytes the body's size for {@link Kind#HUGE_BODY} and {@link Kind#HUGE_CHUNKED_BODY}, else 0
 * @param method the HTTP method to match, or null for any
 * @param path the path pattern, or null for any
 * @param times how many matching requests it fires on
 * @param skip how many matching requests pass untouched first
 */
public record Fault(Kind kind, int status, Duration duration, long bytes, String method, Pattern path, int times,
                    int skip) {
    /** What a fault does to a request. */
    public enum Kind {
        /** Answer with this status instead of handling the request (500 as Magento's masked error, others as a proxy page). */
        STATUS,
        /** Answer 429 with a {@code Retry-After} header in seconds. */
        RETRY_AFTER,
        /** Read the request, then abort the connection with a TCP RST; nothing is applied. */
        RESET,
        /** Handle the request (writes are applied), promise the body in Content-Length, send half, close. */
        TRUNCATED_BODY,
        /** Answer 200 {@code text/html} with a storefront page instead of JSON; nothing is applied. */
        HTML,
        /** Handle the request normally but dribble the body over the duration. */
        SLOW_BODY,
        /** Handle the request (writes are applied), then close the connection without any response. */
        COMMIT_THEN_DROP,
        /**
         * Handle the request normally, then send the whole response, status line and headers included, one byte at a
         * time with a pause between two bytes.
         */
        DRIP,
        /**
         * Answer 200 JSON with a body of the given size announced in Content-Length, made up while it is sent (never
         * held in memory); nothing is applied. The log entry is written when the connection ends, with the body bytes
         * sent.
         */
        HUGE_BODY,
        /** As {@link #HUGE_BODY}, but chunked: no Content-Length says how large the body is. */
        HUGE_CHUNKED_BODY,
        /**
         * Wait until the test calls {@link Faults#release()} (60 s at most), then handle the request normally: a test
         * can act while a request is known to be in flight, instead of guessing with a latency.
         */
        HOLD
    }

    public Fault {
        requireNonNull(kind, "kind is null");
        requireNonNull(duration, "duration is null");
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        return of(Kind.STATUS, status, Duration.ZERO);
    }

    public static Fault retryAfter(int seconds) {
        return of(Kind.RETRY_AFTER, 429, Duration.ofSeconds(seconds));
    }

    public static Fault reset() {
        return of(Kind.RESET, 0, Duration.ZERO);
    }

    public static Fault truncatedBody() {
        return of(Kind.TRUNCATED_BODY, 200, Duration.ZERO);
    }

    public static Fault html() {
        return of(Kind.HTML, 200, Duration.ZERO);
    }

    public static Fault slowBody(Duration duration) {
        return of(Kind.SLOW_BODY, 200, duration);
    }

    public static Fault commitThenDrop() {
        return of(Kind.COMMIT_THEN_DROP, 0, Duration.ZERO);
    }

    /** The whole response, headers too, one byte every {@code every}: a store that never stops, and never finishes. */
    public static Fault drip(Duration every) {
        requireNonNull(every, "every is null");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("drip pause must be positive: " + every);
        }
        return of(Kind.DRIP, 200, every);
    }

    /** A 200 JSON body of {@code bytes} bytes, announced in Content-Length and made up as it is sent. */
    /** @return a fault that holds matching requests until {@link Faults#release()}, see {@link Kind#HOLD} */
    public static Fault hold() {
        return of(Kind.HOLD, 200, Duration.ZERO);
    }

    public static Fault hugeBody(long bytes) {
        return huge(Kind.HUGE_BODY, bytes);
    }

    /** A 200 JSON body of {@code bytes} bytes, chunked (no Content-Length) and made up as it is sent. */
    public static Fault hugeChunkedBody(long bytes) {
        return huge(Kind.HUGE_CHUNKED_BODY, bytes);
    }

    /** Only requests with this method and a path matching this regular expression. */
    public Fault on(String newMethod, String pathRegex) {
        requireNonNull(newMethod, "newMethod is null");
        return new Fault(kind, status, duration, bytes, newMethod, Pattern.compile(pathRegex), times, skip);
    }

    /** Only requests (any method) with a path matching this regular expression. */
    public Fault on(String pathRegex) {
        return new Fault(kind, status, duration, bytes, null, Pattern.compile(pathRegex), times, skip);
    }

    public Fault times(int count) {
        return new Fault(kind, status, duration, bytes, method, path, count, skip);
    }

    /** Lets the first {@code count} matching requests through, then fires. */
    public Fault afterMatches(int count) {
        return new Fault(kind, status, duration, bytes, method, path, times, count);
    }

    boolean matches(String requestMethod, String fullPath, String routePath) {
        if (method != null && !method.equals(requestMethod)) {
            return false;
        }
        return path == null || path.matcher(fullPath).matches() || path.matcher(routePath).matches();
    }

    private static Fault of(Kind kind, int status, Duration duration) {
        return new Fault(kind, status, duration, 0, null, null, Integer.MAX_VALUE, 0);
    }

    private static Fault huge(Kind kind, long bytes) {
        if (bytes < HugeBody.MIN_BYTES) {
            throw new IllegalArgumentException("a huge body has at least " + HugeBody.MIN_BYTES + " bytes: " + bytes);
        }
        return new Fault(kind, 200, Duration.ZERO, bytes, null, null, Integer.MAX_VALUE, 0);
    }
}
