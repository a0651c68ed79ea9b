package io.storelink.core.storage;

import io.storelink.core.audit.AuditLog;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionRepository;
import io.storelink.core.connection.SecretCipher;
import io.storelink.core.order.Fulfilment;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite database made by the release before Flyway (its own version table at 8; see
 * {@code release-0.1/README.md}) upgrades in place: Flyway takes over at version 8, applies what came since, and
 * every row is still there and readable. SQLite only: no PostgreSQL database predates Flyway.
 */
@io.storelink.core.testing.SqliteOnly // a SQLite file made before Flyway
final class ReleaseUpgradeTest {

    @TempDir
    Path home;

    private void copy(String name) throws IOException {
        try (InputStream in = ReleaseUpgradeTest.class.getResourceAsStream("release-0.1/" + name)) {
            Files.copy(in, home.resolve(name));
        }
        io.storelink.core.config.OwnerOnly.file(home.resolve(name));
    }

    @Test
    void aDatabaseOfTheReleaseBeforeFlywayUpgradesInPlaceAndLosesNothing() throws IOException {
        copy("storelink.db");
        copy("secret.key");

        try (Database database = Database.open(home.resolve("storelink.db"))) {
            assertThat(database.schemaVersion()).isEqualTo(DatabaseTest.newestMigration()).isGreaterThan(8);
            assertThat(history(database)).startsWith("8 BASELINE the versions in schema_version, before Flyway")
                    .contains("9 SQL import failure order");

            Connection shop = new ConnectionRepository(database).find("SHOP").orElseThrow();
            assertThat(shop.platform()).isEqualTo("scripted");
            assertThat(SecretCipher.fromKeyFile(home.resolve("secret.key"))
                    .decrypt("token", shop.storedValues().get("token"))).isEqualTo("t0ken");

            OrderRepository orders = new OrderRepository(database);
            List<String> numbers = new ArrayList<>();
            orders.forEach(shop, null, order -> numbers.add(order.order().orderNumber() + " "
                    + order.fulfilment().value()));
            assertThat(numbers).containsExactlyInAnyOrder("00001 shipped", "00002 open", "00004 open", "00005 open");
            assertThat(orders.cursor(shop)).isPresent();
            long run = orders.lastRun(shop).orElseThrow().id();
            assertThat(orders.failures(run)).extracting(failure -> failure.platformOrderId()).containsExactly("3");

            List<ShipmentRecord> sent = new ShipmentRepository(database).list(shop, ShipmentRecord.SENT.value());
            assertThat(sent).singleElement().satisfies(shipment -> {
                assertThat(shipment.orderNumber()).isEqualTo("00001");
                assertThat(shipment.remoteId()).isEqualTo("1");
            });
            assertThat(new AuditLog(database, Clock.systemUTC()).entries("shop")).singleElement()
                    .satisfies(entry -> assertThat(entry.actor()).isEqualTo("fixture"));
            assertThat(DatabaseCopy.count(database, "idempotency_key")).isEqualTo(1);

            // The failures table was rebuilt by V9: a new failure still goes in, after the old one.
            database.inTransaction(sql -> {
                try (Statement statement = sql.createStatement()) {
                    statement.execute("INSERT INTO import_failure (run_id, platform_order_id, reason) VALUES ("
                            + run + ", '6', 'later')");
                }
                return null;
            });
            assertThat(orders.failures(run)).extracting(failure -> failure.platformOrderId()).containsExactly("3", "6");
        }
        // Opened again, nothing more is applied.
        try (Database reopened = Database.open(home.resolve("storelink.db"))) {
            assertThat(history(reopened)).hasSize(DatabaseTest.newestMigration() - 8 + 1);
        }
    }

    private static List<String> history(Database database) {
        return database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version, type, description FROM "
                         + "flyway_schema_history ORDER BY installed_rank")) {
                List<String> lines = new ArrayList<>();
                while (rows.next()) {
                    lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
                return lines;
            }
        });
    }
}
