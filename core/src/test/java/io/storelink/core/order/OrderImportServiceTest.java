package io.storelink.core.order;

import io.storelink.core.testing.TestDatabases;
import io.storelink.core.order.Fulfilment;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.connection.ConnectionService;
import io.storelink.api.OrderBatch;
import io.storelink.core.shipment.ShipmentRepository;
import io.storelink.core.status.ConnectionStatus;
import io.storelink.core.status.StatusService;
import io.storelink.core.storage.Database;
import io.storelink.core.testing.ScriptedHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import engine against a real drop-in plugin archive and a real database (a SQLite file; a PostgreSQL schema in the suite's second run). */
final class OrderImportServiceTest {

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private ScriptedHost host;
    private List<Duration> sleeps;
    private OrderImportService imports;
    private OrderQueryService queries;
    private OrderRepository repository;
    private ConnectionService connections;

    @BeforeEach
    void setUp() {
        host = new ScriptedHost(home, plugins, script, 4);
        sleeps = host.sleeps;
        imports = host.imports;
        queries = host.orders;
        repository = host.orderRepository;
        connections = host.connections;
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void importsEveryOrderOnceAndRecordsTheRun() throws IOException {
        orders(1, 5);

        ImportRun run = imports.importOrders("shop", ImportListener.NONE);

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(importedIds()).containsExactly("1", "2", "3", "4", "5");
        // Batches overlap by one order: found counts every order returned, imported only the new ones.
        assertThat(run.found()).isEqualTo(7);
        assertThat(run.imported()).isEqualTo(5);
        assertThat(run.alreadyImported()).isEqualTo(2);
        assertThat(run.heldBack()).isEqualTo(1);
        assertThat(run.duration()).isNotNull();
        assertThat(repository.cursor(connections.get("shop"))).contains("5");
    }

    @Test
    void aRerunImportsOnlyWhatIsNew() throws IOException {
        orders(1, 3);
        imports.importOrders("shop", ImportListener.NONE);
        orders(1, 6);

        ImportRun second = imports.importOrders("shop", ImportListener.NONE);

        assertThat(second.imported()).isEqualTo(3);
        assertThat(importedIds()).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aRunThatDiesPartwayLosesNothingAndDuplicatesNothing() throws IOException {
        orders(1, 7);
        Files.writeString(script.resolve("faults.txt"), "3 permanent\n");

        assertThatThrownBy(() -> imports.importOrders("shop", ImportListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION))
                .hasMessage("The store refused the token on call 3");
        ImportRun failed = repository.lastRun(connections.get("shop")).orElseThrow();
        assertThat(failed.result()).isEqualTo(ImportRun.FAILED);
        assertThat(failed.error()).isEqualTo("The store refused the token on call 3");
        assertThat(importedIds()).containsExactly("1", "2", "3", "4");

        Files.delete(script.resolve("faults.txt"));
        ImportRun rerun = imports.importOrders("shop", ImportListener.NONE);

        assertThat(rerun.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(importedIds()).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(repository.lastFailedRun(connections.get("shop"))).map(ImportRun::id).contains(failed.id());
    }

    @Test
    void retriesTransientFailuresHonouringRetryAfter() throws IOException {
        orders(1, 4);
        Files.writeString(script.resolve("faults.txt"), "2 retriable 7\n3 retriable 30\n");
        List<String> heard = new ArrayList<>();

        ImportRun run = imports.importOrders("shop", new ImportListener() {
            @Override
            public void retrying(int attempt, Duration wait, ConnectorException cause) {
                heard.add(attempt + ":" + wait.toSeconds());
            }
        });

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(importedIds()).containsExactly("1", "2", "3", "4");
        // Both waits are within the policy's max-retry-after of 30 s, so the store gets exactly what it asked for.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
        assertThat(heard).containsExactly("2:7", "3:30");
    }

    @Test
    void aStoreThatAsksToBeCalledBackLaterThanTheCapFailsTheRunSayingWhen() throws IOException {
        orders(1, 4);
        Files.writeString(script.resolve("faults.txt"), "2 retriable 100000\n");

        assertThatThrownBy(() -> imports.importOrders("shop", ImportListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(100000)))
                .hasMessageStartingWith("The store answered 503 on call 2; the store asked to be called again in "
                        + "27 h 46 min 40 s (at ")
                .hasMessageContaining("longer than storelink.retry.max-retry-after (30 s) allows waiting");
        // Nothing was waited for (before: 28 hours with no cap, or a wait that ignored what the store asked).
        assertThat(sleeps).isEmpty();
        ImportRun run = repository.lastRun(connections.get("shop")).orElseThrow();
        assertThat(run.result()).isEqualTo(ImportRun.FAILED);
        assertThat(run.error()).contains("27 h 46 min 40 s");
        // The first batch was stored with its cursor before the store asked to wait.
        assertThat(importedIds()).containsExactly("1", "2");
    }

    @Test
    void aRunWhoseProcessDiedIsShownAsInterruptedAndRecordedSoByTheNextRun() throws IOException {
        orders(1, 2);
        long dead = runLeftBy("4242@other-host#dead0001", System.currentTimeMillis() - 1);

        // Not "running" forever: the status view tells it is dead.
        ImportRun shown = repository.lastRun(connections.get("shop")).orElseThrow();
        assertThat(shown.id()).isEqualTo(dead);
        assertThat(shown.result()).isEqualTo(ImportRun.INTERRUPTED);
        assertThat(shown.error()).startsWith("the process running it stopped before it finished");

        ImportRun next = imports.importOrders("shop", ImportListener.NONE);

        assertThat(next.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(repository.run(connections.get("shop"), dead).result()).isEqualTo(ImportRun.INTERRUPTED);
        String stored = host.database.inTransaction(sql -> {
            try (var select = sql.prepareStatement("SELECT result FROM import_run WHERE id = ?")) {
                select.setLong(1, dead);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
        assertThat(stored).isEqualTo(ImportRun.INTERRUPTED.value());
    }

    @Test
    void aSecondProcessDoesNotImportAConnectionALiveProcessIsImporting() throws IOException {
        orders(1, 2);
        long live = runLeftBy("4242@other-host#live0001", System.currentTimeMillis() + 60_000);

        assertThatThrownBy(() -> imports.importOrders("shop", ImportListener.NONE))
                .isInstanceOf(ImportBusyException.class)
                .hasMessageStartingWith("Connection shop is being imported by process 4242 on other-host (run " + live
                        + ", started ")
                .hasMessageContaining("one run at a time per connection. If that process has stopped, run the import "
                        + "again after ");
        assertThat(importedIds()).isEmpty();
        assertThat(repository.lastRun(connections.get("shop")).orElseThrow().id()).isEqualTo(live);
    }

    @Test
    void aRunOfAProcessOfThisMachineThatIsGoneDoesNotBlockTheNextRunUntilItsLeaseEnds() throws Exception {
        orders(1, 2);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        // As a kill -9 leaves it: running, with a lease that has most of a minute to run.
        long killed = runLeftBy(gone.pid() + "@" + host + "#killed01", System.currentTimeMillis() + 60_000);

        ImportRun next = imports.importOrders("shop", ImportListener.NONE);

        assertThat(next.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(repository.run(connections.get("shop"), killed).result()).isEqualTo(ImportRun.INTERRUPTED);
        assertThat(importedIds()).containsExactly("1", "2");
    }

    private long runLeftBy(String owner, long leaseUntil) {
        return host.database.inTransaction(sql -> {
            try (var insert = sql.prepareStatement("INSERT INTO import_run (connection_id, started_at, result, "
                    + "lease_owner, lease_until) VALUES (?, ?, 'running', ?, ?) RETURNING id")) {
                insert.setLong(1, connections.get("shop").id());
                insert.setString(2, "2026-12-01T10:00:00Z");
                insert.setString(3, owner);
                insert.setLong(4, leaseUntil);
                try (var rows = insert.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Test
    void givesUpAfterTheLastAttempt() throws IOException {
        orders(1, 2);
        Files.writeString(script.resolve("faults.txt"), IntStream.rangeClosed(1, 4)
                .mapToObj(call -> call + " retriable 1").collect(Collectors.joining("\n")));

        assertThatThrownBy(() -> imports.importOrders("shop", ImportListener.NONE))
                .hasMessage("The store answered 503 on call 4");
        assertThat(sleeps).hasSize(3);
        assertThat(importedIds()).isEmpty();
    }

    @Test
    void reportsProgressWithTheStoresRemainingCount() throws IOException {
        orders(1, 5);
        List<String> progress = new ArrayList<>();

        imports.importOrders("shop", new ImportListener() {
            @Override
            public void progress(long done, long total) {
                progress.add(done + "/" + total);
            }
        });

        assertThat(progress).containsExactly("2/5", "5/6", "7/7");
    }

    @Test
    void recordsUnreadableOrdersAndImportsTheRest() throws IOException {
        Files.write(script.resolve("orders.txt"), List.of("1", "!2", "3"));

        ImportRun run = imports.importOrders("shop", ImportListener.NONE);

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(importedIds()).containsExactly("1", "3");
        ConnectionStatus status = new StatusService(connections, repository,
                new ShipmentRepository(TestDatabases.open(home))).status("shop").get(0);
        assertThat(status.unreadableOrders()).containsExactly(new OrderBatch.Failure("2", "unreadable order"));
    }

    @Test
    void showsAnImportedOrderByNumber() throws IOException {
        orders(1, 2);
        imports.importOrders("shop", ImportListener.NONE);

        ImportedOrder order = queries.show("shop", "00002");

        assertThat(order.order().platformOrderId()).isEqualTo("2");
        assertThat(order.fulfilment()).isEqualTo(Fulfilment.OPEN);
        assertThat(order.order().lines()).singleElement().satisfies(line -> assertThat(line.sku()).isEqualTo("SKU-2"));
        assertThatThrownBy(() -> queries.show("shop", "99999"))
                .hasMessage("order-number: no imported order '99999' on connection shop");
    }

    @Test
    void tellsTheRunIdOnceBeforeAnyProgressAndFindsTheRunByIt() throws IOException {
        orders(1, 5);
        List<String> heard = new ArrayList<>();

        ImportRun run = imports.importOrders("shop", new ImportListener() {
            @Override
            public void started(long runId) {
                heard.add("started " + runId);
            }

            @Override
            public void progress(long done, long total) {
                heard.add("progress");
            }
        });

        assertThat(heard.get(0)).isEqualTo("started " + run.id());
        assertThat(heard).filteredOn(event -> event.startsWith("started")).hasSize(1);
        assertThat(imports.run("shop", run.id())).isEqualTo(run);
        assertThatThrownBy(() -> imports.run("shop", run.id() + 1))
                .isInstanceOfSatisfying(io.storelink.core.form.ValidationException.class,
                        e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void pagesOrdersByKeyFilteredBySearchAndFulfilment() throws IOException {
        orders(1, 7);
        imports.importOrders("shop", ImportListener.NONE);

        OrderPage first = queries.page("shop", new OrderQuery(null, null, null, null, null, 3));
        OrderPage second = queries.page("shop", new OrderQuery(null, null, null, null, first.next(), 3));
        OrderPage third = queries.page("shop", new OrderQuery(null, null, null, null, second.next(), 3));

        List<String> all = new ArrayList<>();
        for (OrderPage page : List.of(first, second, third)) {
            page.orders().forEach(order -> all.add(order.order().platformOrderId()));
        }
        assertThat(all).isEqualTo(importedIds());
        assertThat(third.next()).isNull();
        assertThat(queries.page("shop", new OrderQuery(null, null, null, "00003", null, 50)).orders())
                .extracting(order -> order.order().orderNumber()).containsExactly("00003");
        assertThat(queries.page("shop", new OrderQuery(null, Fulfilment.SHIPPED, null, null, null, 50)).orders())
                .isEmpty();
        assertThatThrownBy(() -> queries.page("shop", new OrderQuery(null, null, null, null, "nope", 0)))
                .isInstanceOfSatisfying(io.storelink.core.form.ValidationException.class, e -> assertThat(e.errors())
                        .extracting(io.storelink.core.form.FieldError::key).containsExactly("limit", "after"));
    }

    private void orders(int from, int to) throws IOException {
        Files.write(script.resolve("orders.txt"), IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList());
    }

    private List<String> importedIds() {
        List<String> ids = new ArrayList<>();
        queries.forEach("shop", null, order -> ids.add(order.order().platformOrderId()));
        return ids;
    }
}
