package io.storelink.core.storage;

import io.storelink.core.testing.PostgresOnly;
import io.storelink.api.ConnectorException;
import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.connection.SecretResolver;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database's user and password given as {@code ${env:NAME}} / {@code ${file:/path}} references. */
final class DatabasesTest {

    @TempDir
    Path home;

    @Test
    void aReferenceToAVariableThatIsNotSetIsRefusedNamingTheSettingNotAValue() {
        Databases databases = new Databases(new SecretResolver(Map.of("OTHER", "x")::get));

        assertThatThrownBy(() -> databases.open(new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/storelink",
                "storelink", "${env:STORELINK_PG_PASSWORD}", 2), home))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Connection (host): storelink.database.password refers to ${env:STORELINK_PG_PASSWORD}, "
                        + "but that environment variable is not set");
        assertThatThrownBy(() -> databases.open(new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/storelink",
                "storelink", "${env:not a name}", 2), home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.database.password is not a valid reference; expected "
                        + "${env:NAME} or ${file:/absolute/path}");
    }

    @Test
    @PostgresOnly
    void theUserAndPasswordAreReadFromWhatTheReferencesName() throws IOException {
        Path user = Files.writeString(home.resolve("pg-user"), "postgres\n");
        Databases databases = new Databases(new SecretResolver(Map.of("STORELINK_PG_PASSWORD", "s3cret")::get));
        String url = TestDatabases.postgresSettings(home).url().replace("?user=postgres&", "?");

        try (Database database = databases.open(new DatabaseSettings(url, "${file:" + user + "}",
                "${env:STORELINK_PG_PASSWORD}", 2), home)) {
            assertThat(database.<String>inTransaction(sql -> {
                try (var statement = sql.createStatement(); var rows = statement.executeQuery("SELECT current_user")) {
                    rows.next();
                    return rows.getString(1);
                }
            })).isEqualTo("postgres");
        }
    }
}
