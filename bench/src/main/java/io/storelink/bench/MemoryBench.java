package io.storelink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Memory: a child JVM with a small heap ({@code -Xmx128m} by default) imports many orders (100,000 by default)
 * through the real engine and reports its peak heap: the sum of the heap pools' peak usage (an upper bound, the
 * pools peak at different moments) and the largest heap-in-use seen by a 5 ms sampler. A smaller import (a tenth)
 * runs first under the same limit: if orders are streamed batch by batch the peak does not grow with the count.
 */
final class MemoryBench {

    private static final long CHILD_TIMEOUT_MINUTES = 15;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final Report report;

    MemoryBench(BenchOptions options, Distribution distribution, Workspace workspace, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.report = report;
    }

    void run() {
        int large = options.memoryOrders();
        int small = Math.max(1, large / 10);
        Map<String, String> smallResult = measure(small);
        Map<String, String> largeResult = measure(large);
        boolean complete = largeResult.containsKey("imported")
                && Long.parseLong(largeResult.get("imported")) == large
                && "succeeded".equals(largeResult.get("result"));
        report.check("memory: " + large + " orders import with -Xmx" + options.memoryHeap(), complete,
                complete ? String.format(java.util.Locale.ROOT, "peak heap in use %.1f MB (%.1f MB at %d orders)",
                        megabytes(largeResult.get("sampledPeak")), megabytes(smallResult.get("sampledPeak")), small)
                        : "did not complete: " + largeResult.getOrDefault("failure", largeResult.toString()));
    }

    private Map<String, String> measure(int orders) {
        Path home = workspace.newDirectory("memory");
        try (SandboxProcess sandbox = SandboxProcess.start(distribution, orders, options.seed(), 0, workspace.logs())) {
            List<String> command = new ArrayList<>(List.of(SandboxProcess.javaBinary(),
                    "-Xmx" + options.memoryHeap(), "-cp", System.getProperty("java.class.path"),
                    MemoryChild.class.getName(), distribution.root().toString(), sandbox.baseUrl().toString(),
                    home.toString(), Integer.toString(orders)));
            Process child = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(workspace.logs().resolve("memory-child.log")
                            .toFile()))
                    .start();
            child.getOutputStream().close();
            Map<String, String> result = new LinkedHashMap<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        for (String pair : line.substring(7).split(" ")) {
                            int equals = pair.indexOf('=');
                            result.put(pair.substring(0, equals), pair.substring(equals + 1));
                        }
                    }
                }
            }
            if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                child.destroyForcibly().waitFor();
                result.put("failure", "timed out");
            } else if (child.exitValue() != 0) {
                result.put("failure", "exit code " + child.exitValue() + "; see "
                        + workspace.logs().resolve("memory-child.log"));
            }
            report.line("memory orders=%d -Xmx%s: %s imported=%s in %s s; peak heap in use (sampled every 5 ms) "
                            + "%.1f MB;"
                            + " sum of heap pool peaks %.1f MB; max heap %.1f MB; GCs %s", orders, options.memoryHeap(),
                    result.getOrDefault("failure", result.get("result")), result.get("imported"),
                    result.get("seconds"), megabytes(result.get("sampledPeak")),
                    megabytes(result.get("heapPoolPeaks")), megabytes(result.get("maxHeap")), result.get("gcs"));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Workspace.delete(home);
        }
    }

    private static double megabytes(String bytes) {
        return bytes == null ? Double.NaN : Long.parseLong(bytes) / (1024.0 * 1024.0);
    }
}
