package io.storelink.bench;

import io.storelink.core.order.ImportRun;
import io.storelink.core.plugin.PluginHost;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;

/**
 * The memory figure's child JVM, started by {@link MemoryBench} with a small {@code -Xmx}: imports every order of
 * a sandbox through the real engine, then prints one {@code RESULT} line with the heap it needed.
 *
 * <p>Arguments: the distribution, the sandbox's base URL, a fresh home directory, the expected order count.
 */
public final class MemoryChild {

    private MemoryChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Distribution distribution = new Distribution(Path.of(args[0]));
        URI sandbox = URI.create(args[1]);
        Path home = Path.of(args[2]);
        int expected = Integer.parseInt(args[3]);
        System.setProperty("org.slf4j.simpleLogger.logFile", home.resolve("bench.log").toString());

        HeapSampler sampler = HeapSampler.start();

        long start = System.nanoTime();
        ImportRun run;
        try (PluginHost plugins = Engine.loadPlugins(distribution.plugins(), home.resolve("plugin-cache"))) {
            Engine engine = Engine.open(home, plugins);
            engine.addMagentoConnection("memory", sandbox, Engine.ALL_STATUSES);
            run = engine.importOrders("memory");
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(gc.getCollectionCount(), 0)).sum();
        System.out.printf(java.util.Locale.ROOT,
                "RESULT imported=%d expected=%d result=%s seconds=%.1f heapPoolPeaks=%d sampledPeak=%d maxHeap=%d "
                        + "gcs=%d%n",
                run.imported(), expected, run.result(), seconds, poolPeaks, sampler.peak(),
                Runtime.getRuntime().maxMemory(), gcs);
    }
}
