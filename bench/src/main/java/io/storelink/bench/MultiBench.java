package io.storelink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many connections (issue 13): a hundred connections of a thousand orders each (by default), imported by one
 * engine with the scheduler's number of workers, next to one connection alone in the same child JVM and run.
 * Reports orders per second, Storelink's CPU milliseconds per 1,000 orders and the heap's peak for both. The
 * sandboxes run in one other JVM ({@link SandboxFleet}) with the given latency; the engine runs in
 * {@link MultiChild} under a fixed {@code -Xmx}.
 */
final class MultiBench {

    private static final long CHILD_TIMEOUT_MINUTES = 30;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final Report report;

    MultiBench(BenchOptions options, Distribution distribution, Workspace workspace, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.report = report;
    }

    void run() {
        BenchOptions.Many many = options.many();
        Path home = workspace.newDirectory("multi");
        // The warm-up's and the single connection's sandboxes first, then the many.
        int sandboxes = many.connections() + 2;
        try (SandboxFleet.Running fleet = SandboxFleet.start(workspace, List.of(Integer.toString(sandboxes),
                Integer.toString(many.orders()), Long.toString(options.seed()),
                Integer.toString(many.latencyMillis())), "multi-fleet.log")) {
            long fleetCpuBefore = fleet.cpuNanos();
            List<String> child = new ArrayList<>(List.of(SandboxProcess.javaBinary(), "-Xmx" + many.heap(), "-cp",
                    System.getProperty("java.class.path"), MultiChild.class.getName(),
                    distribution.root().toString(), home.toString(), Integer.toString(many.workers())));
            child.addAll(fleet.urls());
            Map<String, Map<String, String>> phases =
                    results(SandboxFleet.Running.launch(workspace, child, "multi-child.log"));
            double fleetCpuMillis = (fleet.cpuNanos() - fleetCpuBefore) / 1e6;

            Map<String, String> single = phases.getOrDefault("single", Map.of());
            Map<String, String> multi = phases.getOrDefault("multi", Map.of());
            long expected = (long) many.connections() * many.orders();
            line("single", 1, many, single);
            line("multi", many.connections(), many, multi);
            report.line("multi: the sandboxes' JVM used %.0f CPU ms over the three phases", fleetCpuMillis);
            boolean complete = !multi.isEmpty() && Long.parseLong(multi.get("imported")) == expected
                    && "0".equals(multi.get("failed"));
            report.check("multi: " + many.connections() + " connections x " + many.orders() + " orders all imported",
                    complete, complete ? String.format(Locale.ROOT, "%.0f orders/s (single connection %.0f orders/s)",
                            ordersPerSecond(multi), ordersPerSecond(single))
                            : "did not complete: " + multi + "; see " + workspace.logs().resolve("multi-child.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Workspace.delete(home);
        }
    }

    private void line(String phase, int connections, BenchOptions.Many many, Map<String, String> result) {
        if (result.isEmpty()) {
            report.line("multi %s: no result", phase);
            return;
        }
        long imported = Long.parseLong(result.get("imported"));
        report.line("multi %s: %d connection(s) x %d orders, latency %d ms, %d worker(s), -Xmx%s: imported %d "
                        + "(failed runs %s) in %.1f s = %.0f orders/s; Storelink CPU %.0f ms per 1,000 orders; "
                        + "peak heap in use (sampled every 5 ms) %.1f MB, %.1f MB after GC before the phase; sum of "
                        + "heap pool peaks %.1f MB",
                phase, connections, many.orders(), many.latencyMillis(),
                phase.equals("single") ? 1 : many.workers(), many.heap(), imported, result.get("failed"),
                Long.parseLong(result.get("wallNanos")) / 1e9, ordersPerSecond(result),
                Long.parseLong(result.get("cpuNanos")) / 1e6 / (imported / 1000.0),
                megabytes(result.get("sampledPeak")), megabytes(result.get("heapBefore")),
                megabytes(result.get("heapPoolPeaks")));
    }

    private static double ordersPerSecond(Map<String, String> result) {
        return result.isEmpty() ? Double.NaN
                : Long.parseLong(result.get("imported")) / (Long.parseLong(result.get("wallNanos")) / 1e9);
    }

    private Map<String, Map<String, String>> results(Process child) throws IOException {
        Map<String, Map<String, String>> phases = new LinkedHashMap<>();
        try (BufferedReader out = SandboxFleet.Running.reader(child)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    Map<String, String> result = new LinkedHashMap<>();
                    for (String pair : line.substring(7).split(" ")) {
                        int equals = pair.indexOf('=');
                        result.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                    phases.put(result.get("phase"), result);
                }
            }
        }
        try {
            if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                child.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return phases;
    }

    private static double megabytes(String bytes) {
        return bytes == null ? Double.NaN : Long.parseLong(bytes) / (1024.0 * 1024.0);
    }
}
