package io.storelink.core.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.StorageException;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes connections in the database. Values arrive here already validated and encrypted. */
public final class ConnectionRepository {

    private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
    };

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public ConnectionRepository(Database database) {
        this.database = database;
    }

    /**
     * @param connection the connection to add
     * @return the stored connection with its id; empty when the name is taken
     */
    public Optional<Connection> insert(Connection connection) {
        boolean inserted = database.inTransaction(sql -> {
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO connection "
                    + "(name, platform, credentials, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                insert.setString(1, connection.name());
                insert.setString(2, connection.platform());
                insert.setString(3, write(connection.credentials()));
                insert.setString(4, write(connection.settings()));
                insert.setString(5, connection.createdAt().toString());
                insert.setString(6, connection.updatedAt().toString());
                return insert.executeUpdate() == 1;
            }
        });
        return inserted ? find(connection.name()) : Optional.empty();
    }

    /**
     * Writes a stored connection's values and its update time.
     *
     * @param connection the connection, with its id
     * @return whether it was still there
     */
    public boolean update(Connection connection) {
        return database.inTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement("UPDATE connection SET credentials = ?, settings = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                update.setString(1, write(connection.credentials()));
                update.setString(2, write(connection.settings()));
                update.setString(3, connection.updatedAt().toString());
                update.setLong(4, connection.id());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** @param name a connection name, any case @return the connection, if there is one */
    public Optional<Connection> find(String name) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT id, name, platform, credentials, settings, created_at, updated_at FROM connection WHERE lower(name) = lower(?)")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** @return every connection, by name */
    public List<Connection> list() {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT id, name, platform, credentials, settings, created_at, updated_at FROM connection ORDER BY lower(name), name");
                 ResultSet rows = select.executeQuery()) {
                List<Connection> connections = new ArrayList<>();
                while (rows.next()) {
                    connections.add(read(rows));
                }
                return connections;
            }
        });
    }

    /** @param name a connection name, any case @return whether a connection was removed */
    public boolean delete(String name) {
        return database.inTransaction(sql -> {
            try (PreparedStatement delete = sql.prepareStatement("DELETE FROM connection WHERE lower(name) = lower(?)")) {
                delete.setString(1, name);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /**
     * Sets or clears a connection's own import interval.
     *
     * @param name a connection name, any case
     * @param seconds the interval in seconds, or {@code null} to follow the host's default
     * @return whether a connection has that name
     */
    public boolean setImportInterval(String name, Long seconds) {
        return database.inTransaction(sql -> {
            try (PreparedStatement update = sql.prepareStatement(
                    "UPDATE connection SET import_interval_seconds = ? WHERE lower(name) = lower(?)")) {
                update.setObject(1, seconds);
                update.setString(2, name);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * @return every connection's name, by name, with its own import interval in seconds or {@code null} where it
     *         follows the host's default; no values are read
     */
    public Map<String, Long> importIntervals() {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT name, import_interval_seconds FROM connection ORDER BY lower(name), name");
                 ResultSet rows = select.executeQuery()) {
                Map<String, Long> intervals = new LinkedHashMap<>();
                while (rows.next()) {
                    String name = rows.getString(1);
                    long seconds = rows.getLong(2);
                    intervals.put(name, rows.wasNull() ? null : seconds);
                }
                return intervals;
            }
        });
    }

    private Connection read(ResultSet rows) throws SQLException {
        return new Connection(
                rows.getLong("id"),
                rows.getString("name"),
                rows.getString("platform"),
                read(rows.getString("credentials")),
                read(rows.getString("settings")),
                Instant.parse(rows.getString("created_at")),
                Instant.parse(rows.getString("updated_at")));
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StorageException("Cannot encode connection values", e);
        }
    }

    private Map<String, String> read(String values) {
        try {
            return json.readValue(values, VALUES);
        } catch (JsonProcessingException e) {
            throw new StorageException("Stored connection values are not valid JSON", e);
        }
    }
}
