package io.storelink.bench;

import io.storelink.core.order.ImportRun;
import io.storelink.core.plugin.PluginHost;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The many-connections figure's child JVM, started by {@link MultiBench} with a fixed {@code -Xmx}, so its heap
 * figure means what the memory figure's does: one engine (the CLI's wiring, one database) imports one connection
 * alone (a warm-up first), then many connections with a fixed number of workers, as the scheduler runs them. Prints
 * one {@code RESULT} line per phase: wall time, this JVM's CPU time and the heap's peak during the phase.
 *
 * <p>Arguments: the distribution, a fresh home directory, the workers, then the sandboxes' base URLs: the first is
 * the warm-up, the second the single connection, the rest the many.
 */
public final class MultiChild {

    private MultiChild() {
    }

    public static void main(String[] args) throws Exception {
        Distribution distribution = new Distribution(Path.of(args[0]));
        Path home = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        List<URI> stores = new ArrayList<>();
        for (int index = 3; index < args.length; index++) {
            stores.add(URI.create(args[index]));
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", home.resolve("bench.log").toString());
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        HeapSampler sampler = HeapSampler.start();

        try (PluginHost plugins = Engine.loadPlugins(distribution.plugins(), home.resolve("plugin-cache"))) {
            Engine engine = Engine.open(home, plugins);
            for (int index = 0; index < stores.size(); index++) {
                engine.addMagentoConnection(name(index), stores.get(index), Engine.ALL_STATUSES);
            }
            phase("warmup", sampler, engine, List.of(name(0)), 1);
            phase("single", sampler, engine, List.of(name(1)), 1);
            List<String> many = new ArrayList<>();
            for (int index = 2; index < stores.size(); index++) {
                many.add(name(index));
            }
            phase("multi", sampler, engine, many, workers);
        }
    }

    private static void phase(String phase, HeapSampler sampler, Engine engine, List<String> connections,
                              int workers) throws Exception {
        System.gc();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        sampler.reset();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<ImportRun>> runs = new ArrayList<>();
        for (String connection : connections) {
            runs.add(pool.submit(() -> engine.importOrders(connection)));
        }
        long imported = 0;
        int failed = 0;
        for (Future<ImportRun> run : runs) {
            ImportRun done = run.get();
            imported += done.imported();
            failed += done.result() == ImportRun.SUCCEEDED ? 0 : 1;
        }
        pool.shutdown();
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        long poolPeaks = 0;
        for (MemoryPoolMXBean memoryPool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (memoryPool.getType() == MemoryType.HEAP) {
                poolPeaks += memoryPool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(java.util.Locale.ROOT, "RESULT phase=%s connections=%d imported=%d failed=%d wallNanos=%d "
                        + "cpuNanos=%d heapBefore=%d sampledPeak=%d heapPoolPeaks=%d maxHeap=%d%n",
                phase, connections.size(), imported, failed, wall, cpu, heapBefore, sampler.peak(), poolPeaks,
                Runtime.getRuntime().maxMemory());
        System.out.flush();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static String name(int index) {
        return "store-" + index;
    }
}
