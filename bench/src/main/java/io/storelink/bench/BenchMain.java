package io.storelink.bench;

import io.storelink.core.plugin.PluginHost;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The benchmark harness: {@code bench/run [options]} (see {@link BenchOptions#USAGE}). Prints the machine and the
 * JVM, then one line per figure (import, memory, ship, start-up), then PASS, FAIL or SKIPPED per target. Every
 * figure is measured in this run; the median of the counted runs is reported, warm-up runs are not counted.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        // The engine logs each import run at INFO; the harness prints its own lines, so only warnings go to stderr.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("help")) {
                System.err.println(e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Workspace workspace = new Workspace(options.workDirectory());
        System.setProperty("org.slf4j.simpleLogger.logFile", workspace.root().resolve("bench.log").toString());
        Distribution distribution = new Distribution(options.distribution());
        Report report = new Report(System.out);

        report.line("Storelink benchmarks, %s", Instant.now());
        describeMachine(report);
        report.line("distribution: %s; plugins: %s", distribution.root(), distribution.pluginArchives());
        report.line("options: orders=%d latencies=%s runs=%d warmups=%d memory-orders=%d memory-heap=%s shipments=%d "
                        + "ship-concurrency=%d ship-latency=%d ship-runs=%d startup-runs=%d seed=%d only=%s many=%s "
                        + "hosts=%s",
                options.orders(),
                options.latenciesMillis(), options.runs(), options.warmups(), options.memoryOrders(),
                options.memoryHeap(), options.shipments(), options.shipConcurrency(), options.shipLatencyMillis(),
                options.shipRuns(), options.startupRuns(), options.seed(), options.figures(), options.many(),
                options.hosts());
        if (options.baselinePlugins() != null) {
            report.line("baseline plugins: %s", Distribution.archivesIn(options.baselinePlugins()));
        }

        try (PluginHost plugins = Engine.loadPlugins(distribution.plugins(), workspace.newDirectory("plugin-cache"));
             PluginHost baseline = options.baselinePlugins() == null ? null
                     : Engine.loadPlugins(options.baselinePlugins(), workspace.newDirectory("baseline-plugin-cache"))) {
            if (!plugins.problems().isEmpty()) {
                report.line("plugin problems: %s", plugins.problems());
            }
            if (options.wants("import")) {
                report.section("import");
                new ImportBench(options, distribution, workspace, plugins, baseline, report).run();
            }
            if (options.wants("memory")) {
                report.section("memory");
                new MemoryBench(options, distribution, workspace, report).run();
            }
            if (options.wants("ship")) {
                report.section("ship");
                new ShipBench(options, distribution, workspace, plugins, report).run();
            }
            if (options.wants("startup")) {
                report.section("startup");
                new StartupBench(options, distribution, workspace, report).run();
            }
            if (options.wants("multi")) {
                report.section("multi");
                new MultiBench(options, distribution, workspace, report).run();
            }
            if (options.wants("soak")) {
                report.section("soak");
                new SoakBench(options, distribution, workspace, report).run();
            }
            if (options.wants("hosts")) {
                report.section("hosts");
                new HostsBench(options, distribution, workspace, report).run();
            }
        }
        report.summary();
    }

    private static void describeMachine(Report report) {
        com.sun.management.OperatingSystemMXBean system =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        report.line("machine: %d cores (%s), %.1f GB memory, %s %s %s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), system.getTotalMemorySize() / 1e9, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
        report.line("jvm: %s %s (%s), vendor %s; flags %s; GC %s; max heap %d MB",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.info"), System.getProperty("java.vm.vendor"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
