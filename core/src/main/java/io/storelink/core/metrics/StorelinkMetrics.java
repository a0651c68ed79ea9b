package io.storelink.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.core.storage.Database;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's metrics, recorded where the work is done (the import engine, the outbox), so the CLI and the server
 * count alike. Names are Micrometer's dotted names; a Prometheus registry renders them as {@code storelink_…}:
 * <ul>
 * <li>{@value #ORDERS_IMPORTED} (counter, {@code connection}): new orders stored —
 * {@code storelink_orders_imported_total}</li>
 * <li>{@value #IMPORT_RUNS} (counter, {@code connection}, {@code result}: succeeded, failed, cancelled) —
 * {@code storelink_import_runs_total}</li>
 * <li>{@value #IMPORT_RUN} (timer, {@code connection}): how long runs take — {@code storelink_import_run_seconds}</li>
 * <li>{@value #OUTBOX_DEPTH} (gauge, {@code connection}, {@code state}: pending, sending, sent, failed): notifications
 * in the outbox, read from the database when scraped — {@code storelink_outbox_depth}</li>
 * <li>{@value #SHIP_ATTEMPTS} (counter, {@code connection}, {@code result}: sent, retried, failed): calls that sent a
 * notification to a store — {@code storelink_ship_attempts_total}</li>
 * <li>{@value #STORAGE_RETRIES} (counter): transactions run again because they ran into another process's (SQLite
 * busy, a PostgreSQL serialization failure or deadlock); a steady rise means hosts contend for the same rows —
 * {@code storelink_storage_retries_total}</li>
 * <li>{@value #STORAGE_BUSY} (counter): transactions that failed because the database stayed busy through every try
 * (answered 503 STORAGE) — {@code storelink_storage_busy_total}</li>
 * </ul>
 * Tag values are connection names and the closed sets above, never values of a connection's fields.
 */
public final class StorelinkMetrics {

    public static final String ORDERS_IMPORTED = "storelink.orders.imported";
    public static final String IMPORT_RUNS = "storelink.import.runs";
    public static final String IMPORT_RUN = "storelink.import.run";
    public static final String OUTBOX_DEPTH = "storelink.outbox.depth";
    public static final String SHIP_ATTEMPTS = "storelink.ship.attempts";
    public static final String STORAGE_RETRIES = "storelink.storage.retries";
    public static final String STORAGE_BUSY = "storelink.storage.busy";

    public static final String CONNECTION = "connection";
    public static final String RESULT = "result";
    public static final String STATE = "state";

    /** Results of {@value #SHIP_ATTEMPTS}. */
    public static final String SENT = "sent";
    public static final String RETRIED = "retried";
    public static final String FAILED = "failed";

    /** The outbox states {@value #OUTBOX_DEPTH} has a gauge for, per connection. */
    static final List<String> STATES = List.of("pending", "sending", "sent", "failed");

    /** How long one reading of the outbox's depth serves the gauges: one scrape reads the database once. */
    private static final long DEPTH_FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final MeterRegistry registry;
    private final Database database;
    /** Guarded by {@code this}. */
    private final Map<String, Gauge> depthGauges = new HashMap<>();
    /**
     * Guards the depth read last; a scrape takes only this lock, never the registry's while holding it, so it cannot
     * deadlock with {@link #refreshOutboxGauges()} registering gauges.
     */
    private final Object depthLock = new Object();
    private Map<String, Map<String, Long>> depth = Map.of();
    private long depthReadAt;
    private boolean depthRead;

    /**
     * @param registry where meters are registered
     * @param database where the outbox's depth is read, or {@code null} for no {@value #OUTBOX_DEPTH} gauges
     */
    @Inject
    public StorelinkMetrics(MeterRegistry registry, Database database) {
        this.registry = registry;
        this.database = database;
        if (database != null) {
            FunctionCounter.builder(STORAGE_RETRIES, database, Database::retries)
                    .description("Transactions run again after running into another one").register(registry);
            FunctionCounter.builder(STORAGE_BUSY, database, Database::busyFailures)
                    .description("Transactions that failed: the database stayed busy through every try")
                    .register(registry);
        }
    }

    /** @return metrics kept in a registry of their own that nothing reads, for services built by hand */
    public static StorelinkMetrics unread() {
        return new StorelinkMetrics(new SimpleMeterRegistry(), null);
    }

    /** @return the registry the meters are in */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts new orders an import stored. */
    public void ordersImported(String connection, long count) {
        if (count > 0) {
            Counter.builder(ORDERS_IMPORTED).description("New orders imported")
                    .tag(CONNECTION, connection).register(registry).increment(count);
        }
    }

    /** Counts a finished import run and times it. */
    public void importRun(String connection, String result, Duration duration) {
        Counter.builder(IMPORT_RUNS).description("Import runs, by how they ended")
                .tags(CONNECTION, connection, RESULT, result).register(registry).increment();
        Timer.builder(IMPORT_RUN).description("How long import runs take").tag(CONNECTION, connection)
                .register(registry).record(duration);
    }

    /** Counts one call that sent a notification: {@link #SENT}, {@link #RETRIED} or {@link #FAILED}. */
    public void shipAttempt(String connection, String result) {
        Counter.builder(SHIP_ATTEMPTS).description("Calls that sent a ship notification, by result")
                .tags(CONNECTION, connection, RESULT, result).register(registry).increment();
    }

    /**
     * Registers an {@value #OUTBOX_DEPTH} gauge for each state of each connection there is now, and removes those of
     * connections that are gone. The scheduler calls it on every look at the outbox; an application that serves the
     * registry may call it before each scrape. The gauges' values are read from the database when they are read.
     */
    public synchronized void refreshOutboxGauges() {
        if (database == null) {
            return;
        }
        Map<String, Map<String, Long>> now = readDepth();
        for (String connection : now.keySet()) {
            for (String state : STATES) {
                depthGauges.computeIfAbsent(connection + '\u0000' + state, key -> Gauge.builder(OUTBOX_DEPTH, this,
                                metrics -> metrics.depth(connection, state))
                        .description("Ship notifications in the outbox, by state")
                        .tags(CONNECTION, connection, STATE, state).strongReference(true).register(registry));
            }
        }
        depthGauges.entrySet().removeIf(entry -> {
            String connection = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
            if (now.containsKey(connection)) {
                return false;
            }
            registry.remove(entry.getValue());
            return true;
        });
    }

    private double depth(String connection, String state) {
        synchronized (depthLock) {
            if (!depthRead || System.nanoTime() - depthReadAt > DEPTH_FRESH_NANOS) {
                readDepth();
            }
            Map<String, Long> states = depth.get(connection);
            return states == null ? Double.NaN : states.getOrDefault(state, 0L);
        }
    }

    /** One grouped count over the outbox's state index, every connection listed (with no rows where it has none). */
    private Map<String, Map<String, Long>> readDepth() {
        synchronized (depthLock) {
            return readDepthLocked();
        }
    }

    private Map<String, Map<String, Long>> readDepthLocked() {
        depth = database.inTransaction(sql -> {
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            try (PreparedStatement select = sql.prepareStatement("SELECT c.name, s.state, COUNT(s.id) "
                    + "FROM connection c LEFT JOIN shipment s ON s.connection_id = c.id GROUP BY c.name, s.state");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Long> states = counts.computeIfAbsent(rows.getString(1), name -> new HashMap<>());
                    if (rows.getString(2) != null) {
                        states.put(rows.getString(2), rows.getLong(3));
                    }
                }
            }
            return counts;
        });
        depthReadAt = System.nanoTime();
        depthRead = true;
        return depth;
    }
}
