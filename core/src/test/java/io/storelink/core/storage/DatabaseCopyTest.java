package io.storelink.core.storage;

import io.storelink.core.testing.PostgresOnly;
import io.storelink.core.config.OwnerOnly;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionRepository;
import io.storelink.core.connection.SecretCipher;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A single-host SQLite database (the release fixture, upgraded) copied into an empty PostgreSQL schema: every row,
 * checked by counts and checksums, readable there by the host's own repositories, new ids following the copied
 * ones; the source unchanged; a target that is not empty refused. Runs in the suite's PostgreSQL run, which has the
 * server.
 */
@PostgresOnly
final class DatabaseCopyTest {

    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    @Test
    void aSqliteDatabaseMovesToAnEmptyPostgresDatabaseWithNothingLostAndTheSourceUntouched() throws IOException {
        for (String name : List.of("storelink.db", "secret.key")) {
            try (InputStream in = DatabaseCopyTest.class.getResourceAsStream("release-0.1/" + name)) {
                Files.copy(in, home.resolve(name));
            }
            OwnerOnly.file(home.resolve(name));
        }
        try (Database source = Database.open(home.resolve("storelink.db"));
             Database target = TestDatabases.open(elsewhere)) {
            assertThat(target.engine()).isEqualTo(io.storelink.core.config.DatabaseSettings.Engine.POSTGRESQL);
            List<DatabaseCopy.Copied> before = checksums(source);

            List<DatabaseCopy.Copied> copied = DatabaseCopy.copy(source, target);

            assertThat(copied).extracting(DatabaseCopy.Copied::table, DatabaseCopy.Copied::rows).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("connection", 1L),
                    org.assertj.core.groups.Tuple.tuple("import_run", 1L),
                    org.assertj.core.groups.Tuple.tuple("imported_order", 4L),
                    org.assertj.core.groups.Tuple.tuple("import_cursor", 1L),
                    org.assertj.core.groups.Tuple.tuple("import_failure", 1L),
                    org.assertj.core.groups.Tuple.tuple("shipment", 1L),
                    org.assertj.core.groups.Tuple.tuple("audit_log", 1L),
                    org.assertj.core.groups.Tuple.tuple("idempotency_key", 1L));
            assertThat(copied).isEqualTo(before).isEqualTo(checksums(target));
            assertThat(checksums(source)).isEqualTo(before);

            // The host reads the copy as it read the original.
            ConnectionRepository connections = new ConnectionRepository(target);
            Connection shop = connections.find("Shop").orElseThrow();
            assertThat(SecretCipher.fromKeyFile(home.resolve("secret.key"))
                    .decrypt("token", shop.storedValues().get("token"))).isEqualTo("t0ken");
            List<String> orders = new ArrayList<>();
            new OrderRepository(target).forEach(shop, null, order -> orders.add(order.order().orderNumber() + " "
                    + order.fulfilment().value()));
            assertThat(orders).containsExactlyInAnyOrder("00001 shipped", "00002 open", "00004 open", "00005 open");
            // New rows get ids after the copied ones.
            Connection added = connections.insert(new Connection(0, "second", "scripted", Map.of(), Map.of(),
                    Instant.now(), Instant.now())).orElseThrow();
            assertThat(added.id()).isGreaterThan(shop.id());

            assertThatThrownBy(() -> DatabaseCopy.copy(source, target)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not empty: table connection holds 2 rows; db copy only fills an empty "
                            + "database");
        }
    }

    private static List<DatabaseCopy.Copied> checksums(Database database) {
        return database.inTransaction(sql -> {
            List<DatabaseCopy.Copied> sums = new ArrayList<>();
            for (DatabaseCopy.Table table : DatabaseCopy.TABLES) {
                sums.add(DatabaseCopy.checksum(sql, table.name()));
            }
            return sums;
        });
    }
}
