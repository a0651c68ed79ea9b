package io.storelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.cli.ServeProcess;
import io.storelink.cli.Soak;
import io.storelink.core.testing.EmbeddedPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several hosts on one database (issue 15): the same workload on 1, 2 and 3 (by default) {@code storelink serve}
 * processes of the distribution sharing one embedded PostgreSQL, a fresh database and fresh stores for each count.
 * The stores are Magento 2 sandboxes with latency in one other JVM ({@link SandboxFleet}), so that a host waits on
 * its stores rather than on the 2 cores. The workload: every connection imported now once (all its orders are
 * ready), then a few ship notifications per connection posted over the API with an {@code Idempotency-Key}. The
 * harness stands in for the hosts' schedulers and a load balancer: each host is given at most {@code in-flight}
 * imports at once (the scheduler's {@code workers}), then as many notifications at once, from one queue all hosts
 * take from; the hosts' own schedulers are left with a one-day interval so that they add no runs of their own.
 * Before the measured connections, each host does the same work on a few connections of its own, not counted, so
 * that its JIT has compiled the paths (every count starts new host JVMs).
 * Reported per count: orders/s and notifications/s over the wall time of each phase, the CPU each kind of process
 * used, and the ratios against one host. Each run is checked exactly-once: every order the stores hold imported
 * once, every notification stored, sent and shipped once at its store.
 */
final class HostsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "storelink_bench";
    /** The hosts' own scheduler stays out of the way: its first run of a connection falls within a day. */
    private static final String JAVA_OPTIONS = "-Dstorelink.schedule.import-interval=1d";
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 25;
    /** Warm-up connections per host and per slot in flight, imported and notified before the measured ones. */
    private static final int WARM_UP_PER_SLOT = 2;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final Report report;
    /** The import runs the harness started in the current count, by id. */
    private final Set<Long> harnessRuns = ConcurrentHashMap.newKeySet();
    /** The runs the hosts' schedulers added in the current count (see {@link #check}). */
    private long scheduledRuns;

    HostsBench(BenchOptions options, Distribution distribution, Workspace workspace, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.report = report;
    }

    /** One count's run: each phase's wall time, the CPU used, and what went wrong (nothing in a good run). */
    private record Measured(int hosts, double importSeconds, double notifySeconds, long orders, long notifications,
                            Cpu cpu, int busyImports, int busyNotifications, long commits, long rollbacks,
                            long sessions, List<String> problems) {

        double ordersPerSecond() {
            return orders / importSeconds;
        }

        double notificationsPerSecond() {
            return notifications / notifySeconds;
        }

        double totalPerSecond() {
            return (orders + notifications) / (importSeconds + notifySeconds);
        }
    }

    void run() {
        BenchOptions.Hosts sizes = options.hosts();
        long started = System.nanoTime();
        EmbeddedPostgres server = EmbeddedPostgres.get();
        String password = UUID.randomUUID().toString();
        try (Connection admin = DriverManager.getConnection(server.url("postgres"));
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
            try (ResultSet settings = sql.executeQuery("SELECT current_setting('server_version'), "
                    + "current_setting('max_connections')")) {
                settings.next();
                report.line("hosts: embedded PostgreSQL %s (max_connections %s, fsync off) started in %.1f s; "
                                + "%d connections x %d orders, %d notifications each, latency %d ms, %d in flight "
                                + "per host", settings.getString(1), settings.getString(2),
                        (System.nanoTime() - started) / 1e9, sizes.connections(), sizes.orders(),
                        sizes.notifications(), sizes.latencyMillis(), sizes.inFlight());
            }
        } catch (SQLException e) {
            report.check("hosts: the embedded PostgreSQL", false, e.toString());
            return;
        }
        List<Measured> runs = new ArrayList<>();
        for (int hosts : sizes.counts()) {
            Measured measured;
            try {
                measured = measure(server, hosts, password);
            } catch (Exception e) {
                report.check("hosts: " + hosts + " host(s)", false, e.toString());
                continue;
            }
            runs.add(measured);
            Cpu cpu = measured.cpu();
            report.line("hosts %d: imports %.2f s = %.0f orders/s; notifications %.2f s = %.1f notifications/s; "
                            + "both %.0f items/s; CPU s: hosts %.1f, PostgreSQL %.1f, sandboxes %.1f, harness %.1f; "
                            + "machine busy %.2f of %d cores; answered busy: imports 409 x %d, notifications 503 x %d; "
                            + "database transactions committed %d, rolled back %d (serialization failures among them); "
                            + "the hosts' sessions open at the end %d",
                    measured.hosts(), measured.importSeconds(), measured.ordersPerSecond(), measured.notifySeconds(),
                    measured.notificationsPerSecond(), measured.totalPerSecond(), cpu.hosts(), cpu.postgres(),
                    cpu.sandboxes(), cpu.harness(), cpu.busyCores(), Runtime.getRuntime().availableProcessors(),
                    measured.busyImports(), measured.busyNotifications(), measured.commits(), measured.rollbacks(),
                    measured.sessions());
            report.check("hosts: " + hosts + " host(s), every order imported once and every notification sent once",
                    measured.problems().isEmpty(), measured.problems().isEmpty()
                            ? measured.orders() + " orders, " + measured.notifications() + " notifications"
                            : String.join("; ", measured.problems()));
        }
        Measured one = runs.stream().filter(run -> run.hosts() == 1).findFirst().orElse(null);
        if (one != null) {
            for (Measured run : runs) {
                if (run != one) {
                    report.line("hosts ratio %d/1: orders/s x%.2f, notifications/s x%.2f, both x%.2f (ideal x%d)",
                            run.hosts(), run.ordersPerSecond() / one.ordersPerSecond(),
                            run.notificationsPerSecond() / one.notificationsPerSecond(),
                            run.totalPerSecond() / one.totalPerSecond(), run.hosts());
                }
            }
        }
        report.line("hosts: the whole figure took %.0f s", (System.nanoTime() - started) / 1e9);
    }

    private Measured measure(EmbeddedPostgres server, int count, String password) throws Exception {
        BenchOptions.Hosts sizes = options.hosts();
        harnessRuns.clear();
        scheduledRuns = 0;
        String database = "bench_hosts_" + count + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server.url("postgres"));
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " OWNER " + USER);
        }
        String url = server.url(database).replaceFirst("\\?.*$", "");
        Soak.Cluster cluster = new Soak.Cluster(count, url, USER, password, 0, LEASE, REQUEST_TIMEOUT);
        Path home = workspace.newDirectory("hosts");
        List<ServeProcess> started = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        boolean keepLogs = true;
        // The measured connections first, then each host's warm-up connections.
        int warm = WARM_UP_PER_SLOT * sizes.inFlight() * count;
        int all = sizes.connections() + warm;
        try (SandboxFleet.Running fleet = SandboxFleet.start(workspace, List.of(Integer.toString(all), "0",
                Long.toString(options.seed()), Integer.toString(sizes.latencyMillis()),
                Integer.toString(sizes.orders())), "hosts-fleet-" + count + ".log");
             FloorClient stores = new FloorClient(SandboxProcess.TOKEN)) {
            List<ServeProcess> hosts = Soak.startCluster(distribution.root(), home, cluster, JAVA_OPTIONS, http,
                    started);
            for (int index = 0; index < all; index++) {
                Soak.addConnection(hosts.get(0), name(index), fleet.urls().get(index), SandboxProcess.TOKEN);
            }
            List<String> problems = new CopyOnWriteArrayList<>();
            AtomicInteger busyImports = new AtomicInteger();
            AtomicInteger busyNotifications = new AtomicInteger();
            List<List<ShipBench.Target>> targets = new ArrayList<>(java.util.Collections.nCopies(all, List.of()));
            // Not counted: the same work on connections of their own, so that each host's JIT has compiled it.
            workload(hosts, sizes.connections(), warm, targets, busyImports, busyNotifications, problems);
            busyImports.set(0);
            busyNotifications.set(0);

            long[] transactionsBefore = transactions(cluster, database);
            Cpu.Snapshot before = Cpu.snapshot(hosts, fleet);
            long[] phases = workload(hosts, 0, sizes.connections(), targets, busyImports, busyNotifications,
                    problems);
            Cpu cpu = Cpu.between(before, Cpu.snapshot(hosts, fleet));
            // PostgreSQL's backends report their counts at most every half second.
            Thread.sleep(1500);
            long[] transactionsAfter = transactions(cluster, database);
            long sessions = transactionsAfter[2] - 1;

            check(cluster, fleet, stores, targets, problems);
            if (scheduledRuns > 0) {
                report.line("hosts %d: the hosts' schedulers added %d import run(s) of their own (their first run of a "
                        + "connection falls within a day); every order is still imported once", count, scheduledRuns);
            }
            keepLogs = !problems.isEmpty();
            return new Measured(count, phases[0] / 1e9, phases[1] / 1e9, (long) sizes.connections() * sizes.orders(),
                    (long) sizes.connections() * sizes.notifications(), cpu, busyImports.get(),
                    busyNotifications.get(), transactionsAfter[0] - transactionsBefore[0],
                    transactionsAfter[1] - transactionsBefore[1], sessions, List.copyOf(problems));
        } finally {
            started.forEach(ServeProcess::close);
            if (!keepLogs) {
                Workspace.delete(home);
            }
        }
    }

    /**
     * The workload on connections {@code first .. first + connections - 1}: each imported now, then the first
     * orders of each notified, each phase spread over the hosts.
     *
     * @param targets filled in: the orders notified, by connection
     * @return the wall nanoseconds of the imports and of the notifications
     */
    private long[] workload(List<ServeProcess> hosts, int first, int connections,
                            List<List<ShipBench.Target>> targets, AtomicInteger busyImports,
                            AtomicInteger busyNotifications, List<String> problems) throws Exception {
        int inFlight = options.hosts().inFlight();
        int each = options.hosts().notifications();
        long start = System.nanoTime();
        spread(hosts, inFlight, connections, (host, item) -> importNow(host, first + item, busyImports, harnessRuns,
                problems), problems);
        long imported = System.nanoTime();
        // Which orders to notify (not timed): the first of each connection, as the API lists them.
        for (int index = first; index < first + connections; index++) {
            targets.set(index, firstOrders(hosts.get(0), index, each));
        }
        long notifying = System.nanoTime();
        spread(hosts, inFlight, connections * each, (host, item) -> {
            int connection = first + item / each;
            notify(host, connection, targets.get(connection).get(item % each), busyNotifications, problems);
        }, problems);
        return new long[] {imported - start, System.nanoTime() - notifying};
    }

    /** A piece of the workload, done on one host. */
    private interface Work {
        void on(ServeProcess host, int item) throws Exception;
    }

    /**
     * Does items {@code 0 .. items - 1} with {@code inFlight} threads per host, all taking the next item from one
     * queue, so a faster host takes more; returns when all are done.
     */
    private static void spread(List<ServeProcess> hosts, int inFlight, int items, Work work, List<String> problems)
            throws InterruptedException {
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int item = 0; item < items; item++) {
            queue.add(item);
        }
        ExecutorService threads = Executors.newFixedThreadPool(hosts.size() * inFlight);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ServeProcess host : hosts) {
                for (int thread = 0; thread < inFlight; thread++) {
                    running.add(threads.submit(() -> {
                        for (Integer item = queue.poll(); item != null; item = queue.poll()) {
                            try {
                                work.on(host, item);
                            } catch (Exception e) {
                                problems.add(host + " item " + item + ": " + e);
                            }
                        }
                    }));
                }
            }
            for (Future<?> each : running) {
                each.get(30, TimeUnit.MINUTES);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            problems.add("the workload did not finish: " + e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Imports a connection now on a host and waits for the run to end; asks again while it answers 409 busy. */
    private static void importNow(ServeProcess host, int connection, AtomicInteger busy, Set<Long> runs,
                                  List<String> problems) throws IOException, InterruptedException {
        String path = "/api/connections/" + name(connection) + "/imports";
        HttpResponse<String> started = host.send("POST", path, "", null);
        while (started.statusCode() == 409) {
            busy.incrementAndGet();
            Thread.sleep(100);
            started = host.send("POST", path, "", null);
        }
        if (started.statusCode() != 202) {
            problems.add("import of " + name(connection) + " on " + host + ": " + started.statusCode() + " "
                    + started.body());
            return;
        }
        long id = JSON.readTree(started.body()).get("id").asLong();
        runs.add(id);
        String run = path + "/" + id;
        String result = "running";
        while ("running".equals(result)) {
            Thread.sleep(POLL_MILLIS);
            result = JSON.readTree(host.send("GET", run, null, null).body()).path("result").asText();
        }
        if (!"succeeded".equals(result)) {
            problems.add("import of " + name(connection) + " on " + host + " ended " + result);
        }
    }

    /** @return the first {@code count} orders of a connection, as the API lists them */
    private static List<ShipBench.Target> firstOrders(ServeProcess host, int connection, int count)
            throws IOException, InterruptedException {
        List<ShipBench.Target> targets = new ArrayList<>();
        if (count == 0) {
            return targets;
        }
        HttpResponse<String> page = host.send("GET", "/api/connections/" + name(connection) + "/orders?limit="
                + count, null, null);
        for (JsonNode order : JSON.readTree(page.body()).path("orders")) {
            targets.add(new ShipBench.Target(Long.parseLong(order.get("platformOrderId").asText()),
                    order.get("orderNumber").asText()));
        }
        if (targets.size() != count) {
            throw new IllegalStateException(name(connection) + " lists " + targets.size() + " orders, not " + count
                    + ": " + page.statusCode() + " " + page.body());
        }
        return targets;
    }

    /**
     * Posts one notification (everything left, one UPS tracking number) with an Idempotency-Key, and posts it
     * again with that key while the host answers 503 (the database busy; nothing stored).
     */
    private static void notify(ServeProcess host, int connection, ShipBench.Target target, AtomicInteger busy,
                               List<String> problems) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("order", target.incrementId());
        body.putArray("tracking").addObject().put("carrier", "ups").put("number", "1ZBENCH" + target.entityId());
        String path = "/api/connections/" + name(connection) + "/shipments";
        String key = name(connection) + "/" + target.incrementId();
        HttpResponse<String> answer = host.send("POST", path, body.toString(), key);
        while (answer.statusCode() == 503) {
            busy.incrementAndGet();
            Thread.sleep(100);
            answer = host.send("POST", path, body.toString(), key);
        }
        if (answer.statusCode() != 201 || !"sent".equals(JSON.readTree(answer.body()).path("state").asText())) {
            problems.add("notification " + key + " on " + host + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Exactly once: the database against the stores. Every order a store holds imported once into its connection
     * and nothing else, one run of the harness per connection (and any run a scheduler added succeeded), every
     * notification one sent outbox row and one shipment at its store, and no other shipment there.
     */
    private void check(Soak.Cluster cluster, SandboxFleet.Running fleet, FloorClient stores,
                       List<List<ShipBench.Target>> targets, List<String> problems) throws SQLException {
        Map<String, Long> imported = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(cluster.url(), cluster.user(), cluster.password());
             Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT c.name, COUNT(*), COUNT(DISTINCT o.platform_order_id) "
                    + "FROM imported_order o JOIN connection c ON c.id = o.connection_id GROUP BY c.name")) {
                while (rows.next()) {
                    imported.put(rows.getString(1), rows.getLong(2));
                    if (rows.getLong(2) != rows.getLong(3)) {
                        problems.add(rows.getString(1) + ": " + (rows.getLong(2) - rows.getLong(3))
                                + " orders imported twice");
                    }
                }
            }
            // The harness's runs: one per connection, each succeeded. A host's scheduler may add a run of its own
            // (its first run of a connection falls at a random moment within a day, so now and then within the
            // figure): such a run must have succeeded too, and is reported; the orders are checked once either way.
            long harnessSucceeded = 0;
            long scheduled = 0;
            try (ResultSet rows = sql.executeQuery("SELECT id, result FROM import_run")) {
                while (rows.next()) {
                    boolean succeeded = "succeeded".equals(rows.getString(2));
                    if (harnessRuns.contains(rows.getLong(1))) {
                        harnessSucceeded += succeeded ? 1 : 0;
                    } else {
                        scheduled++;
                    }
                    if (!succeeded) {
                        problems.add("import run " + rows.getLong(1) + " ended " + rows.getString(2));
                    }
                }
            }
            if (harnessSucceeded != targets.size() || harnessRuns.size() != targets.size()) {
                problems.add(harnessSucceeded + " of the harness's " + harnessRuns.size() + " import runs succeeded, "
                        + "for " + targets.size() + " connections");
            }
            scheduledRuns = scheduled;
            long notifications = targets.stream().mapToLong(List::size).sum();
            long rows = count(sql, "SELECT COUNT(*) FROM shipment");
            long sent = count(sql, "SELECT COUNT(*) FROM shipment WHERE state = 'sent'");
            if (rows != notifications || sent != notifications) {
                problems.add("outbox: " + rows + " rows, " + sent + " sent, for " + notifications + " notifications");
            }
        }
        // Three searches per store at its latency: 16 stores at once (the client's pool), not one after another.
        ExecutorService checks = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int index = 0; index < targets.size(); index++) {
                int store = index;
                done.add(checks.submit(() -> checkStore(fleet, stores, store, targets.get(store),
                        imported.getOrDefault(name(store), 0L), problems)));
            }
            for (Future<?> each : done) {
                each.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            problems.add("checking the stores: " + e);
        } finally {
            checks.shutdownNow();
        }
    }

    /** One store against the database: its orders all imported, each notified order shipped once, nothing else. */
    private static void checkStore(SandboxFleet.Running fleet, FloorClient stores, int index,
                                   List<ShipBench.Target> notified, long imported, List<String> problems) {
        String rest = fleet.urls().get(index) + "/rest/V1";
        long onStore = total(stores, rest + "/orders?");
        if (imported != onStore) {
            problems.add(name(index) + ": " + imported + " orders imported, the store holds " + onStore);
        }
        String shippedOnce = ShipBench.checkOneShipmentEach(stores, rest, notified);
        if (!shippedOnce.isEmpty()) {
            problems.add(name(index) + ": " + shippedOnce);
        }
        long shipments = total(stores, rest + "/shipments?");
        if (shipments != notified.size()) {
            problems.add(name(index) + ": the store has " + shipments + " shipments for " + notified.size()
                    + " notifications");
        }
    }

    /**
     * @return the database's committed and rolled back transactions so far, as PostgreSQL counts them, and the
     *         sessions open on it (this one among them)
     */
    private static long[] transactions(Soak.Cluster cluster, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.url(), cluster.user(), cluster.password());
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT xact_commit, xact_rollback, (SELECT COUNT(*) FROM "
                     + "pg_stat_activity WHERE datname = d.datname) FROM pg_stat_database d WHERE datname = '"
                     + database + "'")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
        }
    }

    /** @return a store's {@code total_count} of a search with no filter */
    private static long total(FloorClient stores, String search) {
        return ShipBench.read(stores.getText(search + ShipBench.encodeQuery("searchCriteria[pageSize]=1")))
                .path("total_count").asLong();
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String name(int index) {
        return "hosts-" + index;
    }

    /**
     * CPU seconds over the measured phases by kind of process: the hosts (each {@code bin/storelink} and what it
     * runs), the PostgreSQL server and its backends, the sandboxes' JVM, this harness; and how busy the machine was.
     */
    record Cpu(double hosts, double postgres, double sandboxes, double harness, double busyCores) {

        /** CPU nanoseconds by process id, the harness's own, and the machine's busy and total jiffies. */
        record Snapshot(Map<Long, Long> hosts, Map<Long, Long> postgres, long sandboxes, long harness, long busy,
                        long total) {
        }

        static Snapshot snapshot(List<ServeProcess> hosts, SandboxFleet.Running fleet) {
            Map<Long, Long> hostCpu = new HashMap<>();
            for (ServeProcess host : hosts) {
                ProcessHandle.of(host.pid()).ifPresent(handle -> {
                    put(hostCpu, handle);
                    handle.descendants().forEach(child -> put(hostCpu, child));
                });
            }
            Map<Long, Long> postgres = new HashMap<>();
            ProcessHandle.current().descendants()
                    .filter(process -> process.info().command().map(command -> command.endsWith("/postgres"))
                            .orElse(false) || process.info().commandLine().map(line -> line.contains("postgres:"))
                            .orElse(false))
                    .forEach(process -> put(postgres, process));
            long[] machine = machine();
            return new Snapshot(hostCpu, postgres, fleet.cpuNanos(),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime(), machine[0], machine[1]);
        }

        static Cpu between(Snapshot before, Snapshot after) {
            double busyShare = after.total() == before.total() ? Double.NaN
                    : (double) (after.busy() - before.busy()) / (after.total() - before.total());
            return new Cpu(delta(before.hosts(), after.hosts()), delta(before.postgres(), after.postgres()),
                    (after.sandboxes() - before.sandboxes()) / 1e9, (after.harness() - before.harness()) / 1e9,
                    busyShare * Runtime.getRuntime().availableProcessors());
        }

        private static void put(Map<Long, Long> cpu, ProcessHandle process) {
            process.info().totalCpuDuration().ifPresent(used -> cpu.put(process.pid(), used.toNanos()));
        }

        private static double delta(Map<Long, Long> before, Map<Long, Long> after) {
            long nanos = 0;
            for (Map.Entry<Long, Long> process : after.entrySet()) {
                nanos += process.getValue() - before.getOrDefault(process.getKey(), 0L);
            }
            return nanos / 1e9;
        }

        /** @return the machine's busy and total jiffies since boot, from /proc/stat's cpu line */
        private static long[] machine() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int field = 1; field < fields.length && field <= 8; field++) {
                    total += Long.parseLong(fields[field]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }
}
