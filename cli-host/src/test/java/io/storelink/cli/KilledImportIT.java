package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** An import killed with SIGKILL partway and started again loses no order and imports none twice. */
final class KilledImportIT {

    private static final String TOKEN = "kill-a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    @Test
    void aKilledImportResumesWithoutLossOrDuplicates() throws Exception {
        try (MagentoSandbox sandbox = MagentoSandbox.builder().seed(11).orderCount(8000).token(TOKEN, Acl.ALL)
                .build().start()) {
            Set<String> expected = sandbox.store().orders().stream()
                    .filter(order -> "processing".equals(order.status()))
                    .map(order -> Long.toString(order.entityId())).collect(Collectors.toSet());
            assertThat(expected.size()).as("enough orders for ranges still to read after the first is stored")
                    .isGreaterThan(2400);
            assertThat(launch("connections", "add", "--name", "shop", "--platform", "magento2",
                    "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl()).waitFor()).isZero();

            // Slow answers, so the run is known to be partway once its first page is stored; from then on every order
            // request is held, so the kill comes while requests are in flight, whatever the machine's speed and
            // whichever pages the host asked for first (it reads several ranges at once and stores in plan order).
            sandbox.setLatency(Duration.ofMillis(300));
            Process first = launch("orders", "import", "shop");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count("SELECT COUNT(*) FROM imported_order") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sandbox.faults().inject(Fault.hold().on("GET", "/V1/orders").times(1000));
            while (sandbox.faults().held() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            first.destroyForcibly().waitFor();
            sandbox.faults().clear();
            sandbox.faults().release();
            sandbox.setLatency(Duration.ZERO);
            long afterKill = count("SELECT COUNT(*) FROM imported_order");
            assertThat(afterKill).as("killed partway").isGreaterThan(0).isLessThan(expected.size());
            assertThat(count("SELECT COUNT(*) FROM import_run WHERE result = 'running'")).isEqualTo(1);

            Process second = launch("orders", "import", "shop");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();

            List<String> imported = ids();
            assertThat(imported).doesNotHaveDuplicates();
            assertThat(Set.copyOf(imported)).isEqualTo(expected);
        }
    }

    private Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                CliRun.distribution().resolve("bin/storelink").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("process-" + System.nanoTime() + ".log").toFile()).start();
    }

    private long count(String sql) throws SQLException {
        if (!home.resolve("storelink.db").toFile().exists()) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("storelink.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException tableNotYetCreated) {
            if (tableNotYetCreated.getMessage().contains("no such table")) {
                return 0;
            }
            throw tableNotYetCreated;
        }
    }

    private List<String> ids() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("storelink.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT platform_order_id FROM imported_order")) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
