package io.storelink.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class DatabaseTest {

    @TempDir
    Path home;

    @Test
    void appliesEveryMigrationOnceInOrder() {
        Database database = Database.open(home.resolve("nested/storelink.db"));
        assertThat(database.schemaVersion()).isEqualTo(Database.MIGRATIONS.get(Database.MIGRATIONS.size() - 1).version());

        Database reopened = Database.open(home.resolve("nested/storelink.db"));
        int rows = reopened.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(Database.MIGRATIONS.size());
    }

    @Test
    void rollsBackWhenWorkFails() {
        Database database = Database.open(home.resolve("storelink.db"));

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
}
