package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import io.storelink.sandbox.Order;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded soak of {@code storelink serve}: the real distribution as a process, many Magento 2 sandboxes with
 * latency in this JVM, connections added over the API, new orders arriving and ship notifications posted (with an
 * Idempotency-Key) round after round, the server killed with SIGKILL halfway and started again on the same home.
 * With a {@link Cluster}, several {@code serve} processes share one PostgreSQL database instead: the rounds' calls
 * go to each live host in turn, the first host is killed for good (the others take its work over), and the second
 * is paused with SIGSTOP while it holds work until the others took that work over, then resumed.
 * Imports are started with <em>import now</em> ({@code POST …/imports}) each round, so the soak does not wait for
 * the scheduler's interval (at least a minute); the server runs with the shortest interval, so once {@code serve}
 * runs the scheduler, its runs and outbox drain go on beside the soak's and must not break the counts either.
 *
 * <p>{@link #run} does not assert; it returns what it counted from the sandboxes and the database, and
 * {@code SoakIT} and the bench's soak figure judge it. Shared by both (the bench puts this module's test jar on its
 * class path), so it uses no test library.
 */
public final class Soak {

    static final String TOKEN = "soak-a1b2c3d4e5f6g7h8";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The environment variable that carries the database password to each host, named by {@code ${env:…}}. */
    private static final String PASSWORD_VARIABLE = "SOAK_DATABASE_PASSWORD";

    /**
     * @param connections connections, one sandbox each
     * @param initialOrders orders each sandbox starts with (its processing ones are ready to import)
     * @param rounds rounds of new orders, imports and notifications
     * @param newOrdersPerRound orders added to each sandbox per round (invoiced, so ready to import and ship)
     * @param latencyMillis each sandbox's latency per request
     * @param killAfterRound the server is killed with SIGKILL while this round's requests are in flight
     * @param seed the first sandbox's seed; the others follow
     * @param maxLatencyMillis the slowest sandbox's latency; the others spread from {@code latencyMillis} to it
     */
    public record Options(int connections, int initialOrders, int rounds, int newOrdersPerRound, int latencyMillis,
                          int killAfterRound, long seed, int maxLatencyMillis) {

        /** Every sandbox with the same latency. */
        public Options(int connections, int initialOrders, int rounds, int newOrdersPerRound, int latencyMillis,
                       int killAfterRound, long seed) {
            this(connections, initialOrders, rounds, newOrdersPerRound, latencyMillis, killAfterRound, seed,
                    latencyMillis);
        }
    }

    /**
     * Several hosts on one PostgreSQL database, with a key file they share (each host's own key could not read the
     * tokens another stored). The first host is killed in round {@code killAfterRound} and not started again; the
     * second is paused in {@code pauseAfterRound} while it holds work.
     *
     * @param hosts how many {@code serve} processes
     * @param url the database, as each host's {@code storelink.database.url}, without credentials
     * @param user the database user
     * @param password the user's password; it reaches the hosts as {@code ${env:SOAK_DATABASE_PASSWORD}}
     * @param pauseAfterRound the round in which the second host is paused
     * @param lease each host's {@code storelink.lease.duration}
     * @param requestTimeout each host's {@code storelink.request-timeout}; a notification is sent only under a lease
     *        that outlasts it by a margin
     */
    public record Cluster(int hosts, String url, String user, String password, int pauseAfterRound, Duration lease,
                          Duration requestTimeout) {
    }

    /**
     * What happened to the host paused while it held work.
     *
     * @param held the rows it held when it stopped, as its leases name them ({@code import run 12},
     *        {@code shipment 7})
     * @param pausedFor how long it was stopped
     * @param stillHeld of those, the rows it still held when resumed: not taken over
     * @param refusedInLog of those, the rows its log says were taken over and its late write refused
     * @param answeredAfterPause notifications it was handling when paused that did not end as sent, posted again to
     *        another host with the same key
     */
    public record Pause(List<String> held, Duration pausedFor, List<String> stillHeld, List<String> refusedInLog,
                        long answeredAfterPause) {
    }

