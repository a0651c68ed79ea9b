package io.storelink.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.config.DatabaseSettings.Engine;
import io.storelink.core.config.OwnerOnly;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The host's database, on one of two engines: a SQLite file (the default, one host) or a PostgreSQL database that
 * several hosts share. Opening it lets Flyway apply every migration it has not seen yet ({@code sqlite/V<n>__*.sql}
 * or {@code postgresql/V<n>__*.sql} beside this class: the same versions, each engine's own SQL).
 *
 * <p>Each unit of work borrows a JDBC connection and returns it. On SQLite a small pool of reused connections saves
 * opening the file for every statement; WAL mode lets readers run beside one writer, and the busy timeout makes a
 * second writer wait instead of failing. On PostgreSQL a HikariCP pool; each transaction is SERIALIZABLE, as every
 * SQLite transaction is, so the services' read-then-write steps mean the same on both engines, and a transaction
 * PostgreSQL aborts for a conflict runs again, as one SQLite found busy does.
 */
public final class Database implements AutoCloseable {

    /**
     * The page size of a new database file. An imported order is stored as about 2 KB of JSON: with SQLite's
     * default 4 KiB pages only one fits in a page, so half of every page written is empty; with 16 KiB pages an
     * import writes about a quarter fewer bytes and needs about a third less CPU to store (docs/performance.md). A
     * file made before keeps its page size, which SQLite fixes when it creates the file.
     */
    static final int PAGE_SIZE = 16_384;

    /** How many idle connections are kept open; more may be open while that many threads work at once. */
    private static final int IDLE_CONNECTIONS = 8;

    /**
     * How long a host's PostgreSQL transaction may sit idle before the database ends it, freeing its locks: less than
     * a lease ({@code storelink.lease.duration}), so a host paused mid-transaction stalls no host that takes over.
     */
    public static final Duration IDLE_TRANSACTION_LIMIT = Duration.ofSeconds(10);

    /**
     * The table the migration runner of releases before Flyway kept its versions in. A SQLite file that has it and
     * no Flyway history is baselined at its highest version, so Flyway carries on from there; the table stays.
     */
    static final String LEGACY_VERSION_TABLE = "schema_version";

    private final Engine engine;
    private final Path file;
    private final String where;
    private final SQLiteConfig sqliteConfig;
    private final HikariDataSource pool;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_CONNECTIONS);
    private volatile Leases leases = new Leases(this, java.time.Clock.systemUTC());

    private Database(Path file) {
        this.engine = Engine.SQLITE;
        this.file = file;
        this.where = "Database " + file;
        this.pool = null;
        this.sqliteConfig = new SQLiteConfig();
        sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqliteConfig.enforceForeignKeys(true);
        sqliteConfig.setBusyTimeout(10_000);
    }

    private Database(HikariDataSource pool, String shownUrl) {
        this.engine = Engine.POSTGRESQL;
        this.file = null;
        this.where = "PostgreSQL database " + shownUrl;
        this.pool = pool;
        this.sqliteConfig = null;
    }

    /**
     * Opens the database {@code settings} name and migrates it to the newest schema.
     *
     * @param settings which database ({@code storelink.database.*}); user and password already resolved
     * @param home the host's home, where the default SQLite file lives
     * @return the database
     * @throws StorageException naming the database (never the password) when it cannot be reached or migrated
     */
    public static Database open(DatabaseSettings settings, Path home) {
        return open(settings, home, CONNECT_TIMEOUT);
    }

    /** How long opening PostgreSQL, or borrowing a connection from the pool, waits for the server. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    static Database open(DatabaseSettings settings, Path home, Duration connectTimeout) {
        requireNonNull(settings, "settings is null");
        if (settings.engine() == Engine.SQLITE) {
            return open(settings.sqliteFile(home));
        }
        String shown = DatabaseSettings.shown(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("storelink");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        // A host stopped mid-transaction (paused, frozen, cut off) would keep its row and predicate locks while it
        // stays connected, stalling the hosts that take its work over once its leases expire. No transaction of the
        // host waits on anything but the database, so one idle this long is ended by PostgreSQL instead: its locks
        // go, and its commit, if it ever comes, fails.
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = '" + IDLE_TRANSACTION_LIMIT.toMillis()
                + "ms'");
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setInitializationFailTimeout(connectTimeout.toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("Cannot connect to PostgreSQL database " + shown + " (" + DatabaseSettings.URL
                    + (settings.user() == null ? "" : ", user " + settings.user()) + "): " + rootMessage(e), e);
        }
        Database database = new Database(pool, shown);
        try {
            // Flyway on connections of its own, in PostgreSQL's default READ COMMITTED. On the pool's SERIALIZABLE ones a
            // host that waited for Flyway's lock would read the migration history as it was before it waited, so of
            // hosts started at once on a new database, the second would apply again what the first just applied.
            database.migrate(Flyway.configure(Database.class.getClassLoader())
                    .dataSource(settings.url(), settings.user(), settings.password()));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Opens (creating if needed) the database file and migrates it to the newest schema.
     *
     * @param file the database file; its directory is created if missing
     * @return the database
     */
    public static Database open(Path file) {
        requireNonNull(file, "file is null");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StorageException("Cannot create the directory of database " + file + ": " + e.getMessage(), e);
        }
        Database database = new Database(file);
        // Several processes may start on a fresh home at once: creating the file, switching it to WAL and migrating
        // it are done by one at a time, under an exclusive lock on a file beside it.
        Path lockFile = Path.of(file + ".lock");
        // A file lock is held per process; threads of one process take turns on a lock of their own first.
        synchronized (OPENING.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object())) {
            openLocked(database, lockFile);
        }
        OwnerOnly.ifExists(Path.of(file + "-wal"));
        OwnerOnly.ifExists(Path.of(file + "-shm"));
        return database;
    }

    /**
     * The newest migration version in {@code sqlite/} and {@code postgresql/} (a test holds it to the files): a
     * SQLite file whose Flyway history has it, and no failed migration, is opened without running Flyway.
     */
    static final int NEWEST_MIGRATION = 10;

    private static final java.util.concurrent.ConcurrentMap<Path, Object> OPENING =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void openLocked(Database database, Path lockFile) {
        Path file = database.file;
        try (FileChannel channel = FileChannel.open(OwnerOnly.file(lockFile), StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            // Created empty and owner-only before SQLite opens it: SQLite gives its WAL and shared-memory files the
            // database file's permissions, and orders hold customer names and addresses.
            OwnerOnly.file(file);
            database.createIfMissing();
            // A file already at this release's schema (every start but the first of a release) skips Flyway, whose
            // classes and class-path scan would otherwise add to the start-up of every command.
            if (!database.upToDate()) {
                database.migrate(Flyway.configure(Database.class.getClassLoader())
                        .dataSource("jdbc:sqlite:" + file, null, null));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot lock " + lockFile + " to open database " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates a missing (or empty) file with {@link #PAGE_SIZE}: the page size must be set before anything is
     * written, and the connections' WAL journal mode writes the file's header as soon as they open it.
     */
    private void createIfMissing() {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return;
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read database " + file + ": " + e.getMessage(), e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = " + PAGE_SIZE);
            statement.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw new StorageException("Cannot create database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the SQLite database file
     * @throws IllegalStateException on PostgreSQL, which has no file
     */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException(where + " is not a file");
        }
        return file;
    }

    /** @return the SQL that differs between the engines */
    public Dialect dialect() {
        return engine == Engine.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** @return the engine this database runs on */
    public Engine engine() {
        return engine;
    }

    /** @return the database for messages: its file, or its URL without query or password */
    public String describe() {
        return where;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work what to do with the connection
     * @param <T> what it returns
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Work<T> work) {
        int attempts = engine == Engine.POSTGRESQL ? POSTGRESQL_ATTEMPTS : SQLITE_ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (BusyException busy) {
                // Another process holds the write lock past the busy timeout, or this transaction read a snapshot
                // another one has since written over: nothing was stored, so the whole unit of work runs again.
                if (attempt >= attempts) {
                    gaveUp.incrementAndGet();
                    LOG.warn("{} stayed busy through {} tries of one transaction; it was not stored: {}", where,
                            attempts, busy.getCause().getMessage());
                    throw new StorageException(where + " is busy: other Storelink processes kept it "
                            + "locked through " + attempts + " tries; nothing of this step was stored. Try again "
                            + "when they are done", busy.getCause());
                }
                retries.incrementAndGet();
                LOG.debug("{}: try {} of a transaction ran into another one and runs again: {}", where, attempt,
                        busy.getCause().getMessage());
                try {
                    Thread.sleep(backoff(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("Interrupted while waiting for " + where, e);
                }
            }
        }
    }

    /**
     * Runs {@code work} in one transaction, as {@link #inTransaction} does, at READ COMMITTED on PostgreSQL: for work
     * whose every statement reads or writes rows named by key, each write a single conditional statement or on a row
     * locked first ({@link Dialect#forUpdate()}, {@link Dialect#skipLocked(String)}). Such work needs no serializable
     * snapshot: a conditional UPDATE re-checks its conditions on the row's newest version, and a unique key decides
     * between two INSERTs. At SERIALIZABLE it failed for nothing: PostgreSQL tracks what a transaction read by index
     * and heap page, so updates of different rows on one page counted as conflicts and ran again (MultiHostIT: a few
     * hundred retries a run for claims and fenced writes). SQLite, one writer at a time, runs it as any other.
     */
    public <T> T inRowTransaction(Work<T> work) {
        return inTransaction(connection -> {
            String opening = dialect().claimTransaction();
            if (opening != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(opening);
                }
            }
            return work.run(connection);
        });
    }

    /**
     * How long to wait before try {@code attempt + 1}: a random time up to a limit that doubles with each try, from
     * 40 ms up to one second, so transactions that ran into each other do not meet again at the same moment.
     *
     * @param attempt the try that failed, from 1
     * @return milliseconds
     */
    static long backoff(int attempt) {
        long limit = Math.min(MAX_BACKOFF_MILLIS, 20L << Math.min(attempt, 16));
        return ThreadLocalRandom.current().nextLong(limit / 4, limit + 1);
    }

    /**
     * How many times a unit of work runs on SQLite when the database stays busy; each try has already waited up to
     * the busy timeout (10 s) for the write lock.
     */
    static final int SQLITE_ATTEMPTS = 5;

    /**
     * How many times a unit of work runs on PostgreSQL when it keeps being rolled back for a serialization failure
     * or a deadlock. Several hosts writing at once make such failures an ordinary event (PostgreSQL's manual says to
     * retry them); with {@link #backoff(int)} these tries span a few seconds.
     */
    static final int POSTGRESQL_ATTEMPTS = 12;

    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();

    /** @return how many transactions ran again because they ran into another one, since this database was opened */
    public long retries() {
        return retries.get();
    }

    /** @return how many transactions failed because the database stayed busy through every try */
    public long busyFailures() {
        return gaveUp.get();
    }

    private <T> T once(Work<T> work) {
        Connection connection = null;
        boolean reusable = false;
        try {
            connection = borrow();
            try {
                T result = work.run(connection);
                connection.commit();
                reusable = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                // SQLite may have rolled back already (a full disk does): the rollback's own failure is kept with
                // the real one, never in its place.
                try {
                    connection.rollback();
                    reusable = true;
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            giveBack(connection, reusable);
        }
    }

    /** Turns SQLite's result codes and PostgreSQL's SQL states into what people can act on. */
    private RuntimeException failure(SQLException e) {
        if (engine == Engine.POSTGRESQL) {
            return postgresFailure(e);
        }
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return new BusyException(e);
        }
        if (code == SQLITE_FULL) {
            return new StorageException("Disk full: database " + file + " could not be written (the disk, or the "
                    + "database's size limit, is full); nothing of this step was stored. Free space and run it again",
                    e);
        }
        if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM) {
            return new StorageException("Database " + file + " cannot be written: " + e.getMessage()
                    + "; check that the home directory is writable by this user", e);
        }
        return new StorageException("Database " + file + " failed: " + e.getMessage(), e);
    }

    private RuntimeException postgresFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("40001") || state.equals("40P01")) {
            // A serialization failure or a deadlock: PostgreSQL rolled the transaction back; it may run again.
            return new BusyException(e);
        }
        if (state.equals("53100")) {
            return new StorageException("Disk full: " + where + " could not be written; nothing of this step was "
                    + "stored. Free space on the database server and run it again", e);
        }
        if (state.startsWith("08")) {
            return new StorageException(where + " cannot be reached: " + e.getMessage()
                    + "; nothing of this step was stored", e);
        }
        return new StorageException(where + " failed: " + e.getMessage(), e);
    }

    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;

    /** The database stayed busy through the busy timeout; the unit of work may run again. */
    private static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyException(SQLException cause) {
            super(cause);
        }
    }

    /** @return the leases this host holds on rows of this database */
    public Leases leases() {
        return leases;
    }

    /**
     * Times this host's leases by {@code clock} (the host's clock, bound by Guice; a test's hand-moved one), with a
     * new owner id. Called before any lease is taken.
     *
     * @return this database
     */
    public Database leasesOn(java.time.Clock clock) {
        return leasesOn(clock, Leases.DURATION);
    }

    /**
     * Times this host's leases by {@code clock}, each running {@code duration} from its last renewal
     * ({@code storelink.lease.duration}), with a new owner id. Called before any lease is taken.
     *
     * @return this database
     */
    public Database leasesOn(java.time.Clock clock, java.time.Duration duration) {
        leases.close();
        leases = new Leases(this, clock, duration);
        return this;
    }

    /** Closes the idle connections; units of work still running close theirs when they end. */
    @Override
    public void close() {
        leases.close();
        if (pool != null) {
            pool.close();
            return;
        }
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            closeQuietly(connection);
        }
    }

    private Connection borrow() throws SQLException {
        if (pool != null) {
            return pool.getConnection();
        }
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        connection = connect();
        connection.setAutoCommit(false);
        return connection;
    }

    private void giveBack(Connection connection, boolean reusable) {
        if (connection == null) {
            return;
        }
        if (pool != null || !reusable || !idle.offer(connection)) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the connection is gone either way.
        }
    }

    /**
     * Runs a {@code SELECT key, COUNT(*) … GROUP BY key} query with one id parameter.
     *
     * @param sql the query; its one parameter is {@code id}
     * @param id the parameter
     * @return the counts by key, in the query's order
     */
    public Map<String, Long> countBy(String sql, long id) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, id);
                Map<String, Long> counts = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /** @return the highest migration version applied */
    public int schemaVersion() {
        return inTransaction(connection -> history(connection)[0]);
    }

    /** @return whether this SQLite file's Flyway history has every migration of this release and none failed */
    private boolean upToDate() {
        return inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                         + "AND name = 'flyway_schema_history'")) {
                if (!tables.next()) {
                    return false;
                }
            }
            int[] history = history(connection);
            return history[0] == NEWEST_MIGRATION && history[1] == 0;
        });
    }

    /** @return the highest version applied, and how many migrations failed */
    private static int[] history(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL")) {
            int highest = 0;
            int failed = 0;
            while (rows.next()) {
                if (rows.getBoolean(2)) {
                    highest = Math.max(highest, Integer.parseInt(rows.getString(1)));
                } else {
                    failed++;
                }
            }
            return new int[] {highest, failed};
        }
    }

    private Connection connect() throws SQLException {
        return sqliteConfig.createConnection("jdbc:sqlite:" + file);
    }

    /**
     * Applies the migrations this database has not seen, with Flyway. A SQLite file made before Flyway is
     * baselined at the highest version in its {@value #LEGACY_VERSION_TABLE} table first.
     */
    private void migrate(FluentConfiguration flyway) {
        flyway.locations("classpath:io/storelink/core/storage/" + engine.name().toLowerCase(Locale.ROOT))
                .validateMigrationNaming(true)
                .placeholderReplacement(false)
                .loggers("slf4j");
        if (engine == Engine.SQLITE) {
            legacyVersion().ifPresent(version -> flyway.baselineOnMigrate(true)
                    .baselineVersion(Integer.toString(version))
                    .baselineDescription("the versions in " + LEGACY_VERSION_TABLE + ", before Flyway"));
        }
        try {
            flyway.load().migrate();
        } catch (FlywayException e) {
            if (e.getMessage() != null && e.getMessage().contains("but no schema history table")) {
                throw new StorageException(where + " holds tables, but neither Flyway's history nor the "
                        + LEGACY_VERSION_TABLE + " table of earlier releases: it is not a Storelink database. Point "
                        + DatabaseSettings.URL + " at a Storelink database or an empty one", e);
            }
            throw new StorageException("Cannot migrate " + where + " to this release's schema: " + e.getMessage(), e);
        }
    }

    /** @return the highest version the migration runner before Flyway applied, if it ran on this file */
    private java.util.Optional<Integer> legacyVersion() {
        return inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                         + "AND name IN ('" + LEGACY_VERSION_TABLE + "', 'flyway_schema_history')")) {
                java.util.Set<String> names = new java.util.HashSet<>();
                while (tables.next()) {
                    names.add(tables.getString(1));
                }
                if (!names.contains(LEGACY_VERSION_TABLE) || names.contains("flyway_schema_history")) {
                    return java.util.Optional.empty();
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM "
                         + LEGACY_VERSION_TABLE)) {
                rows.next();
                return java.util.Optional.of(rows.getInt(1));
            }
        });
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
