package io.storelink.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code bench/run} was asked to measure.
 *
 * @param orders orders imported per import run
 * @param latenciesMillis the sandbox latencies the import is measured at
 * @param runs measured import runs per latency (the median is reported)
 * @param warmups uncounted runs before them
 * @param memoryOrders orders the memory figure imports
 * @param memoryHeap the memory figure's -Xmx
 * @param shipments ship notifications per ship run
 * @param shipConcurrency notifications in flight at once, for the outbox and for the floor
 * @param shipLatencyMillis the sandbox latency of the ship figure
 * @param shipRuns measured runs of the ship figure (each needs fresh sandboxes, so fewer)
 * @param startupRuns measured runs per start-up variant
 * @param seed the sandbox generator's seed
 * @param figures which figures to measure: import, memory, ship, startup
 * @param distribution the built distribution
 * @param workDirectory where homes, logs and batch files go
 * @param baselinePlugins a plugins directory holding an earlier build of the Magento 2 plugin, imported in the same
 *        runs as this one for a before/after figure; {@code null} for none
 * @param many the sizes of the many-connections figures (multi, soak)
 * @param hosts the sizes of the several-hosts figure
 */
record BenchOptions(int orders, List<Integer> latenciesMillis, int runs, int warmups, int memoryOrders,
                    String memoryHeap, int shipments, int shipConcurrency, int shipLatencyMillis, int shipRuns,
                    int startupRuns,
                    long seed, Set<String> figures, Path distribution, Path workDirectory, Path baselinePlugins,
                    Many many, Hosts hosts) {

    /**
     * The many-connections figures (issue 13), measured only when named in {@code --only}.
     *
     * @param connections connections imported at once by the multi figure
     * @param orders orders per connection
     * @param latencyMillis the sandboxes' latency
     * @param workers imports running at once (storelink.schedule.workers; the scheduler's default is 4)
     * @param heap -Xmx of the multi figure's child JVM
     * @param soakConnections connections of the long soak
     * @param soakRounds rounds of the long soak
     * @param soakOrders orders each soak sandbox starts with
     */
    record Many(int connections, int orders, int latencyMillis, int workers, String heap, int soakConnections,
                int soakRounds, int soakOrders) {
    }


    /**
     * The several-hosts figure (issue 15), measured only when named in {@code --only}: the same workload on 1, 2, 3
     * {@code storelink serve} processes sharing one PostgreSQL database.
     *
     * @param counts how many hosts, one measured run each
     * @param connections connections, one sandbox each
     * @param orders orders ready to import per connection
     * @param notifications ship notifications per connection, posted after its import
     * @param latencyMillis the sandboxes' latency per request
     * @param inFlight imports, and notifications, each host is given at once (the scheduler's workers)
     */
    record Hosts(List<Integer> counts, int connections, int orders, int notifications, int latencyMillis,
                 int inFlight) {
    }

    static final String USAGE = """
            usage: bench/run [options]
              --orders N             orders per import run (default 10000)
              --latencies A,B        sandbox latency per request in ms for the import (default 0,20)
              --runs N               measured import runs per latency; the median is reported (default 7)
              --warmups N            uncounted runs first (default 2)
              --memory-orders N      orders imported under the heap limit (default 100000)
              --memory-heap SIZE     -Xmx of the memory child JVM (default 128m)
              --shipments N          ship notifications per ship run (default 1000)
              --ship-concurrency N   notifications in flight at once (default 4, the CLI's default)
              --ship-latency MS      sandbox latency for the ship figure (default 20)
              --ship-runs N          measured ship runs (default 3)
              --startup-runs N       measured runs per start-up figure (default 9)
              --seed N               sandbox seed (default 42)
              --only LIST            some of import,memory,ship,startup (default all of these four), and
                                     multi, soak (the many-connections figures), hosts (several hosts on one
                                     PostgreSQL); those three are measured only when named
              --multi-connections N  connections imported at once by multi (default 100)
              --multi-orders N       orders per connection (default 1000)
              --multi-latency MS     sandbox latency for multi and soak (default 20)
              --multi-workers N      imports at once, as storelink.schedule.workers (default 4)
              --multi-heap SIZE      -Xmx of the multi child JVM (default 512m)
              --soak-connections N   connections of the soak (default 50)
              --soak-rounds N        rounds of new orders and notifications (default 10)
              --soak-orders N        orders each soak sandbox starts with (default 300)
              --hosts LIST           host counts of the hosts figure (default 1,2,3)
              --hosts-connections N  connections of the hosts figure (default 100)
              --hosts-orders N       orders ready to import per connection (default 200)
              --hosts-notifications N  ship notifications per connection (default 10)
              --hosts-latency MS     sandbox latency for the hosts figure (default 200)
              --hosts-in-flight N    imports and notifications each host is given at once (default 4)
              --distribution DIR     the built distribution (default cli-host/target/storelink)
              --work DIR             scratch directory (default bench/target/work)
              --baseline-plugins DIR a plugins directory with an earlier Magento 2 plugin archive, imported in the
                                     same runs for a before/after ratio (bench/run builds one: BENCH_BASELINE)""";

    static BenchOptions parse(String[] args) {
        int orders = 10_000;
        List<Integer> latencies = List.of(0, 20);
        int runs = 7;
        int warmups = 2;
        int memoryOrders = 100_000;
        String memoryHeap = "128m";
        int shipments = 1_000;
        int shipConcurrency = 4;
        int shipLatency = 20;
        int shipRuns = 3;
        int startupRuns = 9;
        long seed = 42;
        Set<String> figures = new LinkedHashSet<>(List.of("import", "memory", "ship", "startup"));
        Path distribution = Path.of("cli-host/target/storelink");
        Path work = Path.of("bench/target/work");
        Path baseline = null;
        int multiConnections = 100;
        int multiOrders = 1_000;
        int multiLatency = 20;
        int multiWorkers = 4;
        String multiHeap = "512m";
        int soakConnections = 50;
        int soakRounds = 10;
        int soakOrders = 300;
        List<Integer> hostCounts = List.of(1, 2, 3);
        int hostsConnections = 100;
        int hostsOrders = 200;
        int hostsNotifications = 10;
        int hostsLatency = 200;
        int hostsInFlight = 4;
        for (int index = 0; index < args.length; index++) {
            String option = args[index];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (index + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++index];
            switch (option) {
                case "--orders" -> orders = positive(option, value);
                case "--latencies" -> latencies = Arrays.stream(value.split(",")).map(String::trim)
                        .map(text -> nonNegative(option, text)).toList();
                case "--runs" -> runs = positive(option, value);
                case "--warmups" -> warmups = nonNegative(option, value);
                case "--memory-orders" -> memoryOrders = positive(option, value);
                case "--memory-heap" -> memoryHeap = value;
                case "--shipments" -> shipments = positive(option, value);
                case "--ship-concurrency" -> shipConcurrency = positive(option, value);
                case "--ship-latency" -> shipLatency = nonNegative(option, value);
                case "--ship-runs" -> shipRuns = positive(option, value);
                case "--startup-runs" -> startupRuns = positive(option, value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--only" -> figures = new LinkedHashSet<>(new ArrayList<>(Arrays.stream(value.split(","))
                        .map(String::trim).toList()));
                case "--distribution" -> distribution = Path.of(value);
                case "--work" -> work = Path.of(value);
                case "--baseline-plugins" -> baseline = Path.of(value).toAbsolutePath();
                case "--multi-connections" -> multiConnections = positive(option, value);
                case "--multi-orders" -> multiOrders = positive(option, value);
                case "--multi-latency" -> multiLatency = nonNegative(option, value);
                case "--multi-workers" -> multiWorkers = positive(option, value);
                case "--multi-heap" -> multiHeap = value;
                case "--soak-connections" -> soakConnections = positive(option, value);
                case "--soak-rounds" -> soakRounds = positive(option, value);
                case "--soak-orders" -> soakOrders = positive(option, value);
                case "--hosts" -> hostCounts = Arrays.stream(value.split(",")).map(String::trim)
                        .map(text -> positive(option, text)).toList();
                case "--hosts-connections" -> hostsConnections = positive(option, value);
                case "--hosts-orders" -> hostsOrders = positive(option, value);
                case "--hosts-notifications" -> hostsNotifications = nonNegative(option, value);
                case "--hosts-latency" -> hostsLatency = nonNegative(option, value);
                case "--hosts-in-flight" -> hostsInFlight = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        return new BenchOptions(orders, latencies, runs, warmups, memoryOrders, memoryHeap, shipments,
                shipConcurrency, shipLatency, shipRuns, startupRuns, seed, Set.copyOf(figures),
                distribution.toAbsolutePath(),
                work.toAbsolutePath(), baseline, new Many(multiConnections, multiOrders, multiLatency, multiWorkers,
                multiHeap, soakConnections, soakRounds, soakOrders), new Hosts(hostCounts, hostsConnections,
                hostsOrders, hostsNotifications, hostsLatency, hostsInFlight));
    }

    boolean wants(String figure) {
        return figures.contains(figure);
    }

    private static int positive(String option, String value) {
        int number = nonNegative(option, value);
        if (number == 0) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return number;
    }

    private static int nonNegative(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value);
        }
    }
}
