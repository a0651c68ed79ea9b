package io.storelink.sandbox;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One request the sandbox received.
 *
 * @param time when it arrived (sandbox clock)
 * @param method the HTTP method
 * @param path the raw request path, e.g. {@code /rest/V1/orders}
 * @param query the raw (still encoded) query string, empty if none
 * @param status the status sent, or 0 when no response was sent (reset, drop)
 * @param duration how long the sandbox took to answer, latency included
 * @param fault the fault that fired, or null
 * @param body the request body as text
 * @param bodyBytesSent for a {@link Fault#hugeBody huge body}, how many body bytes went out before the connection
 *        ended (the whole size only if the client read it all); -1 for every other answer
 */
public record LoggedRequest(Instant time, String method, String path, String query, int status, Duration duration,
                            Fault.Kind fault, String body, long bodyBytesSent) {
    public LoggedRequest {
        requireNonNull(time, "time is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(query, "query is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(body, "body is null");
    }

    /** The query string percent-decoded, for readable assertions. */
    public String decodedQuery() {
        return PhpQuery.decode(query);
    }
}
