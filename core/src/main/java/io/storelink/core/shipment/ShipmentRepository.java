package io.storelink.core.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.storelink.api.ShipmentResult;
import io.storelink.core.connection.Connection;
import io.storelink.core.order.OrderJson;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.Leases;
import io.storelink.core.storage.StorageException;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox table. State changes are single conditional updates, so two processes never send one row at once. */
public final class ShipmentRepository {

    private static final TypeReference<List<ShipmentResult.Shipped>> SHIPPED = new TypeReference<>() {
    };
    private static final String COLUMNS = "s.id, c.name, s.order_number, s.request, s.state, s.attempts, s.remote_id, "
            + "s.shipped, s.already_existed, s.last_error, s.created_at, s.updated_at, s.lease_owner, s.lease_until";

    private final Database database;

    @Inject
    public ShipmentRepository(Database database) {
        this.database = database;
    }

    /** Stores a new notification as pending. @return its id; empty when one with the same key exists */
    public Optional<Long> insert(Connection connection, ShipmentRequest request, String platformOrderId, String idempotencyKey,
                       Instant now) {
        return database.inTransaction(sql -> {
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO shipment (connection_id, order_number, "
                    + "platform_order_id, request, idempotency_key, state, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")) {
                insert.setLong(1, connection.id());
                insert.setString(2, request.orderNumber());
                insert.setString(3, platformOrderId);
                insert.setString(4, json(request));
                insert.setString(5, idempotencyKey);
                insert.setString(6, ShipmentRecord.PENDING.value());
                insert.setString(7, now.toString());
                insert.setString(8, now.toString());
                try (ResultSet rows = insert.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** A notification this host claimed: the row as claimed, and the lease its writes carry. */
    public record Claim(ShipmentRecord record, Leases.Lease lease) {
    }

    /**
     * Marks a notification as being sent by this host, under a lease with a new fencing token, and counts the
     * attempt. A notification pending or failed is claimed; one another host is sending is claimed only once that
     * host's lease has expired (it stopped mid-send): the attempt count then tells the connector to look for what
     * the earlier attempt created before it creates anything.
     *
     * @return the claim, with the attempt count raised; empty when it is sent already or another live host holds it
     */
    public Optional<Claim> claim(long id, Instant now) {
        Optional<ShipmentRecord> seen = find(id);
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        Leases leases = database.leases();
        long until = leases.take();
        Optional<Long> token = database.inRowTransaction(sql -> claimRow(sql, seen.get(), now, until));
        return token.flatMap(claimed -> find(id).map(record -> new Claim(record, hold(record, claimed))));
    }

    /**
     * Claims up to {@code limit} of the connection's notifications that are due, oldest first, in one transaction:
     * pending ones, failed ones whose {@code retry_at} has come, and ones whose sender's lease expired mid-send. On
     * PostgreSQL the candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so hosts draining at once each take
     * rows the others are not claiming; on SQLite, one writer at a time, the claiming update's own conditions decide.
     * Pending rows stored after {@code freshBefore} are left to whoever stored them.
     *
     * @return the claims, each under a lease of this host
     */
    public List<Claim> claimDue(Connection connection, Instant now, Instant freshBefore, int limit) {
        Leases leases = database.leases();
        long until = leases.take();
        long millis = now.toEpochMilli();
        List<long[]> claimed = database.inRowTransaction(sql -> {
            List<ShipmentRecord> candidates = new ArrayList<>();
            try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS + " FROM shipment s JOIN "
                    + "connection c ON c.id = s.connection_id WHERE s.connection_id = ? AND " + DUE
                    + " ORDER BY s.id LIMIT ?" + database.dialect().skipLocked("s"))) {
                select.setLong(1, connection.id());
                select.setLong(2, millis);
                select.setLong(3, millis);
                select.setInt(4, DUE_CANDIDATES);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(read(rows));
                    }
                }
            }
            List<long[]> tokens = new ArrayList<>();
            for (ShipmentRecord candidate : candidates) {
                if (tokens.size() >= limit) {
                    break;
                }
                if (candidate.state().equals(ShipmentRecord.PENDING) && candidate.createdAt().isAfter(freshBefore)) {
                    continue;
                }
                Optional<Long> token = claimRow(sql, candidate, now, until);
                token.ifPresent(value -> tokens.add(new long[] {candidate.id(), value}));
            }
            return tokens;
        });
        List<Claim> claims = new ArrayList<>();
        for (long[] idAndToken : claimed) {
            find(idAndToken[0]).ifPresent(record -> claims.add(new Claim(record, hold(record, idAndToken[1]))));
        }
        return claims;
    }

    /** How many due rows one claim looks at, fresh ones it leaves included. */
    private static final int DUE_CANDIDATES = 100;

