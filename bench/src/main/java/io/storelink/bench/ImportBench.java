package io.storelink.bench;

import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Import: N orders through the real engine ({@code OrderImportService}, the Magento 2 plugin archive, a fresh
 * SQLite file per run) against the standalone sandbox, timed from the call to its return.
 *
 * <p>Floor ({@link PageFloor}): the {@code GET /V1/orders} pages a well-behaved client needs for N orders,
 * ceil(N / 300) pages of 300 with a fixed field list, {@value PageFloor#CONCURRENCY} in flight (the harness's
 * store-politeness policy), with the same HTTP client and pooling as the plugin, bodies read and thrown away. Nothing
 * in it comes from the import, so a change in the import's request pattern moves the import's figure, not its floor.
 * The target ratio is checked against it.
 *
 * <p>Client overhead: the exact URLs the import requested (recorded by a proxy on an uncounted run), replayed in their
 * order with as many in flight as the import had at most (also recorded). Import against this replay is what the
 * client side costs beyond its own requests. The recorded run also gives the budgets the harness checks: at most
 * ceil(N / 300) + {@value #REQUEST_ALLOWANCE} requests to the store, and answers whose bodies are within
 * {@value #BYTE_TOLERANCE} (as a fraction) of the floor's bytes.
 *
 * <p>Breakdown, per run, in the harness: fetch + parse + map (the plugin's {@code planImport} once, then every range's
 * {@code fetchPage} in plan order, one page at a time, nothing stored), store (the same batches, already in memory, written with {@code OrderRepository.storeBatch}), and what
 * more requests in flight could give (the floor's pages, {@value #WHAT_IF_CONCURRENCY} at a time), and what storing
 * could give if the database connection outlived the transaction (the same store with one more connection held
 * open, so that closing the transaction's connection is no longer the last close, which checkpoints the WAL).
 */
final class ImportBench {

    static final double TARGET_RATIO = 1.25;
    static final int TARGET_LATENCY_MILLIS = 20;

    private static final int WHAT_IF_CONCURRENCY = 4;

    /**
     * How much slower than the baseline the import may measure and still count as "as fast": an allowance for the
     * noise between two medians of interleaved runs, not a measured spread.
     */
    static final double BASELINE_TOLERANCE = 0.02;

    /** Requests an import may make beyond the floor's pages: for example one for the highest id, one spare. */
    static final int REQUEST_ALLOWANCE = 2;

    /** How far the bytes an import receives may be from the floor's, either way. */
    static final double BYTE_TOLERANCE = 0.05;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final PluginHost plugins;
    /** An earlier build of the plugin, imported in the same runs for a before/after figure; {@code null} for none. */
    private final PluginHost baseline;
    private final Report report;

    ImportBench(BenchOptions options, Distribution distribution, Workspace workspace, PluginHost plugins,
                PluginHost baseline, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.plugins = plugins;
        this.baseline = baseline;
        this.report = report;
    }

    void run() {
        for (int latency : options.latenciesMillis()) {
            measure(latency);
        }
    }

    private void measure(int latencyMillis) {
        int n = options.orders();
        List<String> floorUrls = PageFloor.urls(n);
        try (SandboxProcess sandbox = SandboxProcess.start(distribution, n, options.seed(), latencyMillis,
                workspace.logs())) {
            Recording recording = recordImport(sandbox);
            Runs runs = new Runs();
            try (FloorClient client = new FloorClient(SandboxProcess.TOKEN)) {
                PageFloor.requireEveryOrder(client, sandbox, n);
                for (int run = 0; run < options.warmups() + options.runs(); run++) {
                    boolean counted = run >= options.warmups();
                    Timed floor = fetch(client, sandbox, floorUrls, PageFloor.CONCURRENCY);
                    Timed replay = fetch(client, sandbox, recording.urls(), recording.concurrency());
                    Timed concurrent = fetch(client, sandbox, floorUrls, WHAT_IF_CONCURRENCY);
                    List<OrderBatch> batches = new ArrayList<>();
                    double fetchMapRun = fetchAndMap(sandbox, batches);
                    double storeRun = store(sandbox, batches, false);
                    double storeHeldRun = store(sandbox, batches, true);
                    batches.clear();
                    Timed imported = importOnce(sandbox, n, plugins);
                    // Same sandbox, same data, right after: the baseline sees the machine as this run did.
                    Timed before = baseline == null ? null : importOnce(sandbox, n, baseline);
                    if (before != null) {
                        report.line("  import latency=%dms run %d%s: baseline plugin %.1f ms (this build %.1f ms)",
                                latencyMillis, run + 1, counted ? "" : " (warm-up, not counted)", before.millis(),
                                imported.millis());
                    }

                    report.line("  import latency=%dms run %d%s: import %.1f ms, floor %.1f ms, replay of the "
                                    + "import's requests %.1f ms, fetch+parse+map %.1f ms, store %.1f ms (%.1f ms "
                                    + "with a connection held open), floor with %d in flight %.1f ms; CPU during the "
                                    + "import: Storelink %.0f ms, sandbox %.0f ms; during the floor: harness %.0f ms, "
                                    + "sandbox %.0f ms; during the replay: harness %.0f ms, sandbox %.0f ms",
                            latencyMillis, run + 1, counted ? "" : " (warm-up, not counted)", imported.millis(),
                            floor.millis(), replay.millis(), fetchMapRun, storeRun, storeHeldRun,
                            WHAT_IF_CONCURRENCY, concurrent.millis(), imported.cpu().storelinkMillis(),
                            imported.cpu().sandboxMillis(), floor.cpu().storelinkMillis(),
                            floor.cpu().sandboxMillis(), replay.cpu().storelinkMillis(),
                            replay.cpu().sandboxMillis());
                    if (counted) {
                        runs.imports.add(imported);
                        runs.floors.add(floor);
                        runs.replays.add(replay);
                        runs.concurrentFloors.add(concurrent);
                        runs.fetchMapMillis.add(fetchMapRun);
                        runs.storeMillis.add(storeRun);
                        runs.storeHeldMillis.add(storeHeldRun);
                        if (before != null) {
                            runs.baselines.add(before);
                        }
                    }
                }
            }
            summarize(latencyMillis, recording, runs);
        }
    }

    /** The counted runs of one latency. */
    private static final class Runs {
        final List<Timed> imports = new ArrayList<>();
        final List<Timed> floors = new ArrayList<>();
        final List<Timed> replays = new ArrayList<>();
        final List<Timed> concurrentFloors = new ArrayList<>();
        final List<Double> fetchMapMillis = new ArrayList<>();
        final List<Double> storeMillis = new ArrayList<>();
        final List<Double> storeHeldMillis = new ArrayList<>();
        final List<Timed> baselines = new ArrayList<>();
    }

    /** Prints one latency's figures and checks its target and budgets. */
    private void summarize(int latencyMillis, Recording recording, Runs runs) {
        int n = options.orders();
        int pages = PageFloor.pages(n);
        Stats imports = Stats.of(millis(runs.imports));
        Stats floors = Stats.of(millis(runs.floors));
        Stats replays = Stats.of(millis(runs.replays));
        double ratio = imports.median() / floors.median();
        long floorBytes = runs.floors.get(0).bytes();
        report.line("import latency=%dms orders=%d: import %s = %.0f orders/s; floor (%d pages of %d, %d in flight) "
                        + "%s = %.0f orders/s; ratio import/floor %.2f", latencyMillis, n, imports.describeMillis(),
                n * 1000 / imports.median(), pages, PageFloor.PAGE_SIZE, PageFloor.CONCURRENCY,
                floors.describeMillis(), n * 1000 / floors.median(), ratio);
        report.line("import client overhead latency=%dms: the import's own %d requests replayed as recorded (at "
                        + "most %d in flight) %s; ratio import/replay %.2f", latencyMillis, recording.urls().size(),
                recording.concurrency(), replays.describeMillis(), imports.median() / replays.median());

        double fetchMap = Stats.of(runs.fetchMapMillis).median();
        double store = Stats.of(runs.storeMillis).median();
        report.line("import breakdown latency=%dms (medians): fetch (replay) %.1f ms | parse+map %.1f ms "
                        + "(fetch+parse+map %.1f ms) | store %.1f ms | fetch+parse+map+store in sequence %.1f ms "
                        + "| import %.1f ms | overlap hides %.1f ms", latencyMillis, replays.median(),
                fetchMap - replays.median(), fetchMap, store, fetchMap + store, imports.median(),
                fetchMap + store - imports.median());
        report.line("import what-if latency=%dms: the floor's pages with %d in flight %.1f ms instead of %.1f ms; store "
                        + "with one more SQLite connection held open (no WAL checkpoint when each transaction's "
                        + "connection closes) %.1f ms instead of %.1f ms", latencyMillis, WHAT_IF_CONCURRENCY,
                Stats.of(millis(runs.concurrentFloors)).median(), floors.median(),
                Stats.of(runs.storeHeldMillis).median(), store);

        int cores = Runtime.getRuntime().availableProcessors();
        double storelinkCpu = median(runs.imports, cpu -> cpu.storelinkMillis());
        report.line("import CPU latency=%dms (medians, ms; %d cores give %.0f ms of CPU in the import's wall "
                        + "time): import: Storelink %.0f, sandbox %.0f | floor: harness %.0f, sandbox %.0f | replay: "
                        + "harness %.0f, sandbox %.0f", latencyMillis, cores, cores * imports.median(), storelinkCpu,
                median(runs.imports, cpu -> cpu.sandboxMillis()),
                median(runs.floors, cpu -> cpu.storelinkMillis()), median(runs.floors, cpu -> cpu.sandboxMillis()),
                median(runs.replays, cpu -> cpu.storelinkMillis()), median(runs.replays, cpu -> cpu.sandboxMillis()));
        report.line("import Storelink CPU latency=%dms: %.1f ms per 1,000 orders (median %.0f ms for %d orders)",
                latencyMillis, storelinkCpu * 1000 / n, storelinkCpu, n);

        if (!runs.baselines.isEmpty()) {
            Stats before = Stats.of(millis(runs.baselines));
            double change = imports.median() / before.median();
            double baselineCpu = median(runs.baselines, cpu -> cpu.storelinkMillis());
            report.line("import before/after latency=%dms: baseline plugin %s = %.0f orders/s, Storelink CPU %.1f ms "
                            + "per 1,000 orders; this build %s = %.0f orders/s, %.1f ms per 1,000 orders; ratio "
                            + "this/baseline %.2f (wall), %.2f (CPU)", latencyMillis, before.describeMillis(),
                    n * 1000 / before.median(), baselineCpu * 1000 / n, imports.describeMillis(),
                    n * 1000 / imports.median(), storelinkCpu * 1000 / n, change, storelinkCpu / baselineCpu);
            if (latencyMillis == TARGET_LATENCY_MILLIS) {
                report.check("import at least as fast as the baseline plugin at " + latencyMillis + " ms",
                        change <= 1 + BASELINE_TOLERANCE, String.format(Locale.ROOT,
                                "ratio this/baseline %.2f, allowed up to %.2f (2 %% for noise); "
                                        + "medians %.1f ms and %.1f ms", change, 1 + BASELINE_TOLERANCE,
                                imports.median(), before.median()));
            }
        }

        int requestBudget = pages + REQUEST_ALLOWANCE;
        report.check(String.format(Locale.ROOT, "import requests <= ceil(N/%d) + %d at %d ms", PageFloor.PAGE_SIZE,
                REQUEST_ALLOWANCE, latencyMillis), recording.urls().size() <= requestBudget,
                String.format(Locale.ROOT, "%d requests, budget %d, floor %d, %d orders", recording.urls().size(),
                        requestBudget, pages, n));
        double byteDifference = (double) recording.answerBytes() / floorBytes - 1;
        report.check(String.format(Locale.ROOT, "import bytes within %.0f %% of the floor's at %d ms",
                        BYTE_TOLERANCE * 100, latencyMillis), Math.abs(byteDifference) <= BYTE_TOLERANCE,
                String.format(Locale.ROOT, "import %d bytes, floor %d bytes, %+.2f %%", recording.answerBytes(),
                        floorBytes, byteDifference * 100));
        if (latencyMillis == TARGET_LATENCY_MILLIS) {
            report.check("import ratio <= " + TARGET_RATIO + " at " + latencyMillis + " ms", ratio <= TARGET_RATIO,
                    String.format(Locale.ROOT, "ratio %.2f against %d pages of %d, %d in flight; %d orders", ratio,
                            pages, PageFloor.PAGE_SIZE, PageFloor.CONCURRENCY, n));
        }
    }

    private static List<Double> millis(List<Timed> runs) {
        return runs.stream().map(Timed::millis).toList();
    }

    private static double median(List<Timed> runs, ToDoubleFunction<CpuTime.Used> which) {
        return CpuTime.Used.median(runs.stream().map(Timed::cpu).toList(), which);
    }

    /**
     * What an import requested, and with what concurrency.
     *
     * @param urls the paths and queries, in the order they arrived
     * @param concurrency the most it had in flight at the sandbox
     * @param answerBytes the bytes of all the answers' bodies it received
     */
    private record Recording(List<String> urls, int concurrency, long answerBytes) {
    }

    /** One uncounted import through a recording proxy: what the plugin requested, with what concurrency, for what. */
    private Recording recordImport(SandboxProcess sandbox) {
        Path home = workspace.newDirectory("import-record");
        try (RecordingProxy proxy = new RecordingProxy(sandbox.baseUrl())) {
            Engine engine = Engine.open(home, plugins);
            engine.addMagentoConnection("recorded", proxy.baseUrl(), Engine.ALL_STATUSES);
            ImportRun run = engine.importOrders("recorded");
            requireAll(run, options.orders());
            List<RecordingProxy.Recorded> recorded = proxy.recorded();
            return new Recording(recorded.stream().map(RecordingProxy.Recorded::pathAndQuery).toList(),
                    Math.max(1, proxy.mostInFlight()),
                    recorded.stream().mapToLong(RecordingProxy.Recorded::answerBytes).sum());
        } finally {
            Workspace.delete(home);
        }
    }

    /** The URLs, timed, with the CPU both processes used and the bytes received. */
    private static Timed fetch(FloorClient client, SandboxProcess sandbox, List<String> urls, int concurrency) {
        CpuTime before = CpuTime.now(sandbox);
        long start = System.nanoTime();
        long bytes = replay(client, sandbox, urls, concurrency);
        double millis = millisSince(start);
        return new Timed(millis, CpuTime.now(sandbox).since(before), bytes);
    }

    /** The URLs in their order, {@code concurrency} at a time, bodies read and thrown away. @return bytes */
    private static long replay(FloorClient client, SandboxProcess sandbox, List<String> urls, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Long>> pages = new ArrayList<>();
            for (String url : urls) {
                pages.add(pool.submit(() -> client.get(sandbox.baseUrl() + url)));
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

    /**
     * The plugin's plan, then every range's pages in plan order, with nothing stored. Sequential, one page at a time:
     * the host reads several ranges at once, so this measures the plugin's own cost per page (request, parse, map),
     * not the import's wall-clock time. Each page becomes the batch the host would store for it.
     */
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
                ImportPlan plan = connector.planImport(new ImportRequest(null, startedAt, true));
                for (ImportRange range : plan.ranges()) {
                    String token = null;
                    do {
                        OrderPage page = connector.fetchPage(new PageRequest(range, token, null, startedAt));
                        batches.add(new OrderBatch(page.orders(), page.cursor(), page.hasMore(), page.remaining(),
                                plan.heldBack(), page.failed()));
                        token = page.nextPageToken();
                    } while (token != null);
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
                io.storelink.core.storage.Leases.Lease run = orders.startRun(connection, Instant.now());
                for (OrderBatch batch : batches) {
                    orders.storeBatch(connection, run, batch, Instant.now());
                }
                return millisSince(start);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            Workspace.delete(home);
        }
    }

    /**
     * One timed run.
     *
     * @param millis its wall time
     * @param cpu the CPU both processes used meanwhile
     * @param bytes the bytes of the answers' bodies, or -1 where the harness does not see them (the import)
     */
    private record Timed(double millis, CpuTime.Used cpu, long bytes) {
    }

    private Timed importOnce(SandboxProcess sandbox, int expected, PluginHost with) {
        Path home = workspace.newDirectory("import");
        try {
            Engine engine = Engine.open(home, with);
            engine.addMagentoConnection("bench", sandbox.baseUrl(), Engine.ALL_STATUSES);
            CpuTime cpuBefore = CpuTime.now(sandbox);
            long start = System.nanoTime();
            ImportRun run = engine.importOrders("bench");
            double millis = millisSince(start);
            CpuTime.Used cpu = CpuTime.now(sandbox).since(cpuBefore);
            requireAll(run, expected);
            return new Timed(millis, cpu, -1);
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
