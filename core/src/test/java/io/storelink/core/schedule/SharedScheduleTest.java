package io.storelink.core.schedule;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.metrics.StorelinkMetrics;
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
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts' schedulers on one database, as two {@code storelink serve} on two machines: each schedules every
 * connection, and between them a connection is still imported about once per interval, not once per host.
 */
final class SharedScheduleTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private ScriptedHost a;
    private ScriptedHost b;
    private SyncScheduler schedulerA;
    private SyncScheduler schedulerB;

    @BeforeEach
    void setUp() throws IOException {
        Files.write(script.resolve("orders.txt"), IntStream.rangeClosed(1, 3).mapToObj(Integer::toString).toList());
        a = new ScriptedHost(home, "a", plugins, script, clock, null);
        b = new ScriptedHost(home, "b", plugins, script, clock, null);
        schedulerA = scheduler(a, 1);
        schedulerB = scheduler(b, 2);
    }

    @AfterEach
    void tearDown() {
        schedulerA.stop(Duration.ofSeconds(5));
        schedulerB.stop(Duration.ofSeconds(5));
        a.close();
        b.close();
    }

    private SyncScheduler scheduler(ScriptedHost host, long seed) {
        StorelinkMetrics metrics = new StorelinkMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                host.database);
        SyncScheduler scheduler = new SyncScheduler(host.connections, host.imports, host.shipments, metrics,
                ScheduleSettings.DEFAULTS.withImportInterval(INTERVAL), clock, new Random(seed), false);
        scheduler.start();
        return scheduler;
    }

    @Test
    void twoHostsImportAConnectionAboutOncePerIntervalBetweenThem() {
        // Two hours, a minute at a time, each host looking for due work every minute: 24 intervals.
        for (int minute = 0; minute < 120; minute++) {
            clock.advance(Duration.ofMinutes(1));
            schedulerA.tick();
            awaitIdle(schedulerA);
            schedulerB.tick();
            awaitIdle(schedulerB);
        }

        List<Instant> starts = a.imports.recentRuns("shop", 100).stream().map(run -> run.startedAt()).sorted().toList();
        // One host alone makes one run per interval, each 4.5 to 5.5 minutes after the last: 22 to 26 in two hours.
        assertThat(starts).hasSizeBetween(20, 26);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
                    .as("runs %d and %d", i - 1, i).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(9).dividedBy(10));
        }
        // And both hosts took part: neither is idle while the other works.
        assertThat(schedulerA.status()).singleElement().extracting(ScheduleStatus::lastRunAt).isNotNull();
        assertThat(schedulerB.status()).singleElement().extracting(ScheduleStatus::lastRunAt).isNotNull();
    }

    private static void awaitIdle(SyncScheduler scheduler) {
        SyncSchedulerTest.await(() -> scheduler.status().stream().noneMatch(ScheduleStatus::running));
    }
}
