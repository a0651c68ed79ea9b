package io.storelink.core.storage;

import io.storelink.core.config.DatabaseSettings.Engine;
import io.storelink.core.testing.AllAtOnce;
import io.storelink.core.testing.PostgresOnly;
import io.storelink.core.testing.SqliteOnly;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class DatabaseTest {

    @TempDir
    Path home;

    @Test
    void appliesEveryMigrationOnceInOrder() {
        Database database = TestDatabases.open(home.resolve("nested"));
        assertThat(database.schemaVersion()).isEqualTo(newestMigration());

        Database reopened = TestDatabases.open(home.resolve("nested"));
        int rows = reopened.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(newestMigration());
    }

    @Test
    @SqliteOnly // the page size and journal mode of a new file
    void createsANewFileWithLargePagesForOrderJson() {
        Database database = Database.open(home.resolve("storelink.db"));

        assertThat(pragma(database, "page_size")).isEqualTo(Database.PAGE_SIZE);
        assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
    }

    @Test
    @SqliteOnly // a file made before keeps its page size
    void keepsThePageSizeOfAFileMadeBefore() throws Exception {
        Path file = home.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = 4096");
            // What the migration runner of releases before Flyway made first, before its first migration.
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
            statement.execute("CREATE TABLE kept (value TEXT)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }

        Database database = Database.open(file);

        assertThat(pragma(database, "page_size")).isEqualTo(4096);
        assertThat(database.schemaVersion()).isEqualTo(newestMigration());
        assertThat(database.<String>inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT value FROM kept")) {
                result.next();
                return result.getString(1);
            }
        })).isEqualTo("still here");
    }

    @Test
    void theNewestMigrationTheFastOpeningComparesWithIsTheNewestScriptOfBothEngines() {
        assertThat(Database.NEWEST_MIGRATION).isEqualTo(newestMigration("sqlite"))
                .isEqualTo(newestMigration("postgresql"));
    }

    @Test
    @SqliteOnly // the fast opening of a file at the newest version
    void aFileWithAFailedMigrationInItsHistoryIsNotTakenForUpToDate() {
        Path file = home.resolve("storelink.db");
        Database.open(file).inTransaction(sql -> {
            try (Statement statement = sql.createStatement()) {
                statement.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '9'");
            }
            return null;
        });

        // Flyway, not the fast path, looks at it, and says what it found.
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot migrate Database " + file).hasMessageContaining("failed");
    }

    @Test
    void aPostgresDatabaseThatCannotBeReachedStopsNamingItsUrlAndUserButNeverThePassword() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        io.storelink.core.config.DatabaseSettings settings = new io.storelink.core.config.DatabaseSettings(
                "jdbc:postgresql://127.0.0.1:" + closed + "/storelink?password=hunter2", "storelink", "hunter2", 2);

        assertThatThrownBy(() -> Database.open(settings, home, java.time.Duration.ofMillis(500)))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Cannot connect to PostgreSQL database jdbc:postgresql://127.0.0.1:" + closed
                        + "/storelink (storelink.database.url, user storelink): ")
                .hasMessageContaining("refused")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aDatabaseOfSomethingElseIsRefusedNotMigrated() throws Exception {
        String url = TestDatabases.postgres() ? TestDatabases.settings(home).url()
                : "jdbc:sqlite:" + home.resolve("storelink.db");
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE other_app (value TEXT)");
        }

        assertThatThrownBy(() -> TestDatabases.open(home)).isInstanceOf(StorageException.class)
                .hasMessageEndingWith(" holds tables, but neither Flyway's history nor the schema_version table of "
                        + "earlier releases: it is not a Storelink database. Point storelink.database.url at a "
                        + "Storelink database or an empty one");
    }

    /** @return the highest version among the SQLite migration scripts, as files, so that a new one counts */
    static int newestMigration() {
        return newestMigration("sqlite");
    }

    private static int newestMigration(String engine) {
        try (var files = java.nio.file.Files.list(Path.of(Database.class.getResource(engine).toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object pragma(Database database, String name) {
        return first(database, "PRAGMA " + name);
    }

    /** @return the first column of the first row {@code query} reads */
    private static Object first(Database database, String query) {
        return database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(query)) {
                result.next();
                return result.getObject(1);
            }
        });
    }

    @Test
    void twoTransactionsThatReadThenWriteTheSameRowAtOnceBothCountOneRunningAgain() throws Exception {
        Database database = TestDatabases.open(home);
        database.inTransaction(connection -> connection.createStatement().executeUpdate("INSERT INTO connection "
                + "(name, platform, credentials, settings, created_at, updated_at) VALUES ('a', 'p', '{}', '{}', "
                + "'now', '0')"));
        // Each reads the counter, waits (on its first try only) until the other has read it too, then writes it
        // plus one: one of them finds its snapshot stale (SQLite busy, PostgreSQL 40001) and must run again.
        CountDownLatch bothRead = new CountDownLatch(2);
        Runnable increment = () -> database.inTransaction(connection -> {
            int value;
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT updated_at FROM connection WHERE name = 'a'")) {
                result.next();
                value = Integer.parseInt(result.getString(1));
            }
            bothRead.countDown();
            try {
                bothRead.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE connection SET updated_at = '" + (value + 1)
                        + "' WHERE name = 'a'");
            }
        });
        var first = CompletableFuture.runAsync(increment);
        var second = CompletableFuture.runAsync(increment);
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);

        assertThat(first(database, "SELECT updated_at FROM connection WHERE name = 'a'")).as("no update lost")
                .isEqualTo("2");
        assertThat(database.retries()).as("transactions run again").isGreaterThanOrEqualTo(1);
        assertThat(database.busyFailures()).isZero();
    }

    @Test
    void aTransactionThatStaysBusyIsTriedAFewTimesThenFailsSayingNothingWasStored() {
        Database database = TestDatabases.open(home);
        AtomicInteger tries = new AtomicInteger();
        // What the driver throws when the database is busy: SQLite's result code 5, PostgreSQL's SQL state 40001.
        assertThatThrownBy(() -> database.inTransaction(connection -> {
            tries.incrementAndGet();
            connection.createStatement().executeUpdate("INSERT INTO connection (name, platform, credentials, "
                    + "settings, created_at, updated_at) VALUES ('t" + tries.get() + "', 'p', '{}', '{}', 'now', "
                    + "'now')");
            throw new SQLException("could not serialize access", "40001", 5);
        })).isInstanceOf(StorageException.class)
                .hasMessageContaining(database.describe() + " is busy")
                .hasMessageContaining("nothing of this step was stored");

        int attempts = database.engine() == Engine.POSTGRESQL
                ? Database.POSTGRESQL_ATTEMPTS : Database.SQLITE_ATTEMPTS;
        assertThat(tries).hasValue(attempts);
        assertThat(database.retries()).isEqualTo(attempts - 1);
        assertThat(database.busyFailures()).isEqualTo(1);
        assertThat(((Number) first(database, "SELECT COUNT(*) FROM connection")).intValue()).isZero();
    }

    @Test
    void theWaitBetweenTriesGrowsFromTensOfMillisecondsToOneSecondAtMost() {
        for (int i = 0; i < 200; i++) {
            assertThat(Database.backoff(1)).isBetween(10L, 40L);
            assertThat(Database.backoff(3)).isBetween(40L, 160L);
            assertThat(Database.backoff(11)).isBetween(250L, 1_000L);
        }
    }

    @Test
    void rollsBackWhenWorkFails() {
        Database database = TestDatabases.open(home);

        assertThatThrownBy(() -> database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO connection (name, platform, credentials, settings, created_at, "
                        + "updated_at) VALUES ('a', 'p', '{}', '{}', 'now', 'now')");
            }
            throw new IllegalStateException("fail after write");
        })).hasMessage("fail after write");

        int count = database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM connection")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(count).isZero();
    }

    @Test
    @SqliteOnly // SQLite's size limit stands in for a full disk
    void aFullDiskSaysDiskFullAndStoresNothing() {
        Database database = Database.open(home.resolve("storelink.db"));
        database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement()) {
                statement.execute("CREATE TABLE filler (data BLOB)");
            }
            return null;
        });

        // SQLite reports a full disk and a database at its size limit alike (SQLITE_FULL); the limit is set here.
        assertThatThrownBy(() -> database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement()) {
                long pages;
                try (ResultSet rows = statement.executeQuery("PRAGMA page_count")) {
                    rows.next();
                    pages = rows.getLong(1);
                }
                statement.execute("PRAGMA max_page_count = " + pages);
                statement.execute("INSERT INTO filler VALUES (zeroblob(1000000))");
            }
            return null;
        })).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Disk full: database " + home.resolve("storelink.db") + " could not be written")
                .hasMessageContaining("nothing of this step was stored");
        database.close();

        int rows = Database.open(home.resolve("storelink.db")).inTransaction(sql -> {
            try (Statement statement = sql.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM filler")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isZero();
    }

    @Test
    @SqliteOnly // the file lock beside a new file; on PostgreSQL Flyway takes an advisory lock
    void processesOpeningAFreshFileAtOnceAllGetAMigratedDatabase() throws Exception {
        Path file = home.resolve("fresh/storelink.db");

        List<Integer> versions = AllAtOnce.run(6, () -> Database.open(file).schemaVersion());

        assertThat(versions).containsOnly(newestMigration());
    }

    @Test
    void hostsOpeningAFreshDatabaseAtOnceAllGetItMigrated() throws Exception {
        // Several hosts started together on a new shared database: one migrates, the others wait and find it done.
        Path fresh = home.resolve("fresh-shared");
        io.storelink.core.config.DatabaseSettings settings = TestDatabases.settings(fresh);

        List<Integer> versions = AllAtOnce.run(4, () -> {
            try (Database database = Database.open(settings, fresh)) {
                return database.schemaVersion();
            }
        });

        assertThat(versions).containsOnly(newestMigration());
    }

    @Test
    @PostgresOnly
    void aTransactionLeftIdleOnPostgresqlIsEndedByTheDatabaseBeforeALeaseRunsOut() {
        Database database = TestDatabases.open(home);

        String limit = database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW idle_in_transaction_session_timeout")) {
                rows.next();
                return rows.getString(1);
            }
        });

        assertThat(limit).isEqualTo(Database.IDLE_TRANSACTION_LIMIT.toSeconds() + "s");
        assertThat(Database.IDLE_TRANSACTION_LIMIT).isLessThan(Leases.DURATION);
    }

    @Test
    void statesAreClosedSetsTheDatabaseItselfChecks() {
        Database database = TestDatabases.open(home);

        assertThatThrownBy(() -> database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement()) {
                statement.execute("INSERT INTO connection (name, platform, credentials, settings, created_at, "
                        + "updated_at) VALUES ('c', 'p', '{}', '{}', 'now', 'now')");
                statement.execute("INSERT INTO import_run (connection_id, started_at, result) "
                        + "VALUES ((SELECT id FROM connection WHERE name = 'c'), 'now', 'sort of done')");
            }
            return null;
        })).isInstanceOf(StorageException.class)
                // SQLite's trigger says which values it takes; PostgreSQL names the CHECK constraint.
                .hasMessageContaining(TestDatabases.postgres() ? "violates check constraint \"import_run_result\""
                        : "import_run.result must be running, succeeded, failed, cancelled or interrupted");
    }
}