    /**
     * What the soak counted. Every count of a problem is zero in a good run.
     *
     * @param expectedOrders orders ready to import over all sandboxes (processing at the start, plus those added)
     * @param importedRows rows in {@code imported_order}
     * @param duplicateRows rows beyond the first for one order of one connection
     * @param missingOrders ready orders not imported
     * @param unexpectedOrders imported orders that were not ready
     * @param notificationsPosted distinct notifications posted (each once, or again with its key after no answer)
     * @param reposted notifications posted again with the same key because the kill cut their answer off
     * @param outboxRows rows in the outbox ({@code shipment})
     * @param outboxSent of those, sent
     * @param storeShipments shipments the sandboxes recorded for the orders the soak notified about
     * @param ordersNotShippedOnce notified orders whose sandbox has no shipment or more than one
     * @param importRuns import runs started over the API (202)
     * @param elapsed the whole soak, from the first server start to the last count
     * @param killedRunsLeftRunning import runs the kill left {@code running} (before the restart)
     * @param problems anything else that went wrong, in words
     * @param pause what the paused host did, or {@code null} without a {@link Cluster}
     * @param notSyncedSinceResume connections without a succeeded import started after the paused host resumed
     * @param hostsNotReady live hosts whose {@code /health/ready} did not answer 200 at the end, with the answer
     * @param answeredBusy notifications answered 503 (the database busy, nothing stored), posted again with their key
     */
    public record Result(long expectedOrders, long importedRows, long duplicateRows, long missingOrders,
                         long unexpectedOrders, long notificationsPosted, long reposted, long outboxRows,
                         long outboxSent, long storeShipments, long ordersNotShippedOnce, long importRuns,
                         Duration elapsed, long killedRunsLeftRunning, List<String> problems, Pause pause,
                         List<String> notSyncedSinceResume, List<String> hostsNotReady, long answeredBusy) {

        /** @return true when every order was imported once and every notification sent once */
        public boolean exactlyOnce() {
            return duplicateRows == 0 && missingOrders == 0 && unexpectedOrders == 0 && importedRows == expectedOrders
                    && outboxRows == notificationsPosted && outboxSent == notificationsPosted
                    && storeShipments == notificationsPosted && ordersNotShippedOnce == 0 && problems.isEmpty();
        }
    }

    private final Path distribution;
    private final Path home;
    private final Options options;
    private final Cluster cluster;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** The hosts that run, in the order the rounds call them. */
    private final List<ServeProcess> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ServeProcess> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<MagentoSandbox> sandboxes = new ArrayList<>();
    private final List<Set<String>> expected = new ArrayList<>();
    private final List<Set<String>> added = new ArrayList<>();
    /** Per connection: order number to the notification's body, once posted. */
    private final List<Map<String, String>> posted = new ArrayList<>();
    /** Per connection: order number to entity id, for the notified orders. */
    private final List<Map<String, Long>> notifiedIds = new ArrayList<>();
    /** Notifications (by key) posted and not answered yet, or answered by a host paused meanwhile not as sent. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger answeredAfterPause = new AtomicInteger();
    private final AtomicInteger answeredBusy = new AtomicInteger();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger importRuns = new AtomicInteger();
    private final AtomicInteger reposted = new AtomicInteger();
    private Instant start;
    private Pause pause;
    private ServeProcess paused;
    private Instant resumedAt;

    private Soak(Path distribution, Path home, Options options, Cluster cluster, PrintStream log) {
        this.distribution = distribution;
        this.home = home;
        this.options = options;
        this.cluster = cluster;
        this.log = log;
    }

    /**
     * Runs the soak and counts.
     *
     * @param distribution the built distribution ({@code bin/storelink}, {@code plugins/})
     * @param home a fresh home directory for the server
     * @param options how big
     * @param log progress lines go here
     */
    public static Result run(Path distribution, Path home, Options options, PrintStream log) throws Exception {
        return run(distribution, home, options, null, log);
    }

    /**
     * Runs the soak on several hosts sharing a database, and counts.
     *
     * @param home a fresh directory: each host's home ({@code host-1}, …) and the shared key file go in it
     * @param cluster the hosts and their database, or {@code null} for one host on SQLite in {@code home}
     */
    public static Result run(Path distribution, Path home, Options options, Cluster cluster, PrintStream log)
            throws Exception {
        Soak soak = new Soak(distribution, home, options, cluster, log);
        try {
            Result result = soak.soak();
            log.println("soak: " + result);
            return result;
        } finally {
            soak.close();
        }
    }

