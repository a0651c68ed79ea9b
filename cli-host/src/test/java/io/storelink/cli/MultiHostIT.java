package io.storelink.cli;

import io.storelink.core.testing.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several hosts on one database (issue 15): three {@code storelink serve} processes of the distribution on one
 * embedded PostgreSQL, every host running its scheduler, 60 connections on Magento 2 sandboxes with 20 to 50 ms of
 * latency, new orders arriving and notifications posted to each host in turn with an Idempotency-Key
 * ({@link Soak} with a {@link Soak.Cluster}). Host 1 is killed with SIGKILL mid-round and not started again; later
 * host 2 is stopped with SIGSTOP while the database shows it holding imports or notifications, kept stopped until
 * host 3 took that work over past the lease, then resumed. Every order must be imported once, every notification
 * sent once, host 2's late writes refused, and every connection still importing after.
 *
 * <p>Sizes by system property, for a longer run: {@code -Dmulti.connections}, {@code -Dmulti.orders} (each store's
 * orders at the start), {@code -Dmulti.rounds}, {@code -Dmulti.lease} (seconds).
 */
final class MultiHostIT {

    private static final String USER = "storelink_multi";

    /** Kept when the test fails: each host's home has its output and logs. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void threeHostsImportAndSendEverythingOnceThroughAKillAndAPausePastTheLease() throws Exception {
        String password = UUID.randomUUID().toString();
        String url = database(password);
        int rounds = Integer.getInteger("multi.rounds", 4);
        Soak.Options options = new Soak.Options(Integer.getInteger("multi.connections", 60),
                Integer.getInteger("multi.orders", 30), rounds, 2, 20, 2, 11, 50);
        // A notification is sent only under a lease that outlasts the store call (request timeout) by 10 s.
        Duration lease = Duration.ofSeconds(Integer.getInteger("multi.lease", 13));
        Soak.Cluster cluster = new Soak.Cluster(3, url, USER, password, 3, lease, Duration.ofSeconds(2));

        Soak.Result result = Soak.run(CliRun.distribution(), home, options, cluster, System.out);

        // Every order imported once, every notification sent once (stored, sent, shipped once at its store).
        SoakIT.assertExactlyOnceAcrossTheKill(result, options);
        // Host 2, paused past its lease while holding work: taken over, its late writes refused.
        Soak.Pause pause = result.pause();
        assertThat(pause.held()).as("host 2 held imports and notifications being sent when stopped")
                .anyMatch(row -> row.startsWith("import run ")).anyMatch(row -> row.startsWith("shipment "));
        assertThat(pause.pausedFor()).isGreaterThan(lease);
        assertThat(pause.stillHeld()).as("work host 2 held that no host took over").isEmpty();
        assertThat(pause.refusedInLog()).as("held work whose late write host 2's log says was refused")
                .containsExactlyInAnyOrderElementsOf(pause.held());
        // Every connection still syncing, the two hosts left ready.
        assertThat(result.notSyncedSinceResume()).isEmpty();
        assertThat(result.hostsNotReady()).isEmpty();
    }

    /**
     * A database of its own on the JVM's embedded PostgreSQL, owned by a user that must give its password: the
     * hosts get it through {@code ${env:…}}, and a wrong one is refused, so the path is really taken.
     *
     * @return the database's JDBC URL, without credentials
     */
    private static String database(String password) throws SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.get();
        String name = "multihost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(server.url("postgres"));
             Statement sql = admin.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                    + "CREATE ROLE " + USER + " LOGIN; END IF; END $$");
            sql.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + USER);
            // The embedded server trusts everyone; from now on every user but the superuser gives a password.
            String hba;
            try (ResultSet file = sql.executeQuery("SHOW hba_file")) {
                file.next();
                hba = file.getString(1);
            }
            sql.execute("COPY (SELECT line FROM (VALUES (1, 'local all all trust'), "
                    + "(2, 'host all postgres 127.0.0.1/32 trust'), (3, 'host all all 127.0.0.1/32 scram-sha-256')) "
                    + "AS hba(n, line) ORDER BY n) TO '" + hba + "'");
            try (ResultSet reloaded = sql.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        }
        String url = server.url(name).replaceFirst("\\?.*$", "");
        // The reload is signalled, not waited for: until a wrong password is refused.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (accepts(url, "not-" + password) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, USER, "not-" + password).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        DriverManager.getConnection(url, USER, password).close();
        return url;
    }

    private static boolean accepts(String url, String password) {
        try (Connection ignored = DriverManager.getConnection(url, USER, password)) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }
}