    /**
     * The claiming update: taken only in the state it was seen in, as a conditional update, with the row's fencing
     * token raised.
     *
     * @return the new token, or empty when another host claimed it first or still holds it
     */
    private Optional<Long> claimRow(java.sql.Connection sql, ShipmentRecord seen, Instant now, long until)
            throws SQLException {
        Leases leases = database.leases();
        // A process of this machine that is gone holds nothing, whatever its lease says.
        String goneOwner = seen.state().equals(ShipmentRecord.SENDING) && seen.leaseOwner() != null
                && Leases.goneFromThisMachine(seen.leaseOwner()) ? seen.leaseOwner() : null;
        try (PreparedStatement update = sql.prepareStatement("UPDATE shipment SET state = ?, attempts = attempts + 1, "
                + "updated_at = ?, lease_owner = ?, lease_until = ?, lease_token = lease_token + 1 WHERE id = ? "
                + "AND (state IN (?, ?) OR (state = ? AND (lease_until IS NULL OR lease_until < ? "
                + "OR lease_owner = ?))) RETURNING lease_token")) {
            update.setString(1, ShipmentRecord.SENDING.value());
            update.setString(2, now.toString());
            update.setString(3, leases.owner());
            update.setLong(4, until);
            update.setLong(5, seen.id());
            update.setString(6, ShipmentRecord.PENDING.value());
            update.setString(7, ShipmentRecord.FAILED.value());
            update.setString(8, ShipmentRecord.SENDING.value());
            update.setLong(9, leases.now());
            update.setString(10, goneOwner);
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private Leases.Lease hold(ShipmentRecord record, long token) {
        return database.leases().held(Leases.Kind.SHIPMENT, record.id(), token, "shipment " + record.id()
                + " of order " + record.orderNumber() + " on connection " + record.connection());
    }

    /**
     * Right before the store call: renews the lease, only while this host still holds it, and checks that it then
     * runs at least {@code needed} (the call's request timeout and a margin).
     *
     * @throws io.storelink.core.storage.LeaseLostException when another host took it over: do not send
     * @throws io.storelink.api.ConnectorException of kind {@code CONFIGURATION} when a lease is shorter than
     *         {@code needed}: do not send
     */
    public void confirm(Leases.Lease lease, java.time.Duration needed) {
        Leases leases = database.leases();
        long left = database.inRowTransaction(sql -> leases.renew(sql, lease)) - leases.now();
        if (left < needed.toMillis()) {
            throw io.storelink.api.ConnectorException.of(io.storelink.api.ErrorKind.CONFIGURATION, "Not sent: a "
                    + "store call may take " + needed.toSeconds() + " s (storelink.request-timeout and a margin), "
                    + "longer than the " + left / 1000 + " s this host's lease on " + lease + " runs, so another host "
                    + "could take it over mid-call. Lower storelink.request-timeout so that a call fits in a lease ("
                    + Leases.DURATION.toSeconds() + " s)");
        }
    }

    /** Counts one more attempt of a notification being sent, and renews its lease, while this host holds it. */
    public void countAttempt(Leases.Lease lease, Instant now) {
        fenced(lease, false, "UPDATE shipment SET attempts = attempts + 1, updated_at = ?, lease_until = ?",
                now.toString(), database.leases().until());
    }

    /** Records the store's answer and gives the lease back, while this host holds it. */
    public void markSent(Leases.Lease lease, ShipmentResult result, Instant now) {
        fenced(lease, true, "UPDATE shipment SET state = ?, remote_id = ?, shipped = ?, already_existed = ?, "
                        + "last_error = NULL, updated_at = ?, lease_owner = NULL, lease_until = NULL",
                ShipmentRecord.SENT.value(), result.remoteShipmentId(), json(result.shipped()),
                result.alreadyExisted() ? 1 : 0, now.toString());
    }

    /**
     * Records why the last attempt failed, counts the failure and gives the lease back, while this host holds it.
     *
     * @param retryAt when the outbox drain may send it again, or {@code null} for never by itself
     */
    public void markFailed(Leases.Lease lease, String error, Instant now, Instant retryAt) {
        fenced(lease, true, "UPDATE shipment SET state = ?, last_error = ?, updated_at = ?, lease_owner = NULL, "
                + "lease_until = NULL, failures = failures + 1, retry_at = ?", ShipmentRecord.FAILED.value(), error,
                now.toString(), retryAt == null ? null : retryAt.toEpochMilli());
    }

    /** Puts a claimed notification back to pending, unsent, and gives the lease back, while this host holds it. */
    public void giveBack(Leases.Lease lease, Instant now) {
        fenced(lease, true, "UPDATE shipment SET state = ?, attempts = attempts - 1, updated_at = ?, "
                + "lease_owner = NULL, lease_until = NULL", ShipmentRecord.PENDING.value(), now.toString());
    }

    /**
     * Runs {@code update} (up to its WHERE) on the lease's row, conditional on the lease.
     *
     * @throws io.storelink.core.storage.LeaseLostException when another host took it over; nothing is written
     */
    private void fenced(Leases.Lease lease, boolean release, String update, Object... parameters) {
        Leases leases = database.leases();
        database.inRowTransaction(sql -> {
            try (PreparedStatement statement = sql.prepareStatement(update + " WHERE " + Leases.Lease.WHERE
                    + " AND state = ?")) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, stored(parameters[i]));
                }
                int next = lease.bind(statement, parameters.length + 1);
                statement.setString(next, ShipmentRecord.SENDING.value());
                if (statement.executeUpdate() == 0) {
                    throw leases.lost(sql, lease);
                }
                return null;
            }
        });
        if (release) {
            leases.release(lease);
        }
    }

    /** @return how many times the notification failed (each failed send, whatever its retries inside) */
    public int failures(long id) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT failures FROM shipment WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : 0;
                }
            }
        });
    }

    /** Which unsent notifications the drain sends: pending, failed for a passing reason, or left mid-send. */
    private static final String DUE = "(s.state = 'pending' OR (s.state = 'failed' AND s.retry_at <= ?) "
            + "OR (s.state = 'sending' AND (s.lease_until IS NULL OR s.lease_until < ?)))";

    /** @return the names of the connections that have notifications due now (see {@link #claimDue}) */
    public List<String> connectionsWithDue(Instant now) {
        long millis = now.toEpochMilli();
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT DISTINCT c.name FROM shipment s "
                    + "JOIN connection c ON c.id = s.connection_id WHERE s.state IN ('pending', 'failed', 'sending') "
                    + "AND " + DUE + " ORDER BY c.name")) {
                select.setLong(1, millis);
                select.setLong(2, millis);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** @return the notification with this idempotency key, if one was stored */
    public Optional<ShipmentRecord> findByKey(String idempotencyKey) {
        List<ShipmentRecord> found = select("WHERE s.idempotency_key = ?", idempotencyKey);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return one notification */
    public Optional<ShipmentRecord> find(long id) {
        List<ShipmentRecord> found = select("WHERE s.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * @param connection a connection, or {@code null} for all
     * @param state a state, or {@code null} for all
     * @return the notifications, oldest first
     */
    public List<ShipmentRecord> list(Connection connection, String state) {
        return select("WHERE (CAST(? AS BIGINT) IS NULL OR s.connection_id = ?) "
                + "AND (CAST(? AS TEXT) IS NULL OR s.state = ?) ORDER BY s.id",
                connection == null ? null : connection.id(), connection == null ? null : connection.id(), state, state);
    }

    /** @return what was shipped for an order, over every sent notification */
    public List<ShipmentResult.Shipped> shippedFor(Connection connection, String orderNumber) {
        List<ShipmentResult.Shipped> shipped = new ArrayList<>();
        for (ShipmentRecord record : select("WHERE s.connection_id = ? AND s.order_number = ? AND s.state = ?",
                connection.id(), orderNumber, ShipmentRecord.SENT)) {
            shipped.addAll(record.shipped());
        }
        return shipped;
    }

    /**
     * @return the lines asked for by the order's notifications that are not sent yet and not failed (pending, or
     *         being sent): what they will ship once sent
     */
    public List<ShipmentRecord> inFlightFor(Connection connection, String orderNumber) {
        return select("WHERE s.connection_id = ? AND s.order_number = ? AND s.state IN (?, ?)", connection.id(),
                orderNumber, ShipmentRecord.PENDING, ShipmentRecord.SENDING);
    }

    /** @return how many notifications a connection has, by state */
    public Map<String, Long> countByState(Connection connection) {
        return database.countBy("SELECT state, COUNT(*) FROM shipment WHERE connection_id = ? GROUP BY state "
                + "ORDER BY state", connection.id());
    }

    private List<ShipmentRecord> select(String where, Object... parameters) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS
                    + " FROM shipment s JOIN connection c ON c.id = s.connection_id " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, stored(parameters[i]));
                }
                List<ShipmentRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                }
                return records;
            }
        });
    }

    /** A parameter as the database takes it: a state as its stored value, anything else as it is. */
    private static Object stored(Object parameter) {
        return parameter instanceof io.storelink.core.storage.StoredEnum value ? value.value() : parameter;
    }

    private static ShipmentRecord read(ResultSet rows) throws SQLException {
        String shipped = rows.getString(8);
        return new ShipmentRecord(rows.getLong(1), rows.getString(2), rows.getString(3),
                parse(rows.getString(4), new TypeReference<ShipmentRequest>() {
                }), ShipmentState.stored(rows.getString(5)), rows.getInt(6), rows.getString(7),
                shipped == null ? List.of() : parse(shipped, SHIPPED), rows.getInt(9) != 0, rows.getString(10),
                Instant.parse(rows.getString(11)), Instant.parse(rows.getString(12)), rows.getString(13),
                rows.getObject(14) == null ? null : Leases.instant(rows.getLong(14)));
    }

    private static String json(Object value) {
        try {
            return OrderJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StorageException("Cannot encode a shipment", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return OrderJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("Stored shipment is not valid JSON", e);
        }
    }
}
