package io.storelink.core.storage;

import io.storelink.core.config.OwnerOnly;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static java.util.Objects.requireNonNull;

/**
 * The host's SQLite database file. Opening it applies every migration it has not seen yet, in version order, each
 * in its own transaction.
 *
 * <p>Each unit of work borrows a JDBC connection from a small pool and returns it, so a busy outbox does not open
 * and close the file for every statement; SQLite in WAL mode lets readers run beside one writer, and the busy
 * timeout makes a second writer wait instead of failing.
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

    /** The migrations, in order. A released migration is never edited; a change is a new file. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "connections", "V1__connections.sql"),
            new Migration(2, "orders", "V2__orders.sql"),
            new Migration(3, "shipments", "V3__shipments.sql"),
            new Migration(4, "import failures once per run", "V4__import_failure_once.sql"),
            new Migration(5, "leases and closed sets of states", "V5__leases_and_states.sql"),
            new Migration(6, "audit log of connection changes", "V6__audit_log.sql"),
            new Migration(7, "import intervals and outbox retries", "V7__schedule.sql"),
            new Migration(8, "idempotency keys of API requests", "V8__idempotency.sql"));

    private final Path file;
    private final SQLiteConfig sqliteConfig;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_CONNECTIONS);
    private final Leases leases = new Leases(this, java.time.Clock.systemUTC());

    private Database(Path file) {
        this.file = file;
        this.sqliteConfig = new SQLiteConfig();
        sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqliteConfig.enforceForeignKeys(true);
        sqliteConfig.setBusyTimeout(10_000);
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
            database.migrate();
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

    /** @return the database file */
    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work what to do with the connection
     * @param <T> what it returns
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (BusyException busy) {
                // Another process holds the write lock past the busy timeout, or this transaction read a snapshot
                // another one has since written over: nothing was stored, so the whole unit of work runs again.
                if (attempt >= BUSY_ATTEMPTS) {
                    throw new StorageException("Database " + file + " is busy: other Storelink processes kept it "
                            + "locked through " + BUSY_ATTEMPTS + " tries; nothing of this step was stored. Try again "
                            + "when they are done", busy.getCause());
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 200L * attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("Interrupted while waiting for database " + file, e);
                }
            }
        }
    }

    /** How many times a unit of work runs when the database stays busy. */
    private static final int BUSY_ATTEMPTS = 5;

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

    /** Turns SQLite's result codes into what people can act on. */
    private RuntimeException failure(SQLException e) {
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

    /** @return the leases this process holds on rows of this database */
    public Leases leases() {
        return leases;
    }

    /** Closes the idle connections; units of work still running close theirs when they end. */
    @Override
    public void close() {
        leases.close();
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            closeQuietly(connection);
        }
    }

    private Connection borrow() throws SQLException {
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
        if (!reusable || !idle.offer(connection)) {
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
        return inTransaction(Database::currentVersion);
    }

    private Connection connect() throws SQLException {
        return sqliteConfig.createConnection("jdbc:sqlite:" + file);
    }

    private void migrate() {
        inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        for (Migration migration : MIGRATIONS) {
            inTransaction(connection -> {
                if (currentVersion(connection) >= migration.version()) {
                    return null;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements()) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setString(3, Instant.now().toString());
                    insert.executeUpdate();
                }
                return null;
            });
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One schema migration, a SQL resource next to this class. */
    record Migration(int version, String description, String resource) {
        List<String> statements() {
            try (InputStream in = Database.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("migration resource is missing: " + resource);
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replaceAll("(?m)--.*$", "");
                return List.of(sql.split(";\\s*(\\n|$)")).stream()
                        .map(String::strip)
                        .filter(statement -> !statement.isEmpty())
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
