package io.storelink.cli;

import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.storage.Database;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storelink db migrate} and {@code storelink db copy}: a home's SQLite database of the release before Flyway
 * (core's fixture) migrated in place, then copied into an empty PostgreSQL database (the embedded server of core's
 * tests) and checked; bad targets refused by name, a password never taken on the command line.
 */
final class DbCommandIT {

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path target;

    private void oldRelease() throws IOException {
        for (String name : new String[] {"storelink.db", "secret.key"}) {
            try (InputStream in = DbCommandIT.class.getResourceAsStream("/io/storelink/core/storage/release-0.1/"
                    + name)) {
                Files.copy(in, home.resolve(name));
            }
            io.storelink.core.config.OwnerOnly.file(home.resolve(name));
        }
    }

    @Test
    void migratesAnOldReleasesDatabaseThenCopiesItIntoAnEmptyPostgresDatabase() throws IOException {
        oldRelease();

        CliRun migrate = CliRun.run(home, plugins, "", "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).isEqualTo("Database " + home.resolve("storelink.db")
                + " is at schema version 10, this release's.\n");

        DatabaseSettings postgres = TestDatabases.postgresSettings(target);
        CliRun copy = CliRun.run(home, plugins, "", "db", "copy", "--to", postgres.url());
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("Copied Database " + home.resolve("storelink.db") + " into jdbc:postgresql://")
                .containsPattern("imported_order +4 rows  sha256 sum [0-9a-f]+")
                .containsPattern("shipment +1 rows")
                .contains("Every table has the same rows and checksum in both.");
        try (Database copied = Database.open(postgres, target)) {
            assertThat(copied.<Long>inTransaction(sql -> {
                try (Statement statement = sql.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM imported_order")) {
                    rows.next();
                    return rows.getLong(1);
                }
            })).isEqualTo(4L);
        }

        CliRun again = CliRun.run(home, plugins, "", "db", "copy", "--to", postgres.url());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty: table connection holds 1 row;");
    }

    @Test
    void refusesATargetThatIsNoDatabaseUrlAndAPasswordGivenOnTheCommandLine() {
        CliRun mysql = CliRun.run(home, plugins, "", "db", "copy", "--to", "jdbc:mysql://db.example/storelink");
        assertThat(mysql.exitCode()).isEqualTo(2);
        assertThat(mysql.err()).isEqualTo("error: --to: is 'jdbc:mysql://db.example/storelink'; expected "
                + "jdbc:postgresql://host[:port]/database, jdbc:sqlite:/path/to/file, or nothing for storelink.db in "
                + "the home\n");

        CliRun plain = CliRun.run(home, plugins, "", "db", "copy", "--to", "jdbc:postgresql://db.example/storelink",
                "--to-password", "hunter2");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).startsWith("error: --to-password: expected a ${env:NAME} or ${file:/path} reference")
                .doesNotContain("hunter2");
        assertThat(plain.out()).doesNotContain("hunter2");
    }
}
