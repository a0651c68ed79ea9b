package io.storelink.core.order;

import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.core.connection.Connection;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.Dialect;
import io.storelink.core.storage.Leases;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Stores imported orders, import cursors and import runs. */
public final class OrderRepository {

    private final Database database;

    @Inject
    public OrderRepository(Database database) {
        this.database = database;
    }

    /** What storing one batch did. */
    public record BatchOutcome(int imported, int alreadyImported) {
    }

    /** @param connection a connection @return where its next import continues, if it was ever imported */
    public Optional<String> cursor(Connection connection) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT cursor FROM import_cursor WHERE connection_id = ?")) {
                select.setLong(1, connection.id());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Starts a run of the connection under a lease of this host: runs left running by a host that stopped (its lease
     * expired, or it was a process of this machine that is gone) end as interrupted first. The database holds at most
     * one running run per connection (a unique index), so of hosts starting at once exactly one gets the run.
     *
     * @return the new run's lease; its id is the run's
     * @throws ImportBusyException when a live run holds the connection
     */
    public Leases.Lease startRun(Connection connection, Instant startedAt) {
        Leases leases = database.leases();
        long until = leases.take();
        long now = leases.now();
        // A run of a process of this machine that is gone holds nothing, whatever its lease says.
        List<Object[]> stopped = new ArrayList<>();
        database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT id, lease_owner, lease_until, lease_token "
                    + "FROM import_run WHERE connection_id = ? AND result = ?")) {
                select.setLong(1, connection.id());
                select.setString(2, ImportRun.RUNNING.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String owner = rows.getString(2);
                        long leaseUntil = rows.getLong(3);
                        Long expiry = rows.wasNull() ? null : leaseUntil;
                        if (!Leases.holds(owner, expiry, now)) {
                            stopped.add(new Object[] {rows.getLong(1), owner, rows.getLong(4)});
                        }
                    }
                }
            }
            return null;
        });
        // Conditional updates by id and an insert the unique index decides: no serializable snapshot needed.
        long runId = database.inRowTransaction(sql -> {
            for (Object[] run : stopped) {
                // Taken over only as it was seen: a renewal since (a later expiry) or a new claim (a new token) wins.
                try (PreparedStatement interrupted = sql.prepareStatement("UPDATE import_run SET result = ?, "
                        + "finished_at = ?, error = ?, lease_owner = ?, lease_until = NULL, "
                        + "lease_token = lease_token + 1 WHERE id = ? AND result = ? AND lease_token = ? "
                        + "AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")) {
                    interrupted.setString(1, ImportRun.INTERRUPTED.value());
                    interrupted.setString(2, startedAt.toString());
                    interrupted.setString(3, INTERRUPTED_ERROR);
                    // The run keeps who took it over, for the message of a late write of the host that had it.
                    interrupted.setString(4, leases.owner());
                    interrupted.setLong(5, (Long) run[0]);
                    interrupted.setString(6, ImportRun.RUNNING.value());
                    interrupted.setLong(7, (Long) run[2]);
                    interrupted.setLong(8, now);
                    interrupted.setString(9, run[1] != null && Leases.goneFromThisMachine((String) run[1])
                            ? (String) run[1] : null);
                    interrupted.executeUpdate();
                }
            }
            // One running run per connection: the unique index import_run_one_running refuses a second.
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO import_run "
                    + "(connection_id, started_at, result, lease_owner, lease_until, lease_token) "
                    + "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING RETURNING id")) {
                insert.setLong(1, connection.id());
                insert.setString(2, startedAt.toString());
                insert.setString(3, ImportRun.RUNNING.value());
                insert.setString(4, leases.owner());
                insert.setLong(5, until);
                try (ResultSet rows = insert.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            }
            throw busy(sql, connection);
        });
        return leases.held(Leases.Kind.IMPORT_RUN, runId, 1, "import run " + runId + " of connection "
                + connection.name());
    }

    /** What an interrupted run's error says. */
    static final String INTERRUPTED_ERROR = "the process running it stopped before it finished (killed, crashed or "
            + "its machine went away); the next run went on from the last stored batch";

    private static ImportBusyException busy(java.sql.Connection sql, Connection connection) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement("SELECT id, started_at, lease_owner, lease_until "
                + "FROM import_run WHERE connection_id = ? AND result = ? ORDER BY id DESC LIMIT 1")) {
            select.setLong(1, connection.id());
            select.setString(2, ImportRun.RUNNING.value());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Instant until = Leases.instant(rows.getLong(4));
                return new ImportBusyException("Connection " + connection.name() + " is being imported by "
                        + Leases.describe(rows.getString(3)) + " (run " + rows.getLong(1) + ", started "
                        + rows.getString(2) + "); one run at a time per connection. If that process has stopped, "
                        + "run the import again after " + until + ", when its lease ends");
            }
        }
    }

    /**
     * Stores a batch's new orders, its failures, the run's counts and the connection's next cursor, all in one
     * transaction: after a crash either all of it is there or none.
     */
    public BatchOutcome storeBatch(Connection connection, Leases.Lease run, OrderBatch batch, Instant importedAt) {
        return storeBatch(connection, run, batch, batch.orders().stream().map(OrderJson::writeBytes).toList(),
                importedAt);
    }

    /**
     * As {@link #storeBatch(Connection, Leases.Lease, OrderBatch, Instant)}, with each order's canonical JSON already
     * written (by another thread), in the order of {@code batch.orders()}.
     *
     * @throws io.storelink.core.storage.LeaseLostException when another host took the run over: nothing is stored
     */
    public BatchOutcome storeBatch(Connection connection, Leases.Lease run, OrderBatch batch, List<byte[]> payloads,
                                   Instant importedAt) {
        long runId = run.id();
        if (payloads.size() != batch.orders().size()) {
            throw new IllegalArgumentException("a payload is needed for each of the batch's orders");
        }
        return database.inTransaction(sql -> {
            int imported = 0;
            if (!batch.orders().isEmpty()) {
                try (PreparedStatement insert = sql.prepareStatement("INSERT INTO imported_order "
                        + "(connection_id, platform_order_id, order_number, status, placed_at, imported_at, run_id, "
                        + "payload) VALUES (?, ?, ?, ?, ?, ?, ?, " + database.dialect().utf8AsText("?") + ") "
                        + "ON CONFLICT (connection_id, platform_order_id) DO NOTHING")) {
                    for (int index = 0; index < batch.orders().size(); index++) {
                        Order order = batch.orders().get(index);
                        insert.setLong(1, connection.id());
                        insert.setString(2, order.platformOrderId());
                        insert.setString(3, order.orderNumber());
                        insert.setString(4, order.status());
                        insert.setString(5, order.placedAt().toString());
                        insert.setString(6, importedAt.toString());
                        insert.setLong(7, runId);
                        // UTF-8 bytes, stored as TEXT: no String to build and encode again for each order.
                        insert.setBytes(8, payloads.get(index));
                        insert.addBatch();
                    }
                    for (int count : insert.executeBatch()) {
                        imported += count > 0 ? 1 : 0;
                    }
                }
            }
            int failed = 0;
            if (!batch.failed().isEmpty()) {
                try (PreparedStatement insert = sql.prepareStatement("INSERT INTO import_failure "
                        + "(run_id, platform_order_id, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (OrderBatch.Failure failure : batch.failed()) {
                        insert.setLong(1, runId);
                        insert.setString(2, failure.platformOrderId());
                        insert.setString(3, failure.reason());
                        insert.addBatch();
                    }
                    for (int count : insert.executeBatch()) {
                        failed += count > 0 ? 1 : 0;
                    }
                }
            }
            try (PreparedStatement upsert = sql.prepareStatement("INSERT INTO import_cursor "
                    + "(connection_id, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (connection_id) "
                    + "DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at")) {
                upsert.setLong(1, connection.id());
                upsert.setString(2, batch.nextCursor());
                upsert.setString(3, importedAt.toString());
                upsert.executeUpdate();
            }
            int already = batch.orders().size() - imported;
            try (PreparedStatement update = sql.prepareStatement("UPDATE import_run SET found = found + ?, "
                    + "imported = imported + ?, already_imported = already_imported + ?, failed = failed + ?, "
                    + "held_back = " + database.dialect().greater("held_back", "?") + " WHERE " + Leases.Lease.WHERE
                    + " AND result = 'running'")) {
                update.setLong(1, batch.orders().size() + batch.failed().size());
                update.setLong(2, imported);
                update.setLong(3, already);
                update.setLong(4, failed);
                update.setLong(5, Math.max(batch.heldBack(), 0));
                run.bind(update, 6);
                // The fence: a run taken over by another host refuses this page, its orders and its cursor.
                if (update.executeUpdate() == 0) {
                    throw database.leases().lost(sql, run);
                }
            }
            return new BatchOutcome(imported, already);
        });
    }

    /** @return the orders a run could not read, as the connector reported them */
    public List<OrderBatch.Failure> failures(long runId) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT platform_order_id, reason FROM import_failure WHERE run_id = ? ORDER BY id")) {
                select.setLong(1, runId);
                List<OrderBatch.Failure> failures = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        failures.add(new OrderBatch.Failure(rows.getString(1), rows.getString(2)));
                    }
                }
                return failures;
            }
        });
    }

    /**
     * Records how a run ended and gives its lease back.
     *
     * @throws io.storelink.core.storage.LeaseLostException when another host took the run over: nothing is recorded
     */
    public void finishRun(Leases.Lease run, RunResult result, Instant finishedAt, Duration duration, String error) {
        database.inRowTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement("UPDATE import_run SET result = ?, finished_at = ?, "
                    + "duration_ms = ?, error = ?, lease_owner = NULL, lease_until = NULL WHERE "
                    + Leases.Lease.WHERE + " AND result = 'running'")) {
                update.setString(1, result.value());
                update.setString(2, finishedAt.toString());
                update.setLong(3, duration.toMillis());
                update.setString(4, error);
                run.bind(update, 5);
                if (update.executeUpdate() == 0) {
                    throw database.leases().lost(sql, run);
                }
                return null;
            }
        });
        database.leases().release(run);
    }

    /** @return a run by id */
    public ImportRun run(Connection connection, long runId) {
        return runs(connection, "AND r.id = ?", runId).get(0);
    }

    /** @return a run by id, if the connection has it */
    public Optional<ImportRun> findRun(Connection connection, long runId) {
        List<ImportRun> runs = runs(connection, "AND r.id = ?", runId);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** @return the connection's most recent run, if any */
    public Optional<ImportRun> lastRun(Connection connection) {
        List<ImportRun> runs = runs(connection, "ORDER BY r.id DESC LIMIT 1", null);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** @return the connection's most recent failed run, if any */
    public Optional<ImportRun> lastFailedRun(Connection connection) {
        List<ImportRun> runs = runs(connection, "AND r.result = 'failed' ORDER BY r.id DESC LIMIT 1", null);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /**
     * @param connection the connection
     * @param limit at most this many
     * @return the connection's most recent runs, newest first
     */
    public List<ImportRun> recentRuns(Connection connection, int limit) {
        return runs(connection, "ORDER BY r.id DESC LIMIT " + limit, null);
    }

    private List<ImportRun> runs(Connection connection, String tail, Long runId) {
        return database.inTransaction(sql -> {
            long now = database.leases().now();
            try (PreparedStatement select = sql.prepareStatement("SELECT r.id, r.started_at, r.finished_at, r.result, "
                    + "r.found, r.imported, r.already_imported, r.held_back, r.failed, r.duration_ms, r.error, "
                    + "r.lease_owner, r.lease_until FROM import_run r WHERE r.connection_id = ? " + tail)) {
                select.setLong(1, connection.id());
                if (runId != null) {
                    select.setLong(2, runId);
                }
                List<ImportRun> runs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String finished = rows.getString("finished_at");
                        long durationMs = rows.getLong("duration_ms");
                        boolean hasDuration = !rows.wasNull();
                        RunResult result = RunResult.stored(rows.getString("result"));
                        long leaseUntil = rows.getLong("lease_until");
                        Long expiry = rows.wasNull() ? null : leaseUntil;
                        // A run still "running" whose process stopped is dead: shown as such.
                        boolean dead = result == ImportRun.RUNNING
                                && !Leases.holds(rows.getString("lease_owner"), expiry, now);
                        runs.add(new ImportRun(rows.getLong("id"), connection.name(),
                                Instant.parse(rows.getString("started_at")),
                                finished == null ? null : Instant.parse(finished),
                                dead ? ImportRun.INTERRUPTED : result,
                                rows.getLong("found"), rows.getLong("imported"), rows.getLong("already_imported"),
                                rows.getLong("held_back"), rows.getLong("failed"),
                                hasDuration ? Duration.ofMillis(durationMs) : null,
                                dead ? INTERRUPTED_ERROR : rows.getString("error")));
                    }
                }
                return runs;
            }
        });
    }

    /**
     * Streams a connection's orders, oldest first, without holding them all in memory.
     *
     * @param connection the connection
     * @param status only orders with this platform status, or {@code null} for all
     * @param each called once per order
     */
    public void forEach(Connection connection, String status, Consumer<ImportedOrder> each) {
        forEach(connection, status, null, each);
    }

    /**
     * Streams a connection's orders, oldest first, after telling how many there are: the count and the orders are
     * read in one transaction, so they agree.
     *
     * @param connection the connection
     * @param status only orders with this platform status, or {@code null} for all
     * @param total told the number of orders before the first, or {@code null} not to count them
     * @param each called once per order
     */
    public void forEach(Connection connection, String status, LongConsumer total, Consumer<ImportedOrder> each) {
        String where = "FROM imported_order WHERE connection_id = ? AND (? IS NULL OR status = ?) ";
        database.inTransaction(sql -> {
            if (total != null) {
                try (PreparedStatement count = sql.prepareStatement("SELECT COUNT(*) " + where)) {
                    bind(count, connection, status);
                    try (ResultSet rows = count.executeQuery()) {
                        total.accept(rows.next() ? rows.getLong(1) : 0);
                    }
                }
            }
            try (PreparedStatement select = sql.prepareStatement("SELECT order_number, imported_at, fulfilment, "
                    + "payload " + where + "ORDER BY placed_at, id")) {
                bind(select, connection, status);
                select.setFetchSize(500);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(read(connection, rows));
                    }
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, Connection connection, String status) throws SQLException {
        statement.setLong(1, connection.id());
        statement.setString(2, status);
        statement.setString(3, status);
    }

    /**
     * Reads one page of a connection's orders, oldest first, continuing after the key {@code afterPlacedAt},
     * {@code afterId} (both {@code null} for the first page).
     *
     * @return up to {@code limit + 1} orders with their keys: one more than asked tells that another page follows
     */
    public List<Keyed> page(Connection connection, OrderQuery query, String afterPlacedAt, Long afterId, int limit) {
        Dialect dialect = database.dialect();
        String email = "lower(coalesce(" + dialect.jsonText("payload", "customer", "email") + ", ''))";
        String sqlText = "SELECT id, placed_at, order_number, imported_at, fulfilment, payload FROM imported_order "
                + "WHERE connection_id = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR fulfilment = ?) "
                + "AND (? IS NULL OR placed_at >= ?) "
                + "AND (? IS NULL OR " + dialect.position("lower(order_number)", "?") + " > 0 OR "
                + dialect.position(email, "?") + " > 0) "
                + "AND (? IS NULL OR placed_at > ? OR (placed_at = ? AND id > ?)) "
                + "ORDER BY placed_at, id LIMIT ?";
        String fulfilment = query.fulfilment() == null ? null : query.fulfilment().value();
        String since = query.placedSince() == null ? null : query.placedSince().toString();
        String search = query.search() == null ? null : query.search().toLowerCase(java.util.Locale.ROOT);
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(sqlText)) {
                int i = 1;
                select.setLong(i++, connection.id());
                select.setString(i++, query.status());
                select.setString(i++, query.status());
                select.setString(i++, fulfilment);
                select.setString(i++, fulfilment);
                select.setString(i++, since);
                select.setString(i++, since);
                select.setString(i++, search);
                select.setString(i++, search);
                select.setString(i++, search);
                select.setString(i++, afterPlacedAt);
                select.setString(i++, afterPlacedAt);
                select.setString(i++, afterPlacedAt);
                select.setLong(i++, afterId == null ? 0 : afterId);
                select.setInt(i, limit + 1);
                List<Keyed> page = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(new Keyed(rows.getString("placed_at"), rows.getLong("id"), read(connection, rows)));
                    }
                }
                return page;
            }
        });
    }

    /** An order with its paging key. */
    public record Keyed(String placedAt, long id, ImportedOrder order) {
    }

    /** @return the order with that number, if it was imported */
    public Optional<ImportedOrder> findByNumber(Connection connection, String orderNumber) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT order_number, imported_at, fulfilment, "
                    + "payload FROM imported_order WHERE connection_id = ? AND order_number = ?")) {
                select.setLong(1, connection.id());
                select.setString(2, orderNumber);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(connection, rows)) : Optional.empty();
                }
            }
        });
    }

    /** Records how far an imported order has shipped: {@code open}, {@code partly_shipped} or {@code shipped}. */
    public void setFulfilment(Connection connection, String orderNumber, Fulfilment fulfilment) {
        database.inTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement(
                    "UPDATE imported_order SET fulfilment = ? WHERE connection_id = ? AND order_number = ?")) {
                update.setString(1, fulfilment.value());
                update.setLong(2, connection.id());
                update.setString(3, orderNumber);
                return update.executeUpdate();
            }
        });
    }

    /** @return how many orders the connection has, by fulfilment state */
    public Map<String, Long> countByFulfilment(Connection connection) {
        return database.countBy("SELECT fulfilment, COUNT(*) FROM imported_order WHERE connection_id = ? "
                + "GROUP BY fulfilment ORDER BY fulfilment", connection.id());
    }

    private static ImportedOrder read(Connection connection, ResultSet rows) throws SQLException {
        Order order;
        try {
            order = OrderJson.read(rows.getBytes("payload"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("order " + rows.getString("order_number") + " of connection "
                    + connection.name() + ": " + e.getMessage(), e);
        }
        return new ImportedOrder(connection.name(), Instant.parse(rows.getString("imported_at")),
                Fulfilment.stored(rows.getString("fulfilment")), order);
    }
}
