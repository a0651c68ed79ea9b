package io.storelink.core.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which database the host uses: {@code storelink.database.*}. Empty {@code url} means the SQLite file
 * {@code storelink.db} in the home, as every release before; {@code jdbc:sqlite:/path} a SQLite file elsewhere;
 * {@code jdbc:postgresql://host[:port]/database} a PostgreSQL database that several hosts may share.
 *
 * @param url the JDBC URL, or {@code null} for the SQLite file in the home
 * @param user the PostgreSQL user, or a {@code ${env:NAME}} / {@code ${file:/path}} reference to it; {@code null} when
 *        not set
 * @param password the PostgreSQL password, or a reference to it; {@code null} when not set. Never shown in a message
 * @param poolSize the most connections one host keeps open to PostgreSQL
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    public static final String URL = "storelink.database.url";
    public static final String USER = "storelink.database.user";
    public static final String PASSWORD = "storelink.database.password";
    public static final String POOL_SIZE = "storelink.database.pool-size";

    /** The SQLite file in the home, with the default pool size. */
    public static final DatabaseSettings DEFAULT = new DatabaseSettings(null, null, null, 10);

    private static final String EXPECTED = "; expected jdbc:postgresql://host[:port]/database, jdbc:sqlite:/path/to/file, "
            + "or nothing for storelink.db in the home";

    /** The database engines the host runs on. */
    public enum Engine { SQLITE, POSTGRESQL }

    public DatabaseSettings {
        url = blankToNull(url);
        user = blankToNull(user);
        password = blankToNull(password);
        if (url != null) {
            engineOf(URL, url);
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException(POOL_SIZE + " is " + poolSize
                    + "; it must be a whole number from 1 to 200 (connections one host keeps open to PostgreSQL)");
        }
    }

    /** @return the engine the URL names; SQLite when no URL is set */
    public Engine engine() {
        return url == null ? Engine.SQLITE : engineOf(URL, url);
    }

    /**
     * @param home the host's home
     * @return the SQLite file these settings name
     * @throws IllegalStateException on PostgreSQL
     */
    public Path sqliteFile(Path home) {
        if (engine() != Engine.SQLITE) {
            throw new IllegalStateException(URL + " names PostgreSQL, not a SQLite file");
        }
        return url == null ? home.resolve("storelink.db")
                : Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().normalize();
    }

    /** @return the settings for messages and logs: the URL without its query, the user, never the password */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + (url == null ? "storelink.db in the home" : shown(url)) + ", user=" + user
                + ", password=" + (password == null ? "none" : "(hidden)") + ", poolSize=" + poolSize + "]";
    }

    /**
     * @param url a JDBC URL
     * @return the URL for messages and logs: without its query (which may carry a password) or any user info
     */
    public static String shown(String url) {
        if (url == null) {
            return "(none)";
        }
        String shown = url.replaceFirst("\\?.*$", "");
        return shown.replaceFirst("^(jdbc:postgresql://)[^/@]*@", "$1");
    }

    /**
     * @param setting the setting or option the URL was given in, for the message
     * @param url a JDBC URL
     * @return the engine it names
     * @throws IllegalArgumentException naming {@code setting}, the URL (without its query) and what is expected
     */
    public static Engine engineOf(String setting, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql://") && lower.length() > "jdbc:postgresql://".length()) {
            return Engine.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:sqlite:") && url.length() > "jdbc:sqlite:".length()
                && !lower.contains(":memory:") && !url.contains("?")) {
            return Engine.SQLITE;
        }
        throw new IllegalArgumentException(setting + " is '" + shown(url) + "'" + EXPECTED);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
