package io.storelink.core.schedule;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.api.TrackingNumber;
import io.storelink.core.config.HostConfig;
import io.storelink.core.form.ValidationException;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.order.ImportBusyException;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderImportService;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduler over real plugin archives and a real home and database, its time moved by hand: nothing waits for an
 * interval to pass; only the imports themselves run on the scheduler's worker threads.
 */
final class SyncSchedulerTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path scripts;

    private ScriptedHost host;
    private MutableClock clock;
    private PrometheusMeterRegistry registry;
    private StorelinkMetrics metrics;
    private OrderImportService imports;
    private ShipmentService shipments;
    private SyncScheduler scheduler;

    @BeforeEach
    void setUp() throws IOException {
        Path shop = Files.createDirectories(scripts.resolve("shop"));
        orders(shop, 5);
        host = new ScriptedHost(home, plugins, shop, 1);
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new StorelinkMetrics(registry, host.database);
        HostConfig config = new HostConfig(home, plugins, Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        imports = new OrderImportService(host.connections, host.plugins, host.orderRepository, config, clock,
                host.sleeps::add, metrics);
        shipments = new ShipmentService(host.connections, host.plugins, host.orderRepository,
                new ShipmentRepository(host.database), config, clock, host.sleeps::add, metrics);
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.stop(Duration.ofSeconds(5));
        }
        host.close();
    }

    private SyncScheduler start(ScheduleSettings settings) {
        scheduler = new SyncScheduler(host.connections, imports, shipments, metrics, settings, clock, new Random(7),
                false);
        scheduler.start();
        return scheduler;
    }

    @Test
    void importsEachConnectionOnItsIntervalFirstAtARandomMomentWithinItThenGiveOrTakeTenPercent()
            throws IOException {
        connection("a", 3);
        connection("b", 2);
        host.connections.setImportInterval("b", Duration.ofMinutes(10));
        start(ScheduleSettings.DEFAULTS);
        Instant t0 = clock.instant();

        scheduler.tick();

        assertThat(scheduler.status()).extracting(ScheduleStatus::connection).containsExactly("a", "b", "shop");
        for (ScheduleStatus status : scheduler.status()) {
            Duration interval = status.connection().equals("b") ? Duration.ofMinutes(10) : FIVE_MINUTES;
            assertThat(status.interval()).isEqualTo(interval);
            assertThat(status.ownInterval()).isEqualTo(status.connection().equals("b"));
            assertThat(status.nextRunAt()).isBetween(t0, t0.plus(interval));
            assertThat(status.running()).isFalse();
            assertThat(status.lastResult()).isNull();
        }
        assertThat(runCount("shop")).isZero();

        clock.advance(Duration.ofMinutes(10));
        Instant t1 = clock.instant();
        scheduler.tick();
        awaitIdle();

        for (ScheduleStatus status : scheduler.status()) {
            assertThat(status.lastResult()).isEqualTo(ScheduleStatus.SUCCEEDED);
            assertThat(status.lastRunAt()).isEqualTo(t1);
            assertThat(Duration.between(t1, status.nextRunAt()))
                    .isBetween(status.interval().multipliedBy(9).dividedBy(10),
                            status.interval().multipliedBy(11).dividedBy(10));
            assertThat(runCount(status.connection())).isEqualTo(1);
        }
        assertThat(host.orderRepository.lastRun(host.connections.get("a")).orElseThrow().imported()).isEqualTo(3);

        // Nothing is due again until the interval (less its jitter) has passed.
        clock.advance(Duration.ofMinutes(4));
        scheduler.tick();
        awaitIdle();
        for (ScheduleStatus status : scheduler.status()) {
            assertThat(runCount(status.connection())).isEqualTo(1);
        }

        // A run every interval: shop and a after at most 5.5 minutes, b not before 9.
        clock.advance(Duration.ofSeconds(90));
        scheduler.tick();
        awaitIdle();
        assertThat(runCount("shop")).isEqualTo(2);
        assertThat(runCount("a")).isEqualTo(2);
        assertThat(runCount("b")).isEqualTo(1);
    }

    @Test
    void spreadsTheFirstRunsOfManyConnectionsOverTheInterval() throws IOException {
        for (int i = 0; i < 20; i++) {
            connection("c" + i, 1);
        }
        start(ScheduleSettings.DEFAULTS);

        scheduler.tick();

        List<Instant> firsts = scheduler.status().stream().map(ScheduleStatus::nextRunAt).distinct().toList();
        assertThat(firsts).hasSize(21);
        // Over 5 minutes; not bunched in one corner of it.
        Instant t0 = clock.instant();
        assertThat(firsts.stream().filter(at -> at.isBefore(t0.plus(Duration.ofMinutes(2).plusSeconds(30)))))
                .hasSizeBetween(3, 18);
    }

    @Test
    void aSlowStoreHoldsOneWorkerAndTheOtherConnectionsGoOnOnTheRest() throws Exception {
        connection("slow", 2);
        connection("a", 2);
        connection("b", 2);
        Path slow = held("slow");
        start(ScheduleSettings.DEFAULTS.withWorkers(2));
        scheduler.tick();

        clock.advance(FIVE_MINUTES);
        scheduler.tick();

        await(() -> Files.exists(slow.resolve("fetch-held.txt")));
        await(() -> List.of("a", "b", "shop").stream().allMatch(name ->
                ScheduleStatus.SUCCEEDED.equals(scheduler.status(name).orElseThrow().lastResult())));
        ScheduleStatus held = scheduler.status("slow").orElseThrow();
        assertThat(held.running()).isTrue();
        assertThat(held.runId()).isNotNull();

        // Never two runs of one connection: not by the schedule, not on request.
        clock.advance(Duration.ofHours(1));
        scheduler.tick();
        assertThatThrownBy(() -> scheduler.importNow("slow")).isInstanceOf(ImportBusyException.class)
                .hasMessageContaining("slow is being imported (run " + held.runId() + ")");
        // The others run again meanwhile, on the worker the slow store leaves.
        await(() -> runCount("a") == 2 && runCount("b") == 2 && runCount("shop") == 2);

        Files.writeString(slow.resolve("fetch-release.txt"), "go");
        awaitIdle();
        assertThat(runCount("slow")).isEqualTo(1);
        ImportRun run = host.orderRepository.lastRun(host.connections.get("slow")).orElseThrow();
        assertThat(run.id()).isEqualTo(held.runId());
        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(scheduler.status("slow").orElseThrow().runId()).isNull();
    }

    @Test
    void aConnectionThatKeepsFailingBacksOffDoublingUpToTheCapAndRecoversByItself() throws IOException {
        Path shop = scripts.resolve("shop");
        Files.writeString(shop.resolve("faults.txt"), "1 permanent\n");
        start(ScheduleSettings.DEFAULTS.withMaxBackoff(Duration.ofHours(1)));
        scheduler.tick();

        List<Duration> backoffs = List.of(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40),
                Duration.ofHours(1), Duration.ofHours(1));
        for (int failures = 1; failures <= backoffs.size(); failures++) {
            ScheduleStatus before = scheduler.status("shop").orElseThrow();
            // Not a moment early.
            clock.set(before.nextRunAt().minusSeconds(1));
            scheduler.tick();
            awaitIdle();
            assertThat(runCount("shop")).isEqualTo(failures - 1);

            clock.set(before.nextRunAt());
            scheduler.tick();
            awaitIdle();

            ScheduleStatus status = scheduler.status("shop").orElseThrow();
            Duration backoff = backoffs.get(failures - 1);
            assertThat(status.lastResult()).isEqualTo(ScheduleStatus.FAILED);
            assertThat(status.consecutiveFailures()).isEqualTo(failures);
            assertThat(status.backingOff()).isTrue();
            assertThat(status.backoff()).isEqualTo(backoff);
            assertThat(status.lastError()).contains("refused the token");
            Duration wait = Duration.between(clock.instant(), status.nextRunAt());
            assertThat(wait).isBetween(backoff.multipliedBy(9).dividedBy(10), backoff.multipliedBy(11).dividedBy(10));
            assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(1));
            assertThat(runCount("shop")).isEqualTo(failures);
        }

        Files.delete(shop.resolve("faults.txt"));
        clock.set(scheduler.status("shop").orElseThrow().nextRunAt());
        scheduler.tick();
        awaitIdle();

        ScheduleStatus status = scheduler.status("shop").orElseThrow();
        assertThat(status.lastResult()).isEqualTo(ScheduleStatus.SUCCEEDED);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.backoff()).isZero();
        assertThat(status.lastError()).isNull();
        assertThat(Duration.between(clock.instant(), status.nextRunAt()))
                .isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
        assertThat(host.orderRepository.lastRun(host.connections.get("shop")).orElseThrow().imported()).isEqualTo(5);
    }

    @Test
    void importNowReturnsTheRunningRunsIdAndRefusesASecondRun() throws Exception {
        Path shop = held("shop");
        start(ScheduleSettings.DEFAULTS);

        long runId = scheduler.importNow("SHOP");

        ImportRun running = host.orderRepository.lastRun(host.connections.get("shop")).orElseThrow();
        assertThat(running.id()).isEqualTo(runId);
        assertThat(running.result()).isEqualTo(ImportRun.RUNNING);
        ScheduleStatus status = scheduler.status("shop").orElseThrow();
        assertThat(status.running()).isTrue();
        assertThat(status.runId()).isEqualTo(runId);
        assertThatThrownBy(() -> scheduler.importNow("shop")).isInstanceOf(ImportBusyException.class);
        // The scheduled run does not start beside it either.
        clock.advance(Duration.ofHours(1));
        scheduler.tick();

        Files.writeString(shop.resolve("fetch-release.txt"), "go");
        awaitIdle();
        assertThat(runCount("shop")).isEqualTo(1);
        assertThat(host.orderRepository.run(host.connections.get("shop"), runId).result())
                .isEqualTo(ImportRun.SUCCEEDED);
        assertThat(scheduler.status("shop").orElseThrow().lastResult()).isEqualTo(ScheduleStatus.SUCCEEDED);

        assertThatThrownBy(() -> scheduler.importNow("nowhere")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no connection named 'nowhere'");
    }

    @Test
    void aRunStartedByHandThatFailsCountsAsAFailureInTheStatus() throws IOException {
        Path shop = scripts.resolve("shop");
        Files.writeString(shop.resolve("faults.txt"), "1 permanent\n");
        start(ScheduleSettings.DEFAULTS);

        long runId = scheduler.importNow("shop");

        awaitIdle();
        assertThat(host.orderRepository.run(host.connections.get("shop"), runId).result()).isEqualTo(ImportRun.FAILED);
        assertThat(scheduler.status("shop").orElseThrow().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void stopLetsTheRunningImportFinishAndCommitThenTakesNoMoreWork() throws Exception {
        Path shop = held("shop");
        start(ScheduleSettings.DEFAULTS);
        long runId = scheduler.importNow("shop");

        AtomicBoolean drained = new AtomicBoolean();
        Thread stopping = new Thread(() -> drained.set(scheduler.stop(Duration.ofSeconds(10))));
        stopping.start();
        Thread.sleep(200);
        assertThat(stopping.isAlive()).isTrue();
        assertThat(scheduler.running()).isFalse();
        assertThatThrownBy(() -> scheduler.importNow("shop")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopping");

        Files.writeString(shop.resolve("fetch-release.txt"), "go");
        stopping.join(10_000);

        assertThat(drained).isTrue();
        ImportRun run = host.orderRepository.run(host.connections.get("shop"), runId);
        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.imported()).isEqualTo(5);
        // Stopped: the schedule fires nothing more.
        clock.advance(Duration.ofHours(2));
        scheduler.tick();
        assertThat(runCount("shop")).isEqualTo(1);
    }

    @Test
    void stopInterruptsWhatOutlastsTheDrainAndTheRunIsRecordedAsCancelled() throws Exception {
        Path shop = held("shop");
        start(ScheduleSettings.DEFAULTS);
        long runId = scheduler.importNow("shop");
        await(() -> Files.exists(shop.resolve("fetch-held.txt")));

        long started = System.nanoTime();
        assertThat(scheduler.stop(Duration.ofMillis(200))).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.orderRepository.run(host.connections.get("shop"), runId).result())
                .isEqualTo(ImportRun.CANCELLED);
        assertThat(scheduler.status("shop").orElseThrow().lastResult()).isEqualTo(ScheduleStatus.CANCELLED);
        assertThat(scheduler.status("shop").orElseThrow().consecutiveFailures()).isZero();
    }

    @Test
    void theOutboxDrainSendsAgainWhatFailedForAPassingReasonAfterItsBackoffAndNeverWhatTheStoreRejected()
            throws IOException {
        Path shop = scripts.resolve("shop");
        imports.importOrders("shop", io.storelink.core.order.ImportListener.NONE);
        Files.writeString(shop.resolve("ship-faults.txt"), "1 retriable\n");
        ShipmentRecord passing = shipments.notify("shop", request("00001", "T1"));
        Files.writeString(shop.resolve("ship-faults.txt"), "1 permanent\n");
        ShipmentRecord rejected = shipments.notify("shop", request("00002", "T2"));
        assertThat(passing.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(rejected.state()).isEqualTo(ShipmentRecord.FAILED);
        start(ScheduleSettings.DEFAULTS);

        // Its first wait is outbox-interval × 2.
        clock.advance(Duration.ofSeconds(19));
        assertThat(shipments.connectionsWithDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(shipments.connectionsWithDue()).containsExactly("shop");

        Files.delete(shop.resolve("ship-faults.txt"));
        scheduler.drainOutbox();

        await(() -> state(passing.id()).equals(ShipmentRecord.SENT.value()));
        assertThat(state(rejected.id())).isEqualTo(ShipmentRecord.FAILED.value());
        clock.advance(Duration.ofDays(1));
        assertThat(shipments.connectionsWithDue()).isEmpty();
        assertThat(Files.readAllLines(shop.resolve("shipments.txt"))).hasSize(1);
    }

    @Test
    void metricsCountRunsOrdersAndShipAttemptsPerConnectionAndReadTheOutboxDepth() throws IOException {
        start(ScheduleSettings.DEFAULTS);
        scheduler.importNow("shop");
        awaitIdle();
        assertThat(shipments.notify("shop", request("00001", "T1")).state()).isEqualTo(ShipmentRecord.SENT);
        Files.writeString(scripts.resolve("shop").resolve("ship-faults.txt"), "1 permanent\n");
        shipments.notify("shop", request("00002", "T2"));
        connection("quiet", 0);

        metrics.refreshOutboxGauges();
        String scrape = registry.scrape();

        assertThat(scrape).contains("storelink_orders_imported_total{connection=\"shop\"} 5.0");
        assertThat(scrape).contains("storelink_import_runs_total{connection=\"shop\",result=\"succeeded\"} 1.0");
        assertThat(scrape).contains("storelink_import_run_seconds_count{connection=\"shop\"} 1");
        assertThat(scrape).contains("storelink_ship_attempts_total{connection=\"shop\",result=\"sent\"} 1.0");
        assertThat(scrape).contains("storelink_ship_attempts_total{connection=\"shop\",result=\"failed\"} 1.0");
        assertThat(scrape).contains("storelink_outbox_depth{connection=\"shop\",state=\"sent\"} 1.0");
        assertThat(scrape).contains("storelink_outbox_depth{connection=\"shop\",state=\"failed\"} 1.0");
        assertThat(scrape).contains("storelink_outbox_depth{connection=\"shop\",state=\"pending\"} 0.0");
        assertThat(scrape).contains("storelink_outbox_depth{connection=\"quiet\",state=\"pending\"} 0.0");
        // The database's own counters, read from it when scraped.
        assertThat(scrape).contains("storelink_storage_retries_total " + (double) host.database.retries());
        assertThat(scrape).contains("storelink_storage_busy_total 0.0");
        // Tag values are connection names and closed sets, never a field's value.
        assertThat(scrape).doesNotContain("t0ken").doesNotContain(scripts.toString());

        host.connections.remove("quiet");
        metrics.refreshOutboxGauges();
        assertThat(registry.scrape()).doesNotContain("connection=\"quiet\"");
    }

    private int runCount(String connection) {
        return host.database.inTransaction(sql -> {
            try (var select = sql.prepareStatement("SELECT COUNT(*) FROM import_run r JOIN connection c "
                    + "ON c.id = r.connection_id WHERE c.name = ?")) {
                select.setString(1, connection);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private String state(long shipmentId) {
        return shipments.list("shop", null).stream().filter(record -> record.id() == shipmentId).findFirst()
                .orElseThrow().state().value();
    }

    /** @return the connection's script directory, its fetches held until the test writes fetch-release.txt */
    private Path held(String connection) throws IOException {
        Path dir = scripts.resolve(connection);
        Files.writeString(dir.resolve("fetch-hold.txt"), "hold");
        return dir;
    }

    private Path connection(String name, int orders) throws IOException {
        Path dir = Files.createDirectories(scripts.resolve(name));
        orders(dir, orders);
        host.connections.add(name, "scripted", Map.of("script-dir", dir.toString(), "token", "t0ken"));
        return dir;
    }

    private static void orders(Path dir, int count) throws IOException {
        Files.writeString(dir.resolve("orders.txt"), IntStream.rangeClosed(1, count).mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private static ShipmentRequest request(String order, String tracking) {
        return new ShipmentRequest(order, List.of(), List.of(new TrackingNumber("ups", tracking, "UPS")), null, true,
                null);
    }

    private void awaitIdle() {
        await(() -> scheduler.status().stream().noneMatch(ScheduleStatus::running));
    }

    /** Waits up to 10 s for a condition the scheduler's workers bring about; shared with SharedScheduleTest. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
