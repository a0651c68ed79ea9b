package io.storelink.core.idempotency;

import io.storelink.core.form.FieldError;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.LeaseLostException;
import io.storelink.core.storage.Leases;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The first answer to each request sent with an {@code Idempotency-Key}, kept in the database for {@link #TTL}: the
 * same request again, from any process and after a restart, gets that answer instead of acting twice.
 *
 * <p>Each key is claimed in its own short transaction before the work runs and answered in another after it, so
 * requests with different keys never wait for each other (a slow store holds only its own key). A second request
 * with a key whose first one is still running is refused as busy rather than run twice. A claim whose process is
 * gone is taken over: at once when that process ran on this machine (killed with {@code kill -9}, say), after
 * {@link #STALE_CLAIM} when it ran on another. A request that failed leaves no answer, so it
 * may be sent again with the same key.
 */
public final class IdempotencyKeys {

    /** How long an answer is kept. */
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

    public static final Duration TTL = Duration.ofHours(24);

    /** How long a claim without an answer holds its key: longer than any one request may run. */
    public static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    /** How often a process deletes the answers past their TTL. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** The longest key taken. */
    public static final int MAX_KEY_LENGTH = 255;

    /** A remembered answer. */
    public record Answer(int status, byte[] body) {
        public Answer {
            requireNonNull(body, "body is null");
        }
    }

    /** The key was used before for a different request. */
    public static final class ReusedException extends RuntimeException {
        private final String key;

        ReusedException(String key) {
            super("Idempotency-Key '" + key + "' was used before for a different request; expected a new key for a "
                    + "new request");
            this.key = key;
        }

        /** @return the error by field, for forms and problem details */
        public FieldError error() {
            return new FieldError("Idempotency-Key", "'" + key + "' was used for a different request");
        }
    }

    /** The key's first request is still being handled. */
    public static final class InProgressException extends RuntimeException {
        InProgressException(String key) {
            super("a request with Idempotency-Key '" + key + "' is still being handled; send it again once it is "
                    + "answered");
        }
    }

    private final Database database;
    private final Clock clock;
    /** This process, as leases name it, so another process can tell a claim of a process that is gone. */
    private final String owner;
    /** When this process next deletes expired answers, in epoch milliseconds. */
    private final AtomicLong nextSweep = new AtomicLong();

    @Inject
    public IdempotencyKeys(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.owner = database.leases().owner();
    }

    /**
     * Answers a request once per key: the first time by running {@code action}, after that with its answer.
     *
     * @param scope what the key is scoped to (the endpoint and connection)
     * @param key the Idempotency-Key, 1 to {@value #MAX_KEY_LENGTH} characters
     * @param request the request's canonical body, which a repeat must match
     * @param action what the first request does; its answer is kept only when it returns
     * @return the answer
     * @throws ReusedException when the key was used for a different request
     * @throws InProgressException when the key's first request is still being handled
     */
    public Answer answer(String scope, String key, byte[] request, Supplier<Answer> action) {
        requireNonNull(scope, "scope is null");
        requireNonNull(key, "key is null");
        String digest = sha256(request);
        // The claim's owner and moment are its fence: a claim taken over after STALE_CLAIM has another of either.
        Instant claimedAt = clock.instant();
        sweep(claimedAt);
        Answer known = claim(scope, key, digest, claimedAt);
        if (known != null) {
            return known;
        }
        Answer answer;
        try {
            answer = action.get();
        } catch (RuntimeException | Error e) {
            release(scope, key, claimedAt);
            throw e;
        }
        int stored = database.inRowTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement("UPDATE idempotency_key SET answer_status = ?, "
                    + "answer_body = ? WHERE scope = ? AND key = ? AND claimed_by = ? AND claimed_at = ? "
                    + "AND answer_status IS NULL")) {
                update.setInt(1, answer.status());
                update.setBytes(2, answer.body());
                update.setString(3, scope);
                update.setString(4, key);
                update.setString(5, owner);
                update.setString(6, claimedAt.toString());
                return update.executeUpdate();
            }
        });
        if (stored == 0) {
            throw new LeaseLostException("The Idempotency-Key '" + key + "' was taken over by another process while "
                    + "this one held it for more than " + STALE_CLAIM.toMinutes() + " minutes; this process's answer "
                    + "was not stored");
        }
        return answer;
    }

    /**
     * Claims the key, or finds it claimed or answered. The key is claimed by inserting its row, which the primary key
     * lets only one request do; a request that finds the row there locks it before looking. So the transaction reads
     * no range and needs no serializable isolation: on PostgreSQL it runs at READ COMMITTED, where claims of
     * different keys never fail each other (at SERIALIZABLE, the empty index pages one claim read and another wrote
     * made about 200 claims a minute fail and run again with three hosts).
     *
     * @return the stored answer of a repeat, or {@code null} when this request has claimed the key
     */
    private Answer claim(String scope, String key, String digest, Instant now) {
        String expiredBefore = now.minus(TTL).toString();
        return database.inRowTransaction(sql -> {
            while (true) {
                try (PreparedStatement insert = sql.prepareStatement("INSERT INTO idempotency_key (scope, key, "
                        + "request_sha256, created_at, claimed_at, claimed_by) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
                    insert.setString(1, scope);
                    insert.setString(2, key);
                    insert.setString(3, digest);
                    insert.setString(4, now.toString());
                    insert.setString(5, now.toString());
                    insert.setString(6, owner);
                    if (insert.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement select = sql.prepareStatement("SELECT request_sha256, answer_status, "
                        + "answer_body, created_at, claimed_at, claimed_by FROM idempotency_key WHERE scope = ? AND "
                        + "key = ?" + database.dialect().forUpdate())) {
                    select.setString(1, scope);
                    select.setString(2, key);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            // Swept between the two statements: insert it again.
                            continue;
                        }
                        if (row.getString("created_at").compareTo(expiredBefore) < 0) {
                            // An answer past its TTL that no sweep removed yet is gone: the key starts afresh.
                            restart(sql, scope, key, digest, now);
                            return null;
                        }
                        if (!row.getString("request_sha256").equals(digest)) {
                            throw new ReusedException(key);
                        }
                        int status = row.getInt("answer_status");
                        if (!row.wasNull()) {
                            return new Answer(status, row.getBytes("answer_body"));
                        }
                        long claimUntil = Instant.parse(row.getString("claimed_at")).plus(STALE_CLAIM).toEpochMilli();
                        if (Leases.holds(row.getString("claimed_by"), claimUntil, now.toEpochMilli())) {
                            throw new InProgressException(key);
                        }
                        retake(sql, scope, key, now);
                        return null;
                    }
                }
            }
        });
    }

    private void restart(Connection sql, String scope, String key, String digest, Instant now)
            throws SQLException {
        try (PreparedStatement update = sql.prepareStatement("UPDATE idempotency_key SET request_sha256 = ?, "
                + "answer_status = NULL, answer_body = NULL, created_at = ?, claimed_at = ?, claimed_by = ? "
                + "WHERE scope = ? AND key = ?")) {
            update.setString(1, digest);
            update.setString(2, now.toString());
            update.setString(3, now.toString());
            update.setString(4, owner);
            update.setString(5, scope);
            update.setString(6, key);
            update.executeUpdate();
        }
    }

    /**
     * Deletes the answers past their {@link #TTL}, at most once per {@link #SWEEP_EVERY} in this process, in a
     * transaction of its own. Claims never sweep: a range delete in every claim made each one read the index pages
     * every other claim writes, so on PostgreSQL concurrent claims failed to serialize with one another (hundreds of
     * retries a minute with three hosts, sometimes a request answered busy). An expired answer not swept yet is
     * ignored by {@link #claim} anyway; a failed sweep is tried again next time.
     */
    private void sweep(Instant now) {
        long due = nextSweep.get();
        if (now.toEpochMilli() < due || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY).toEpochMilli())) {
            return;
        }
        try {
            database.inTransaction(sql -> {
                try (PreparedStatement expired = sql.prepareStatement(
                        "DELETE FROM idempotency_key WHERE created_at < ?")) {
                    expired.setString(1, now.minus(TTL).toString());
                    return expired.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            nextSweep.set(0);
            LOG.debug("Expired Idempotency-Keys were not deleted this time: {}", e.getMessage());
        }
    }

    private void retake(Connection sql, String scope, String key, Instant now) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(
                "UPDATE idempotency_key SET claimed_at = ?, claimed_by = ? WHERE scope = ? AND key = ?")) {
            update.setString(1, now.toString());
            update.setString(2, owner);
            update.setString(3, scope);
            update.setString(4, key);
            update.executeUpdate();
        }
    }

    /**
     * A request that failed leaves the key free: nothing was answered, so it may be sent again. A claim another
     * process took over meanwhile is that process's, and stays.
     */
    private void release(String scope, String key, Instant claimedAt) {
        database.inRowTransaction(sql -> {
            try (PreparedStatement delete = sql.prepareStatement("DELETE FROM idempotency_key WHERE scope = ? AND "
                    + "key = ? AND answer_status IS NULL AND claimed_by = ? AND claimed_at = ?")) {
                delete.setString(1, scope);
                delete.setString(2, key);
                delete.setString(3, owner);
                delete.setString(4, claimedAt.toString());
                return delete.executeUpdate();
            }
        });
    }

    private static String sha256(byte[] request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
