package io.storelink.core.audit;

import io.storelink.core.storage.Database;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The audit log of changes to connections: who, when, which action and which fields, never a value. Written after
 * the change it records succeeded.
 */
public final class AuditLog {

    /** What was done to a connection. */
    public enum Action {
        CREATED("connection.created"),
        SETTINGS_CHANGED("connection.settings-changed"),
        SECRET_ROTATED("connection.secret-rotated"),
        DELETED("connection.deleted");

        private final String value;

        Action(String value) {
            this.value = value;
        }

        /** @return the stored name, e.g. {@code connection.created} */
        public String value() {
            return value;
        }
    }

    /**
     * One entry.
     *
     * @param id the entry's id, in the order entries were written
     * @param at when
     * @param actor who: for example {@code api-token@127.0.0.1} or {@code cli}
     * @param action what, e.g. {@code connection.secret-rotated}
     * @param connection the connection's name
     * @param fields the keys of the fields that changed, never their values
     */
    public record Entry(long id, Instant at, String actor, String action, String connection, List<String> fields) {
        public Entry {
            fields = List.copyOf(fields);
        }
    }

    private final Database database;
    private final Clock clock;

    @Inject
    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * @param actor who made the change
     * @param action what it was
     * @param connection the connection's name
     * @param fields the keys that changed; never values
     */
    public void record(String actor, Action action, String connection, Collection<String> fields) {
        requireNonNull(actor, "actor is null");
        requireNonNull(action, "action is null");
        requireNonNull(connection, "connection is null");
        database.inTransaction(sql -> {
            try (PreparedStatement insert = sql.prepareStatement(
                    "INSERT INTO audit_log (at, actor, action, connection, fields) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, clock.instant().toString());
                insert.setString(2, actor);
                insert.setString(3, action.value());
                insert.setString(4, connection);
                insert.setString(5, String.join(",", fields));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * @param connection one connection's entries, or {@code null} for all
     * @return the entries, oldest first
     */
    public List<Entry> entries(String connection) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT id, at, actor, action, connection, fields "
                    + "FROM audit_log WHERE (? IS NULL OR connection = ?) ORDER BY id")) {
                select.setString(1, connection);
                select.setString(2, connection);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String fields = rows.getString("fields");
                        entries.add(new Entry(rows.getLong("id"), Instant.parse(rows.getString("at")),
                                rows.getString("actor"), rows.getString("action"), rows.getString("connection"),
                                fields.isEmpty() ? List.of() : Arrays.asList(fields.split(","))));
                    }
                }
                return entries;
            }
        });
    }
}
