package io.storelink.bench;

import io.storelink.api.ImportRequest;
import io.storelink.api.OrderBatch;
import io.storelink.core.connection.Connection;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.config.HostConfig;
import io.storelink.core.plugin.DefaultPlatformContext;
import io.storelink.core.plugin.PluginConnector;
import io.storelink.core.plugin.PluginHost;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Import: N orders through the real engine ({@code OrderImportService}, the Magento 2 plugin archive, a fresh
 * SQLite file per run) against the standalone sandbox, timed from the call to its return.
 *
 * <p>Floor: the exact URLs the import requested (recorded by a proxy on an uncounted run), replayed in their order
 * with as many in flight as the import had at most (also recorded), with the same HTTP client and pooling, bodies
 * read and thrown away.
 *
 * <p>Breakdown, per run, in the harness: fetch + parse + map (the plugin's {@code fetchOrders} in a loop, nothing
 * stored), store (the same batches, already in memory, written with {@code OrderRepository.storeBatch}), and what
 * concurrent fetching could give (the floor's URLs, {@value #WHAT_IF_CONCURRENCY} at a time), and what storing
 * could give if the database connection outlived the transaction (the same store with one more connection held
 * open, so that closing the transaction's connection is no longer the last close, which checkpoints the WAL).
 */
final class ImportBench {

    static final double TARGET_RATIO = 1.25;
    static final int TARGET_LATENCY_MILLIS = 20;

    private static final int WHAT_IF_CONCURRENCY = 4;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final PluginHost plugins;
    private final Report report;

    ImportBench(BenchOptions options, Distribution distribution, Workspace workspace, PluginHost plugins,
                Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.plugins = plugins;
        this.report = report;
    }

    void run() {
        for (int latency : options.latenciesMillis()) {
            measure(latency);
        }
    }

    private void measure(int latencyMillis) {
        int n = options.orders();
        try (SandboxProcess sandbox = SandboxProcess.start(distribution, n, options.seed(), latencyMillis,
                workspace.logs())) {
            Recording recording = recordImportUrls(sandbox);
            List<String> urls = recording.urls();
            List<Double> importMillis = new ArrayList<>();
            List<Double> floorMillis = new ArrayList<>();
            List<Double> fetchMapMillis = new ArrayList<>();
            List<Double> storeMillis = new ArrayList<>();
            List<Double> storeHeldMillis = new ArrayList<>();
            List<Double> concurrentFloorMillis = new ArrayList<>();
            List<CpuTime.Used> importCpus = new ArrayList<>();
            List<CpuTime.Used> floorCpus = new ArrayList<>();
            long bytes = 0;
            try (FloorClient floor = new FloorClient(SandboxProcess.TOKEN)) {
                for (int run = 0; run < options.warmups() + options.runs(); run++) {
                    boolean counted = run >= options.warmups();

                    CpuTime cpuBefore = CpuTime.now(sandbox);
                    long start = System.nanoTime();
                    bytes = replay(floor, sandbox, urls, recording.concurrency());
                    double floorRun = millisSince(start);
                    CpuTime.Used floorCpu = CpuTime.now(sandbox).since(cpuBefore);

                    start = System.nanoTime();
                    replay(floor, sandbox, urls, WHAT_IF_CONCURRENCY);
                    double concurrentRun = millisSince(start);

                    List<OrderBatch> batches = new ArrayList<>();
                    double fetchMapRun = fetchAndMap(sandbox, batches);
                    double storeRun = store(sandbox, batches, false);
                    double storeHeldRun = store(sandbox, batches, true);
                    batches.clear();
                    Timed imported = importOnce(sandbox, n);
                    double importRun = imported.millis();
                    CpuTime.Used importCpu = imported.cpu();

                    report.line("  import latency=%dms run %d%s: import %.1f ms, floor %.1f ms, fetch+parse+map "
                                    + "%.1f ms, store %.1f ms (%.1f ms with a connection held open), floor x%d "
                                    + "concurrent %.1f ms; CPU during the import: Storelink %.0f ms, sandbox %.0f ms; "
                                    + "during the floor: harness %.0f ms, sandbox %.0f ms", latencyMillis, run + 1,
                            counted ? "" : " (warm-up, not counted)", importRun, floorRun, fetchMapRun, storeRun,
                            storeHeldRun, WHAT_IF_CONCURRENCY, concurrentRun, importCpu.storelinkMillis(),
                            importCpu.sandboxMillis(), floorCpu.storelinkMillis(), floorCpu.sandboxMillis());
                    if (counted) {
                        importMillis.add(importRun);
                        floorMillis.add(floorRun);
                        fetchMapMillis.add(fetchMapRun);
                        storeMillis.add(storeRun);
                        storeHeldMillis.add(storeHeldRun);
                        concurrentFloorMillis.add(concurrentRun);
                        importCpus.add(importCpu);
                        floorCpus.add(floorCpu);
                    }
                }
            }
            Stats imports = Stats.of(importMillis);
            Stats floors = Stats.of(floorMillis);
            Stats fetchMap = Stats.of(fetchMapMillis);
            Stats stores = Stats.of(storeMillis);
            Stats concurrent = Stats.of(concurrentFloorMillis);
            double ratio = imports.median() / floors.median();
            report.line("import latency=%dms orders=%d requests=%d (at most %d in flight) bytes=%d: import %s = "
                            + "%.0f orders/s; floor %s = %.0f orders/s; ratio import/floor %.2f", latencyMillis, n,
                    urls.size(), recording.concurrency(), bytes,
                    imports.describeMillis(), n * 1000 / imports.median(), floors.describeMillis(),
                    n * 1000 / floors.median(), ratio);
            double parseMap = fetchMap.median() - floors.median();
            report.line("import breakdown latency=%dms (medians): fetch (floor) %.1f ms | parse+map %.1f ms "
                            + "(fetch+parse+map %.1f ms) | store %.1f ms | fetch+parse+map+store in sequence %.1f ms "
                            + "| import %.1f ms | overlap hides %.1f ms | floor with %d pages in flight %.1f ms",
                    latencyMillis, floors.median(), parseMap, fetchMap.median(), stores.median(),
                    fetchMap.median() + stores.median(), imports.median(),
                    fetchMap.median() + stores.median() - imports.median(), WHAT_IF_CONCURRENCY, concurrent.median());
            report.line("import what-if latency=%dms: store with one more SQLite connection held open (no WAL "
                            + "checkpoint when each transaction's connection closes) %.1f ms instead of %.1f ms",
                    latencyMillis, Stats.of(storeHeldMillis).median(), stores.median());
            int cores = Runtime.getRuntime().availableProcessors();
            report.line("import CPU latency=%dms (medians, ms; %d cores give %.0f ms of CPU in the import's wall "
                            + "time): import: Storelink %.0f, sandbox %.0f | floor: harness %.0f, sandbox %.0f", latencyMillis,
                    cores, cores * imports.median(), CpuTime.Used.median(importCpus, CpuTime.Used::storelinkMillis),
                    CpuTime.Used.median(importCpus, CpuTime.Used::sandboxMillis),
                    CpuTime.Used.median(floorCpus, CpuTime.Used::storelinkMillis),
                    CpuTime.Used.median(floorCpus, CpuTime.Used::sandboxMillis));
            if (latencyMillis == TARGET_LATENCY_MILLIS) {
                report.check("import ratio <= " + TARGET_RATIO + " at " + latencyMillis + " ms", ratio <= TARGET_RATIO,
                        String.format(java.util.Locale.ROOT, "ratio %.2f, %d orders", ratio, n));
            }
        }
    }

    /** The paths and queries an import requested, and how many it had in flight at most. */
    private record Recording(List<String> urls, int concurrency) {
    }

    /** One uncounted import through a recording proxy: what the plugin requested, and with what concurrency. */
    private Recording recordImportUrls(SandboxProcess sandbox) {
        Path home = workspace.newDirectory("import-record");
        try (RecordingProxy proxy = new RecordingProxy(sandbox.baseUrl())) {
            Engine engine = Engine.open(home, plugins);
            engine.addMagentoConnection("recorded", proxy.baseUrl(), Engine.ALL_STATUSES);
            ImportRun run = engine.importOrders("recorded");
            requireAll(run, options.orders());
            return new Recording(proxy.recorded().stream().map(RecordingProxy.Recorded::pathAndQuery).toList(),
                    Math.max(1, proxy.mostInFlight()));
        } finally {
            Workspace.delete(home);
        }
    }

    /** The URLs in their recorded order, {@code concurrency} at a time, bodies read and thrown away. @return bytes */
    private static long replay(FloorClient floor, SandboxProcess sandbox, List<String> urls, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Long>> pages = new ArrayList<>();
            for (String url : urls) {
                pages.add(pool.submit(() -> floor.get(sandbox.baseUrl() + url)));
            }
            long bytes = 0;
            for (Future<Long> page : pages) {
                bytes += page.get();
            }
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException("replay failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The plugin's fetchOrders in a loop, as the engine's fetch thread calls it, with nothing stored. */
    private double fetchAndMap(SandboxProcess sandbox, List<OrderBatch> batches) {
        Path home = workspace.newDirectory("import-fetch");
        try {
            Engine engine = Engine.open(home, plugins);
            Connection connection = engine.addMagentoConnection("fetch", sandbox.baseUrl(), Engine.ALL_STATUSES);
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            try (PluginConnector connector = plugins.platform("magento2").connect(
                    engine.connections().resolve(connection), DefaultPlatformContext.of(Clock.systemUTC(),
                            new HostConfig(home, home, Duration.ofSeconds(30), Engine.RETRY)))) {
                String cursor = null;
                boolean first = true;
                while (true) {
                    OrderBatch batch = connector.fetchOrders(new ImportRequest(cursor, startedAt, first));
                    batches.add(batch);
                    if (!batch.hasMore()) {
                        break;
                    }
                    cursor = batch.nextCursor();
                    first = false;
                }
            }
            return millisSince(start);
        } finally {
            Workspace.delete(home);
        }
    }

    /** The batches, already fetched and mapped, stored as the engine stores them, one transaction each. */
    private double store(SandboxProcess sandbox, List<OrderBatch> batches, boolean holdConnection) {
        Path home = workspace.newDirectory("import-store");
        try {
            Engine engine = Engine.open(home, plugins);
            Connection connection = engine.addMagentoConnection("store", sandbox.baseUrl(), Engine.ALL_STATUSES);
            OrderRepository orders = engine.orders();
            try (java.sql.Connection held = holdConnection ? engine.openExtraDatabaseConnection() : null) {
                long start = System.nanoTime();
                long runId = orders.startRun(connection, Instant.now());
                for (OrderBatch batch : batches) {
                    orders.storeBatch(connection, runId, batch, Instant.now());
                }
                return millisSince(start);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            Workspace.delete(home);
        }
    }

    /** An import's wall time and the CPU both processes used meanwhile. */
    private record Timed(double millis, CpuTime.Used cpu) {
    }

    private Timed importOnce(SandboxProcess sandbox, int expected) {
        Path home = workspace.newDirectory("import");
        try {
            Engine engine = Engine.open(home, plugins);
            engine.addMagentoConnection("bench", sandbox.baseUrl(), Engine.ALL_STATUSES);
            CpuTime cpuBefore = CpuTime.now(sandbox);
            long start = System.nanoTime();
            ImportRun run = engine.importOrders("bench");
            double millis = millisSince(start);
            CpuTime.Used cpu = CpuTime.now(sandbox).since(cpuBefore);
            requireAll(run, expected);
            return new Timed(millis, cpu);
        } finally {
            Workspace.delete(home);
        }
    }

    static void requireAll(ImportRun run, int expected) {
        if (!ImportRun.SUCCEEDED.equals(run.result()) || run.imported() != expected) {
            throw new IllegalStateException("the import did not import all " + expected + " orders: " + run);
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
