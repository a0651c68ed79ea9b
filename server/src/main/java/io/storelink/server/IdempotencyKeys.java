package io.storelink.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers the first answer to a POST sent with an {@code Idempotency-Key}, so the same POST again gets that
 * answer instead of acting twice. Kept in memory for {@link #TTL}, at most {@link #CAPACITY} keys; after a restart
 * a repeated ship notification is still recognised by the outbox (its key is derived from the notification) and
 * answered with the shipment as it is.
 */
final class IdempotencyKeys {

    static final Duration TTL = Duration.ofHours(24);
    static final int CAPACITY = 10_000;
    static final int MAX_KEY_LENGTH = 255;

    /** A remembered answer. */
    record Answer(int status, byte[] body) {
    }

    private record Entry(byte[] request, Answer answer, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    IdempotencyKeys(Clock clock) {
        this.clock = clock;
    }

    /**
     * Answers a POST once per key: the first time by running {@code action}, after that with its answer. Holds one
     * lock while it runs, so two requests with the same key never both act.
     *
     * @param scope what the key is scoped to (the endpoint and connection)
     * @param key the Idempotency-Key
     * @param request the request's body, which a repeat must match
     * @param action what the first request does
     * @return the answer
     * @throws ApiProblem (422) when the key was used before with a different body
     */
    synchronized Answer answer(String scope, String key, byte[] request, Supplier<Answer> action) {
        String id = scope + "\n" + key;
        Entry known = entries.get(id);
        Instant now = clock.instant();
        if (known != null && known.at().plus(TTL).isAfter(now)) {
            if (!Arrays.equals(known.request(), request)) {
                throw new ApiProblem(422, Problems.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key
                        + "' was used before with a different request; expected a new key for a new request",
                        java.util.List.of(new io.storelink.core.form.FieldError("Idempotency-Key",
                                "'" + key + "' was used for a different request")));
            }
            return known.answer();
        }
        Answer answer = action.get();
        entries.put(id, new Entry(request.clone(), answer, now));
        return answer;
    }
}
