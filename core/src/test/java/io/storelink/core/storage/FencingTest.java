package io.storelink.core.storage;

import io.storelink.api.TrackingNumber;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.order.ImportBusyException;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRepository;
import io.storelink.core.shipment.ShipmentRequest;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.testing.MutableClock;
import io.storelink.core.testing.ScriptedHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two hosts on one database, as two Storelink processes on two machines would be: each its own services, plugin
 * host, lease owner and clock (hand-moved, so a lease expires when the test says). Host A is paused past its lease,
 * host B takes the work over, and A's late writes are refused.
 */
final class FencingTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration PAST_A_LEASE = Leases.DURATION.plusSeconds(1);

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private final MutableClock clockA = new MutableClock(T0);
    private final MutableClock clockB = new MutableClock(T0);
    private final CountDownLatch wakeA = new CountDownLatch(1);
    private final CountDownLatch aPaused = new CountDownLatch(1);
    private ScriptedHost a;
    private ScriptedHost b;

    @BeforeEach
    void setUp() throws IOException {
        Files.write(script.resolve("orders.txt"), IntStream.rangeClosed(1, 5).mapToObj(Integer::toString).toList());
        // A waits between attempts of a store call until the test wakes it: a host paused (a long GC, a frozen VM).
        a = new ScriptedHost(home, "a", plugins, script, clockA, wait -> {
            aPaused.countDown();
            if (!wakeA.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never woke host A");
            }
        });
        b = new ScriptedHost(home, "b", plugins, script, clockB, null);
    }

    @AfterEach
    void tearDown() {
        wakeA.countDown();
        a.close();
        b.close();
    }

    @Test
    void aHostPausedInAPageFetchPastItsLeaseHasItsPageAndCursorRefusedAndTheHostThatTookOverFinishes()
            throws Exception {
        Files.writeString(script.resolve("fetch-hold.txt"), "hold");
        CompletableFuture<ImportRun> runOfA = CompletableFuture.supplyAsync(
                () -> a.imports.importOrders("shop", ImportListener.NONE));
        awaitFile(script.resolve("fetch-held.txt"));
        Files.delete(script.resolve("fetch-hold.txt"));
        long runA = runningRun().orElseThrow();

        clockB.advance(PAST_A_LEASE);
        ImportRun runOfB = b.imports.importOrders("shop", ImportListener.NONE);
        assertThat(runOfB.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(runOfB.imported()).isEqualTo(5);

        // A wakes with its first page: orders 1 and 2, and cursor 2.
        String refused = "Lease on import run " + runA + " of connection shop was taken over by "
                + Leases.describe(b.database.leases().owner()) + "; this process's late write was refused";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Files.writeString(script.resolve("fetch-release.txt"), "go");
            assertThatThrownBy(() -> runOfA.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(LeaseLostException.class).hasMessage(refused);
        } finally {
            System.setErr(stderr);
        }
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(refused)))
                .as("the refusal, logged once").hasSize(1);

        assertThat(b.orderRepository.cursor(connection(b))).contains("5");
        assertThat(queryLong("SELECT COUNT(*) FROM imported_order")).isEqualTo(5);
        assertThat(queryLong("SELECT COUNT(DISTINCT platform_order_id) FROM imported_order")).isEqualTo(5);
        assertThat(queryLong("SELECT COUNT(*) FROM imported_order WHERE run_id = " + runA)).isZero();
        ImportRun interrupted = b.imports.run("shop", runA);
        assertThat(interrupted.result()).isEqualTo(ImportRun.INTERRUPTED);
        assertThat(interrupted.found()).isZero();
        assertThat(b.imports.run("shop", runOfB.id()).result()).isEqualTo(ImportRun.SUCCEEDED);
    }

    @Test
    void aHostWhoseRenewerFindsItsRunTakenOverAsksTheStoreForNoFurtherPage() throws Exception {
        CountDownLatch storedFirstPage = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        ImportListener pausedAfterFirstPage = new ImportListener() {
            @Override
            public void progress(long done, long total) {
                storedFirstPage.countDown();
                awaitQuietly(goOn);
            }
        };
        CompletableFuture<ImportRun> runOfA = CompletableFuture.supplyAsync(
                () -> a.imports.importOrders("shop", pausedAfterFirstPage));
        assertThat(storedFirstPage.await(30, TimeUnit.SECONDS)).isTrue();
        long runA = runningRun().orElseThrow();

        // A is paused past its lease between two pages; B takes the run over and imports the rest.
        clockB.advance(PAST_A_LEASE);
        assertThat(b.imports.importOrders("shop", ImportListener.NONE).result()).isEqualTo(ImportRun.SUCCEEDED);
        // A wakes: its renewer finds the lease taken over before its import thread goes on.
        clockA.advance(PAST_A_LEASE);
        a.database.leases().renew();
        Files.writeString(script.resolve("fetch-hold.txt"), "hold");
        goOn.countDown();

        assertThatThrownBy(() -> runOfA.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(LeaseLostException.class)
                .hasMessage("Lease on import run " + runA + " of connection shop (token 1) was taken over by another "
                        + "process; this process stopped importing before its next page");
        assertThat(script.resolve("fetch-held.txt")).as("A asked the store for its next page").doesNotExist();
        assertThat(queryLong("SELECT COUNT(DISTINCT platform_order_id) FROM imported_order")).isEqualTo(5);
        assertThat(queryLong("SELECT COUNT(*) FROM imported_order")).isEqualTo(5);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the import go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHostPausedJustBeforeSendingDoesNotSendANotificationAnotherHostTookOver() throws Exception {
        // A's first attempt fails for a passing reason; A is paused before its second.
        Files.writeString(script.resolve("ship-faults.txt"), "1 retriable\n");
        CompletableFuture<ShipmentRecord> sendOfA = CompletableFuture.supplyAsync(
                () -> a.shipments.notify("shop", request("00001", "1Z001")));
        assertThat(aPaused.await(30, TimeUnit.SECONDS)).isTrue();
        long id = b.shipments.list("shop", null).get(0).id();

        // B takes it over and is inside its store call (held there) when A wakes.
        Files.writeString(script.resolve("ship-faults.txt"), "1 hold\n");
        clockB.advance(PAST_A_LEASE);
        CompletableFuture<ShipmentRecord> sendOfB = CompletableFuture.supplyAsync(() -> b.shipments.retry(id));
        awaitLines(script.resolve("ship-keys.txt"), 2);

        clockA.advance(PAST_A_LEASE);
        wakeA.countDown();
        ShipmentRecord seenByA = sendOfA.get(30, TimeUnit.SECONDS);
        assertThat(seenByA.state()).isEqualTo(ShipmentRecord.SENDING);
        assertThat(seenByA.leaseOwner()).isEqualTo(b.database.leases().owner());

        Files.writeString(script.resolve("ship-release.txt"), "go");
        ShipmentRecord sentByB = sendOfB.get(30, TimeUnit.SECONDS);
        assertThat(sentByB.state()).isEqualTo(ShipmentRecord.SENT);
        // The store: one shipment created, and two calls (A's failed first attempt, B's), none by A after it woke.
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).hasSize(1);
        assertThat(Files.readAllLines(script.resolve("ship-keys.txt"))).hasSize(2);
    }

    @Test
    void aNotificationIsNotSentWhenTheStoreCallCouldOutlastTheLease() throws IOException {
        // A request timeout of 55 s and the margin do not fit in a 60 s lease: another host could take the row over
        // while the call is still out.
        HostConfig slow = new HostConfig(home, plugins, Duration.ofSeconds(55),
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        ShipmentService shipments = new ShipmentService(a.connections, a.plugins, a.orderRepository,
                new ShipmentRepository(a.database), slow, clockA, a.sleeps::add);

        ShipmentRecord record = shipments.notify("shop", request("00001", "1Z001"));

        assertThat(record.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(record.lastError()).startsWith("Not sent: a store call may take 65 s (storelink.request-timeout "
                + "and a margin), longer than the 60 s this host's lease on shipment " + record.id());
        assertThat(script.resolve("ship-keys.txt")).doesNotExist();
        // A long-running host with these settings does not start at all (storelink serve checks before it starts).
        assertThatThrownBy(shipments::checkSendsFitInLease).isInstanceOf(IllegalStateException.class)
                .hasMessage("storelink.request-timeout is 55 s and storelink.lease.duration 1 min: a ship notification "
                        + "is sent only under a lease that outlasts a store call by 10 s, so none would be sent. Lower "
                        + "storelink.request-timeout to 50 s or less, or raise storelink.lease.duration to 1 min 5 s "
                        + "or more");
        a.shipments.checkSendsFitInLease();
    }

    @Test
    void aDrainThatStopsGivesBackWhatItClaimedSoAnotherHostSendsItAtOnce() {
        ShipmentRepository outbox = new ShipmentRepository(a.database);
        for (int i = 1; i <= 3; i++) {
            outbox.insert(connection(a), request(String.format("%05d", i), "1Z" + i), null, "key-" + i, T0);
        }
        clockA.advance(Duration.ofMinutes(1));
        clockB.advance(Duration.ofMinutes(1));
        // A claims the three, sends one and is told to stop (its host is shutting down).
        int[] asked = {0};
        List<ShipmentRecord> sentByA = a.shipments.sendDue("shop", () -> ++asked[0] <= 3);

        assertThat(sentByA).hasSize(1);
        assertThat(queryLong("SELECT COUNT(*) FROM shipment WHERE state = 'pending' AND lease_owner IS NULL "
                + "AND attempts = 0")).isEqualTo(2);
        // B, without waiting for any lease, sends the other two.
        assertThat(b.shipments.sendDue("shop", () -> true)).hasSize(2)
                .allSatisfy(record -> assertThat(record.state()).isEqualTo(ShipmentRecord.SENT));
        assertThat(queryLong("SELECT COUNT(*) FROM shipment WHERE state = 'sent'")).isEqualTo(3);
    }

    @Test
    void renewalsOfAHostWhoseLeasesWereTakenOverExtendNothing() {
        ShipmentRepository outboxA = new ShipmentRepository(a.database);
        ShipmentRepository outboxB = new ShipmentRepository(b.database);
        long id = outboxA.insert(connection(a), request("00001", "1Z001"), null, "key-1", T0).orElseThrow();
        ShipmentRepository.Claim claimOfA = outboxA.claim(id, T0).orElseThrow();
        Leases.Lease runOfA = a.orderRepository.startRun(connection(a), T0);

        clockB.advance(PAST_A_LEASE);
        ShipmentRepository.Claim claimOfB = outboxB.claim(id, clockB.instant()).orElseThrow();
        Leases.Lease runOfB = b.orderRepository.startRun(connection(b), clockB.instant());
        assertThat(claimOfB.lease().token()).isGreaterThan(claimOfA.lease().token());
        long shipmentUntil = queryLong("SELECT lease_until FROM shipment WHERE id = " + id);
        long runUntil = queryLong("SELECT lease_until FROM import_run WHERE id = " + runOfB.id());

        // A wakes much later: its clock says its leases would now run until far past B's.
        clockA.advance(PAST_A_LEASE.multipliedBy(3));
        a.database.leases().renew();
        assertThatThrownBy(() -> outboxA.countAttempt(claimOfA.lease(), clockA.instant()))
                .isInstanceOf(LeaseLostException.class);

        assertThat(claimOfA.lease().lost()).isTrue();
        assertThat(runOfA.lost()).isTrue();
        assertThat(queryLong("SELECT lease_until FROM shipment WHERE id = " + id)).isEqualTo(shipmentUntil);
        assertThat(queryText("SELECT lease_owner FROM shipment WHERE id = " + id))
                .isEqualTo(b.database.leases().owner());
        assertThat(queryLong("SELECT attempts FROM shipment WHERE id = " + id)).isEqualTo(2);
        assertThat(queryLong("SELECT lease_until FROM import_run WHERE id = " + runOfB.id())).isEqualTo(runUntil);
        assertThat(queryLong("SELECT COUNT(*) FROM import_run WHERE id = " + runOfA.id()
                + " AND result = 'interrupted' AND lease_until IS NULL")).isEqualTo(1);
    }

    @Test
    void ofTwoHostsStartingAnImportOfOneConnectionAtOnceExactlyOneRuns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Leases.Lease>> starts = new ArrayList<>();
                for (ScriptedHost host : List.of(a, b)) {
                    starts.add(pool.submit(() -> {
                        start.await();
                        try {
                            return host.orderRepository.startRun(connection(host), T0);
                        } catch (ImportBusyException busy) {
                            return null;
                        }
                    }));
                }
                List<Leases.Lease> won = new ArrayList<>();
                for (Future<Leases.Lease> started : starts) {
                    Leases.Lease lease = started.get(30, TimeUnit.SECONDS);
                    if (lease != null) {
                        won.add(lease);
                    }
                }
                assertThat(won).hasSize(1);
                assertThat(queryLong("SELECT COUNT(*) FROM import_run WHERE result = 'running'")).isEqualTo(1);
                ScriptedHost winner = won.get(0).owner().equals(a.database.leases().owner()) ? a : b;
                winner.orderRepository.finishRun(won.get(0), ImportRun.SUCCEEDED, T0, Duration.ZERO, null);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queryLong("SELECT COUNT(*) FROM import_run WHERE result = 'succeeded'")).isEqualTo(20);
    }

    @Test
    void hostsDrainingAndRetryingOneOutboxAtOnceSendEachNotificationOnce() throws Exception {
        ShipmentRepository outbox = new ShipmentRepository(a.database);
        int rows = 40;
        for (int i = 1; i <= rows; i++) {
            outbox.insert(connection(a), request(String.format("%05d", i), "1Z" + i), null, "key-" + i, T0);
        }
        // Stored a while ago: not left to whoever stored them.
        clockA.advance(Duration.ofMinutes(1));
        clockB.advance(Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CyclicBarrier start = new CyclicBarrier(6);
            List<Future<List<ShipmentRecord>>> drains = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                ScriptedHost host = thread % 2 == 0 ? a : b;
                // The scheduler's drain, claiming a few due rows at a time, and an operator's retry of every unsent
                // notification, claiming one row at a time, on each host.
                boolean drain = thread < 4;
                drains.add(pool.submit(() -> {
                    start.await();
                    return drain ? host.shipments.sendDue("shop", () -> true) : host.shipments.retryAllFailed("shop");
                }));
            }
            for (Future<List<ShipmentRecord>> drain : drains) {
                drain.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> byTracking = Files.readAllLines(script.resolve("shipments.txt")).stream()
                .collect(Collectors.groupingBy(line -> line.split("\\|")[2], Collectors.counting()));
        assertThat(byTracking).hasSize(rows);
        assertThat(byTracking.values()).containsOnly(1L);
        assertThat(Files.readAllLines(script.resolve("ship-keys.txt"))).hasSize(rows);
        assertThat(queryLong("SELECT COUNT(*) FROM shipment WHERE state = 'sent'")).isEqualTo(rows);
    }

    private Optional<Long> runningRun() {
        return a.database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT id FROM import_run WHERE result = 'running'");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    private long queryLong(String query) {
        return query(query, rows -> rows.getLong(1));
    }

    private String queryText(String query) {
        return query(query, rows -> rows.getString(1));
    }

    /** Reads the first row's value. */
    private interface Read<T> {
        T from(ResultSet rows) throws java.sql.SQLException;
    }

    private <T> T query(String query, Read<T> read) {
        return b.database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement(query); ResultSet rows = select.executeQuery()) {
                rows.next();
                return read.from(rows);
            }
        });
    }

    private static Connection connection(ScriptedHost host) {
        return host.connections.get("shop");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int waited = 0; waited < 3000 && !Files.exists(file); waited++) {
            Thread.sleep(10);
        }
        assertThat(file).exists();
    }

    private static void awaitLines(Path file, int lines) throws Exception {
        for (int waited = 0; waited < 3000 && (!Files.exists(file) || Files.readAllLines(file).size() < lines);
             waited++) {
            Thread.sleep(10);
        }
        assertThat(Files.readAllLines(file)).hasSize(lines);
    }

    private static ShipmentRequest request(String order, String tracking) {
        return new ShipmentRequest(order, List.of(), List.of(new TrackingNumber("ups", tracking, "UPS")), null, true,
                null);
    }
}
