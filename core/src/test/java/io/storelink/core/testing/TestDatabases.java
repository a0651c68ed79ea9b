package io.storelink.core.testing;

import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.storage.Database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Where core's tests get their database: the SQLite file {@code storelink.db} in the test's home, or, when the
 * build runs the suite again with {@code -Dstorelink.test.database=postgres}, a schema of its own in one embedded
 * PostgreSQL per JVM. The schema is named after the home, so a test that opens its home again gets its data back,
 * and two homes in one test are two databases, as two SQLite files are.
 */
public final class TestDatabases {

    /** The system property that picks the engine: {@code sqlite} (default) or {@code postgres}. */
    public static final String PROPERTY = "storelink.test.database";

    private TestDatabases() {
    }

    /** @return whether this run of the suite is on PostgreSQL */
    public static boolean postgres() {
        return "postgres".equals(System.getProperty(PROPERTY, "sqlite"));
    }

    /** @param home a test's home @return its database, migrated */
    public static Database open(Path home) {
        return postgres() ? Database.open(settings(home), home) : Database.open(home.resolve("storelink.db"));
    }

    /**
     * @param home a test's home
     * @return the settings of its database: the default SQLite file, or its own PostgreSQL schema, created if new
     */
    public static DatabaseSettings settings(Path home) {
        return postgres() ? postgresSettings(home) : DatabaseSettings.DEFAULT;
    }

    /**
     * @param home a test's home
     * @return a PostgreSQL schema of its own in the embedded server (started on first use), whichever engine this
     *         run is on: for tests that move data between the engines
     */
    public static DatabaseSettings postgresSettings(Path home) {
        EmbeddedPostgres server = EmbeddedPostgres.get();
        String schema = "home_" + digest(home.toAbsolutePath().normalize().toString());
        try (Connection connection = DriverManager.getConnection(server.url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return new DatabaseSettings(server.url("postgres") + "&currentSchema=" + schema, null, null, 4);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