    private Result soak() throws Exception {
        for (int index = 0; index < options.connections(); index++) {
            MagentoSandbox sandbox = MagentoSandbox.builder().seed(options.seed() + index)
                    .orderCount(options.initialOrders()).token(TOKEN, Acl.ALL)
                    .latency(latency(index)).build().start();
            sandboxes.add(sandbox);
            Set<String> ready = ConcurrentHashMap.newKeySet();
            sandbox.store().orders().stream().filter(order -> "processing".equals(order.status()))
                    .forEach(order -> ready.add(Long.toString(order.entityId())));
            expected.add(ready);
            added.add(ConcurrentHashMap.newKeySet());
            posted.add(new ConcurrentHashMap<>());
            notifiedIds.add(new ConcurrentHashMap<>());
        }
        start = Instant.now();
        startHosts();
        for (int index = 0; index < options.connections(); index++) {
            addConnection(live.get(0), name(index), sandboxes.get(index).baseUrl().toString(), TOKEN);
        }
        log.printf("soak: %d connections added over %s, %d orders ready, %d host(s)%n", options.connections(),
                live.get(0), expectedCount(), live.size());

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, options.connections()));
        long killedRunning = -1;
        try {
            for (int round = 1; round <= options.rounds(); round++) {
                List<Future<?>> work = new ArrayList<>();
                List<ServeProcess> hosts = List.copyOf(live);
                boolean pausing = cluster != null && round == cluster.pauseAfterRound();
                if (round == options.killAfterRound() || pausing) {
                    // Every store answers slowly from now on, so what the host about to be killed or paused is doing
                    // is still waiting for a store when that comes, however fast the machine is: the bursts' runs,
                    // and this round's imports and notifications.
                    sandboxes.forEach(sandbox -> sandbox.setLatency(Duration.ofMillis(500)));
                }
                for (int index = 0; index < options.connections(); index++) {
                    int connection = index;
                    ServeProcess host = hosts.get((connection + round) % hosts.size());
                    work.add(pool.submit(() -> {
                        round(host, connection);
                        return null;
                    }));
                }
                if (round == options.killAfterRound()) {
                    // Killed right after a burst's import now (a 202 means a run is recorded running, at a slow
                    // store), while a notification waits for its store.
                    ServeProcess victim = live.get(0);
                    awaitNotificationInFlight(victim);
                    burst(victim);
                    awaitNotificationInFlight(victim);
                    victim.kill();
                    killedRunning = count("SELECT COUNT(*) FROM import_run WHERE result = 'running' AND "
                            + "lease_owner LIKE '" + victim.pid() + "@%'");
                    restoreLatency();
                    awaitAll(work);
                    log.printf("soak: killed %s in round %d; %d runs left running, %d notifications without an "
                            + "answer%n", victim, round, killedRunning, unanswered.size());
                    live.remove(victim);
                    if (cluster == null) {
                        startHosts();
                    }
                } else if (pausing) {
                    // Paused right after a burst of import now, while a notification waits for its store.
                    ServeProcess host = live.get(0);
                    awaitNotificationInFlight(host);
                    burst(host);
                    pause = pauseWhileHolding(host, live.get(live.size() - 1));
                    awaitAll(work);
                } else {
                    awaitAll(work);
                }
                repostUnanswered(pool);
                log.printf("soak: round %d done at %s; %d notifications posted%n", round,
                        Duration.between(start, Instant.now()), postedCount());
            }
            finish(pool);
            awaitOutboxSent();
        } finally {
            pool.shutdownNow();
        }
        return count(killedRunning);
    }

    /** One connection's round on one host: new orders, import now, then a notification for each new order imported. */
    private void round(ServeProcess host, int connection) throws Exception {
        addOrders(connection, options.newOrdersPerRound());
        try {
            importOnce(host, connection);
            for (JsonNode order : importedNewOrders(host, connection)) {
                String number = order.get("orderNumber").asText();
                if (posted.get(connection).containsKey(number)) {
                    continue;
                }
                ObjectNode body = JSON.createObjectNode().put("order", number);
                body.putArray("tracking").addObject().put("carrier", "ups").put("number", "1Z" + number);
                posted.get(connection).put(number, body.toString());
                notifiedIds.get(connection).put(number, Long.parseLong(order.get("platformOrderId").asText()));
                notify(host, connection, number, false);
            }
        } catch (IOException killed) {
            // The server went away under this round; the counts at the end tell whether anything was lost.
        }
    }

    /** Places orders that are ready to import and to ship (invoiced, one simple line). */
    private void addOrders(int connection, int count) {
        for (int order = 0; order < count; order++) {
            Order placed = sandboxes.get(connection).store()
                    .addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 2)).asInvoiced());
            expected.get(connection).add(Long.toString(placed.entityId()));
            added.get(connection).add(Long.toString(placed.entityId()));
        }
    }

    /**
     * Posts the notification of an order to a host with its Idempotency-Key; the host answers once it was sent. Until
     * answered it is listed as unanswered, by host: a killed host never answers. It stays listed, to be posted again
     * with its key, when the host answers 503 (the database was busy; nothing was stored), or when the host was paused
     * meanwhile and answers that it was not sent (its lease was taken over).
     *
     * @param again whether it was posted before without an answer: then any stored state will do (another host may
     *        be sending it), the counts at the end tell whether it was sent once
     */
    private void notify(ServeProcess host, int connection, String number, boolean again)
            throws IOException, InterruptedException {
        String key = name(connection) + "/" + number;
        String listed = host.name() + ":" + key;
        unanswered.add(listed);
        Instant posting = Instant.now();
        HttpResponse<String> answer = host.send("POST", "/api/connections/" + name(connection) + "/shipments",
                posted.get(connection).get(number), key);
        boolean sent = answer.statusCode() == 201
                && (again || "sent".equals(JSON.readTree(answer.body()).path("state").asText()));
        // The database busy through every try, nothing stored; a lost lease (LEASE_LOST) is only for a paused host.
        if (!sent && answer.statusCode() == 503
                && "STORAGE".equals(JSON.readTree(answer.body()).path("code").asText())) {
            answeredBusy.incrementAndGet();
            log.printf("soak: %s answered %s busy: %s%n", host, key, answer.body());
            return;
        }
        if (!sent && host.pausedSince(posting)) {
            if (answer.statusCode() >= 500 && !(answer.statusCode() == 503
                    && "LEASE_LOST".equals(JSON.readTree(answer.body()).path("code").asText()))) {
                // A lost lease is answered 503 (post again); anything else would tell a client nothing it can act on.
                problems.add("notification " + key + " on " + host + " after its pause: " + answer.statusCode() + " "
                        + answer.body());
            }
            answeredAfterPause.incrementAndGet();
            log.printf("soak: %s answered %s after its pause: %d %s%n", host, key, answer.statusCode(), answer.body());
            return;
        }
        unanswered.remove(listed);
        if (!sent) {
            problems.add("notification " + key + " on " + host + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Posts every unanswered notification again, with its key, each to a live host other than the one it went to,
     * until each is answered (a few times at most).
     */
    private void repostUnanswered(ExecutorService pool) throws Exception {
        for (int time = 0; time < 5 && !unanswered.isEmpty(); time++) {
            repostOnce(pool);
        }
    }

    private void repostOnce(ExecutorService pool) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (String listed : Set.copyOf(unanswered)) {
            unanswered.remove(listed);
            String key = listed.substring(listed.indexOf(':') + 1);
            int connection = Integer.parseInt(key.substring("soak-".length(), key.indexOf('/')));
            String number = key.substring(key.indexOf('/') + 1);
            String before = listed.substring(0, listed.indexOf(':'));
            ServeProcess host = live.stream().filter(each -> !each.name().equals(before)).findFirst()
                    .orElse(live.get(0));
            reposted.incrementAndGet();
            work.add(pool.submit(() -> {
                notify(host, connection, number, true);
                return null;
            }));
        }
        awaitAll(work);
    }

    /**
     * A burst on the host about to be stopped: new orders on every store, and import now of each connection there,
     * all at once (a 202 means a run is recorded running on that host).
     */
    private void burst(ServeProcess host) throws Exception {
        // Fewer on several hosts: their stores are many and a run is in flight at a slow store however few there are.
        int orders = cluster == null ? 50 : 10;
        ExecutorService starters = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int index = 0; index < options.connections(); index++) {
                int connection = index;
                addOrders(connection, orders);
                work.add(starters.submit(() -> startImport(host, connection)));
            }
            awaitAll(work);
        } finally {
            starters.shutdownNow();
        }
    }

    /** Waits, up to a minute, until a notification posted to {@code host} waits for its answer. */
    private void awaitNotificationInFlight(ServeProcess host) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (unanswered.stream().noneMatch(key -> key.startsWith(host.name() + ":"))
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private void restoreLatency() {
        for (int index = 0; index < sandboxes.size(); index++) {
            sandboxes.get(index).setLatency(latency(index));
        }
    }

    private Duration latency(int index) {
        int spread = options.maxLatencyMillis() - options.latencyMillis();
        return Duration.ofMillis(options.latencyMillis() + (spread <= 0 ? 0 : index % (spread + 1)));
    }

    /** Imports every connection once more after the last orders arrived, and waits for every run to end. */
    private void finish(ExecutorService pool) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int index = 0; index < options.connections(); index++) {
            int connection = index;
            work.add(pool.submit(() -> {
                for (int attempt = 0; attempt < 3; attempt++) {
                    if ("succeeded".equals(importOnce(live.get((connection + attempt) % live.size()), connection))) {
                        return null;
                    }
                }
                problems.add("no final import of " + name(connection) + " succeeded");
                return null;
            }));
        }
        awaitAll(work);
    }

    /**
     * Imports now and waits for the run to end; while the connection is importing already (the scheduler's run, or
     * one started before), asks again until it may start one, so orders added before the call are imported by the
     * time it returns.
     *
     * @return the run's result, or {@code null} if none could be started within two minutes
     */
    private String importOnce(ServeProcess host, int connection) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            long run = startImport(host, connection);
            if (run > 0) {
                return awaitRun(host, connection, run);
            }
            Thread.sleep(100);
        }
        problems.add("no import of " + name(connection) + " could start within two minutes");
        return null;
    }

    /** @return the run's id, or 0 when the connection is importing already (409) */
    private long startImport(ServeProcess host, int connection) throws IOException, InterruptedException {
        HttpResponse<String> started = host.send("POST", "/api/connections/" + name(connection) + "/imports", "",
                null);
        if (started.statusCode() == 202) {
            importRuns.incrementAndGet();
            return JSON.readTree(started.body()).get("id").asLong();
        }
        if (started.statusCode() != 409) {
            problems.add("import of " + name(connection) + ": " + started.statusCode() + " " + started.body());
        }
        return 0;
    }

    private String awaitRun(ServeProcess host, int connection, long run) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> state = host.send("GET", "/api/connections/" + name(connection) + "/imports/" + run,
                    null, null);
            String result = JSON.readTree(state.body()).path("result").asText();
            if (!"running".equals(result)) {
                return result;
            }
            Thread.sleep(50);
        }
        return "still running after 5 minutes";
    }

    /** The orders this soak added that are imported and not shipped yet: placed since it began. */
    private List<JsonNode> importedNewOrders(ServeProcess host, int connection)
            throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        String after = null;
        do {
            String path = "/api/connections/" + name(connection) + "/orders?limit=500&state=open&placedSince="
                    + URLEncoder.encode(start.minusSeconds(5).toString(), StandardCharsets.UTF_8)
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> page = host.send("GET", path, null, null);
            JsonNode document = JSON.readTree(page.body());
            if (page.statusCode() != 200) {
                problems.add("orders of " + name(connection) + ": " + page.statusCode() + " " + page.body());
                return found;
            }
            document.get("orders").forEach(order -> {
                if (added.get(connection).contains(order.get("platformOrderId").asText())) {
                    found.add(order);
                }
            });
            after = document.get("next").isNull() ? null : document.get("next").asText();
        } while (after != null);
        return found;
    }

    /**
     * Starts the host, or with a {@link Cluster} every host at once, each with the shortest import interval and a
     * short outbox interval, and waits until they listen.
     */
    private void startHosts() throws Exception {
        Map<String, String> environment = new HashMap<>();
        String javaOptions = "-Dstorelink.schedule.import-interval=1m -Dstorelink.schedule.outbox-interval=1s";
        if (cluster == null) {
            environment.put("STORELINK_JAVA_OPTS", javaOptions);
            ServeProcess host = ServeProcess.start(distribution, home, "serve", environment, http);
            live.add(host);
            all.add(host);
            return;
        }
        live.addAll(startCluster(distribution, home, cluster, javaOptions, http, all));
    }

    /**
     * Starts every host of a cluster at once ({@code host-1}, … in {@code home}, with a key file they share), each
     * with the cluster's database, lease and request timeout, and waits until they listen.
     *
     * @param javaOptions more {@code STORELINK_JAVA_OPTS}, for example the scheduler's intervals
     * @param started each host as it starts, so that the caller can stop them even when another failed to start
     * @return the hosts, in order
     */
    public static List<ServeProcess> startCluster(Path distribution, Path home, Cluster cluster, String javaOptions,
                                                  HttpClient http, java.util.Collection<ServeProcess> started)
            throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("STORELINK_JAVA_OPTS", javaOptions + " -Dstorelink.lease.duration="
                + cluster.lease().toMillis() + "ms -Dstorelink.request-timeout=" + cluster.requestTimeout().toMillis()
                + "ms");
        environment.put("STORELINK_DATABASE_URL", cluster.url());
        environment.put("STORELINK_DATABASE_USER", cluster.user());
        environment.put("STORELINK_DATABASE_PASSWORD", "${env:" + PASSWORD_VARIABLE + "}");
        environment.put(PASSWORD_VARIABLE, cluster.password());
        environment.put("STORELINK_KEY_FILE", sharedKey(home).toString());
        List<CompletableFuture<ServeProcess>> starting = new ArrayList<>();
        for (int index = 1; index <= cluster.hosts(); index++) {
            String name = "host-" + index;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    ServeProcess host = ServeProcess.start(distribution, home.resolve(name), name, environment, http);
                    started.add(host);
                    return host;
                } catch (Exception e) {
                    throw new IllegalStateException("starting " + name + ": " + e.getMessage(), e);
                }
            }));
        }
        List<ServeProcess> hosts = new ArrayList<>();
        for (CompletableFuture<ServeProcess> host : starting) {
            hosts.add(host.get(3, TimeUnit.MINUTES));
        }
        return hosts;
    }

    /** Adds a Magento 2 connection over a host's API, importing every ready order at once (no import delay). */
    public static void addConnection(ServeProcess host, String name, String storeUrl, String token)
            throws IOException, InterruptedException {
        ObjectNode draft = JSON.createObjectNode().put("name", name).put("platform", "magento2");
        draft.putObject("values").put("store-url", storeUrl).put("access-token", token).put("import-delay", "0");
        HttpResponse<String> created = host.send("POST", "/api/connections", draft.toString(), null);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("adding " + name + ": " + created.body());
        }
    }

    /** The key file the hosts share, made here as {@code openssl rand -base64 32} would, owner-only. */
    private static Path sharedKey(Path home) throws IOException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path file = home.resolve("shared-secret.key");
        Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /**
     * Pauses {@code host} (SIGSTOP) while the database shows it holding work, import runs and a notification being
     * sent if it comes to that within a few seconds, keeps it stopped until that work was taken over by {@code other}
     * and its lease ran out, then resumes it (SIGCONT). The takeover is driven, not waited for: each import run it
     * held is run again on {@code other} (refused as busy until the lease ends), and each notification it was sending
     * is claimed by {@code other}'s outbox drain.
     */
    private Pause pauseWhileHolding(ServeProcess host, ServeProcess other) throws Exception {
        Map<String, String> held = Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long both = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.isEmpty() && System.nanoTime() < deadline) {
            java.util.Collection<String> holding = held(host).keySet();
            boolean runs = holding.stream().anyMatch(row -> row.startsWith("import run "));
            boolean sending = holding.stream().anyMatch(row -> row.startsWith("shipment "));
            if (!runs || !sending && System.nanoTime() < both) {
                Thread.sleep(2);
                continue;
            }
            host.pause();
            held = held(host);
            if (held.isEmpty()) {
                host.resume();
            }
        }
        Instant paused = Instant.now();
        restoreLatency();
        if (held.isEmpty()) {
            problems.add(host + " was never seen holding work to pause");
            return new Pause(List.of(), Duration.ZERO, List.of(), List.of(), 0);
        }
        this.paused = host;
        log.printf("soak: paused %s holding %s%n", host, held.keySet());
        List<Future<?>> takeovers = new ArrayList<>();
        ExecutorService takers = Executors.newCachedThreadPool();
        try {
            for (String row : held.keySet()) {
                if (row.startsWith("import run ")) {
                    int connection = Integer.parseInt(held.get(row).substring("soak-".length()));
                    takeovers.add(takers.submit(() -> importOnce(other, connection)));
                }
            }
            Duration lease = cluster.lease();
            long until = System.nanoTime() + lease.multipliedBy(3).plusMinutes(1).toNanos();
            while ((!Collections.disjoint(held(host).keySet(), held.keySet())
                    || Duration.between(paused, Instant.now()).compareTo(lease) <= 0) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            List<String> stillHeld = new ArrayList<>(held(host).keySet());
            stillHeld.retainAll(held.keySet());
            Duration pausedFor = Duration.between(paused, Instant.now());
            host.resume();
            resumedAt = Instant.now();
            awaitAll(takeovers);
            log.printf("soak: resumed %s after %s; not taken over: %s%n", host, pausedFor, stillHeld);
            return new Pause(List.copyOf(held.keySet()), pausedFor, stillHeld, List.of(), 0);
        } finally {
            takers.shutdownNow();
        }
    }

    /**
     * @return the rows {@code host} holds a live lease on now, as its leases name them ({@code import run 12},
     *         {@code shipment 7}), each with its connection
     */
    private Map<String, String> held(ServeProcess host) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        String owner = "'" + host.pid() + "@%'";
        try (Connection connection = database();
             Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT 'import run ' || r.id, c.name FROM import_run r "
                     + "JOIN connection c ON c.id = r.connection_id WHERE r.result = 'running' AND r.lease_owner LIKE "
                     + owner + " UNION ALL SELECT 'shipment ' || s.id, c.name FROM shipment s JOIN connection c "
                     + "ON c.id = s.connection_id WHERE s.state = 'sending' AND s.lease_owner LIKE " + owner)) {
            while (found.next()) {
                rows.put(found.getString(1), found.getString(2));
            }
        }
        return rows;
    }

    /** Waits, up to two minutes, until the outbox holds nothing but sent notifications. */
    private void awaitOutboxSent() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (count("SELECT COUNT(*) FROM shipment WHERE state <> 'sent'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private Result count(long killedRunning) throws SQLException {
        long expectedOrders = expectedCount();
        long rows = count("SELECT COUNT(*) FROM imported_order");
        long duplicates = count("SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM imported_order "
                + "GROUP BY connection_id, platform_order_id) AS per_order");
        long missing = 0;
        long unexpected = 0;
        Map<String, Set<String>> imported = importedIds();
        for (int index = 0; index < options.connections(); index++) {
            Set<String> got = imported.getOrDefault(name(index), Set.of());
            Set<String> want = expected.get(index);
            missing += want.stream().filter(id -> !got.contains(id)).count();
            unexpected += got.stream().filter(id -> !want.contains(id)).count();
        }
        long storeShipments = 0;
        long notShippedOnce = 0;
        for (int index = 0; index < options.connections(); index++) {
            for (long entityId : notifiedIds.get(index).values()) {
                int shipments = sandboxes.get(index).store().shipments(entityId).size();
                storeShipments += shipments;
                notShippedOnce += shipments == 1 ? 0 : 1;
            }
            // Orders added but never notified must have no shipment either.
            Set<Long> notified = new HashSet<>(notifiedIds.get(index).values());
            for (String id : added.get(index)) {
                long entityId = Long.parseLong(id);
                if (!notified.contains(entityId) && !sandboxes.get(index).store().shipments(entityId).isEmpty()) {
                    problems.add(name(index) + ": order " + id + " shipped without a notification");
                }
            }
        }
        Pause paused = pause == null ? null : new Pause(pause.held(), pause.pausedFor(), pause.stillHeld(),
                refusedInLog(pause.held()), answeredAfterPause.get());
        return new Result(expectedOrders, rows, duplicates, missing, unexpected, postedCount(), reposted.get(),
                count("SELECT COUNT(*) FROM shipment"), count("SELECT COUNT(*) FROM shipment WHERE state = 'sent'"),
                storeShipments, notShippedOnce, importRuns.get(), Duration.between(start, Instant.now()),
                killedRunning, List.copyOf(problems), paused, notSyncedSince(resumedAt), notReady(),
                answeredBusy.get());
    }

    /** @return of the rows the paused host held, those its log says were taken over and its late write refused */
    private List<String> refusedInLog(List<String> held) {
        List<String> lines = this.paused.logLines().stream().filter(line -> line.contains("taken over")).toList();
        return held.stream().filter(row -> lines.stream().anyMatch(line -> line.contains("Lease on " + row + " ")))
                .toList();
    }

    /** @return connections without a succeeded import started after {@code since}; none when it is {@code null} */
    private List<String> notSyncedSince(Instant since) throws SQLException {
        List<String> behind = new ArrayList<>();
        if (since == null) {
            return behind;
        }
        try (Connection connection = database();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.name, MAX(r.started_at) FROM connection c "
                     + "LEFT JOIN import_run r ON r.connection_id = c.id AND r.result = 'succeeded' GROUP BY c.name")) {
            while (rows.next()) {
                String last = rows.getString(2);
                if (last == null || !Instant.parse(last).isAfter(since)) {
                    behind.add(rows.getString(1) + " (last succeeded import started " + last + ")");
                }
            }
        }
        return behind;
    }

    /** @return the live hosts whose {@code /health/ready} does not answer 200, with what they answered */
    private List<String> notReady() {
        List<String> down = new ArrayList<>();
        for (ServeProcess host : live) {
            try {
                HttpResponse<String> ready = host.send("GET", "/health/ready", null, null);
                if (ready.statusCode() != 200) {
                    down.add(host + ": " + ready.statusCode() + " " + ready.body());
                }
                // How often its transactions ran into another host's: logged; one that failed through every try
                // (answered 503 STORAGE, or lost inside the scheduler) is a problem.
                HttpResponse<String> metrics = host.send("GET", "/metrics", null, null);
                List<String> storage = metrics.body().lines().filter(line -> line.startsWith("storelink_storage_"))
                        .toList();
                log.printf("soak: %s %s%n", host, storage);
                if (!storage.contains("storelink_storage_busy_total 0.0")) {
                    down.add(host + ": transactions failed as busy: " + storage);
                }
            } catch (IOException | InterruptedException e) {
                down.add(host + ": " + e);
            }
        }
        return down;
    }

    private Map<String, Set<String>> importedIds() throws SQLException {
        Map<String, Set<String>> ids = new HashMap<>();
        try (Connection connection = database();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.name, o.platform_order_id FROM imported_order o "
                     + "JOIN connection c ON c.id = o.connection_id")) {
            while (rows.next()) {
                ids.computeIfAbsent(rows.getString(1), name -> new HashSet<>()).add(rows.getString(2));
            }
        }
        return ids;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private Connection database() throws SQLException {
        if (cluster != null) {
            return DriverManager.getConnection(cluster.url(), cluster.user(), cluster.password());
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("storelink.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        }
        return connection;
    }

    private long expectedCount() {
        return expected.stream().mapToLong(Set::size).sum();
    }

    private long postedCount() {
        return posted.stream().mapToLong(Map::size).sum();
    }

    private static String name(int index) {
        return "soak-" + index;
    }

    private static void awaitAll(List<Future<?>> work) throws Exception {
        for (Future<?> each : work) {
            each.get(10, TimeUnit.MINUTES);
        }
    }

    private void close() {
        all.forEach(ServeProcess::close);
        sandboxes.forEach(MagentoSandbox::close);
    }
}
