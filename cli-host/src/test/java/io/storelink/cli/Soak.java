package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import io.storelink.sandbox.Order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
    private static final String READY = "Storelink API listening on http://127.0.0.1:";

    /**
     * @param connections connections, one sandbox each
     * @param initialOrders orders each sandbox starts with (its processing ones are ready to import)
     * @param rounds rounds of new orders, imports and notifications
     * @param newOrdersPerRound orders added to each sandbox per round (invoiced, so ready to import and ship)
     * @param latencyMillis each sandbox's latency per request
     * @param killAfterRound the server is killed with SIGKILL while this round's requests are in flight
     * @param seed the first sandbox's seed; the others follow
     */
    public record Options(int connections, int initialOrders, int rounds, int newOrdersPerRound, int latencyMillis,
                          int killAfterRound, long seed) {
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
     */
    public record Result(long expectedOrders, long importedRows, long duplicateRows, long missingOrders,
                         long unexpectedOrders, long notificationsPosted, long reposted, long outboxRows,
                         long outboxSent, long storeShipments, long ordersNotShippedOnce, long importRuns,
                         Duration elapsed, long killedRunsLeftRunning, List<String> problems) {

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
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<MagentoSandbox> sandboxes = new ArrayList<>();
    private final List<Set<String>> expected = new ArrayList<>();
    private final List<Set<String>> added = new ArrayList<>();
    /** Per connection: order number to the notification's body, once posted. */
    private final List<Map<String, String>> posted = new ArrayList<>();
    /** Per connection: order number to entity id, for the notified orders. */
    private final List<Map<String, Long>> notifiedIds = new ArrayList<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger importRuns = new AtomicInteger();
    private final AtomicInteger reposted = new AtomicInteger();
    private Instant start;
    private Process server;
    private int port;
    private String token;

    private Soak(Path distribution, Path home, Options options, PrintStream log) {
        this.distribution = distribution;
        this.home = home;
        this.options = options;
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
        Soak soak = new Soak(distribution, home, options, log);
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
                    .latency(Duration.ofMillis(options.latencyMillis())).build().start();
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
        startServer();
        for (int index = 0; index < options.connections(); index++) {
            ObjectNode draft = JSON.createObjectNode().put("name", name(index)).put("platform", "magento2");
            draft.putObject("values").put("store-url", sandboxes.get(index).baseUrl().toString())
                    .put("access-token", TOKEN).put("import-delay", "0");
            HttpResponse<String> created = send("POST", "/api/connections", draft.toString(), null);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("adding " + name(index) + ": " + created.body());
            }
        }
        log.printf("soak: %d connections added, %d orders ready%n", options.connections(), expectedCount());

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, options.connections()));
        long killedRunning = -1;
        try {
            for (int round = 1; round <= options.rounds(); round++) {
                List<Future<?>> work = new ArrayList<>();
                for (int index = 0; index < options.connections(); index++) {
                    int connection = index;
                    work.add(pool.submit(() -> {
                        round(connection);
                        return null;
                    }));
                }
                if (round == options.killAfterRound()) {
                    // Mid-round, with imports running: a burst of orders on every store and import now on each (a 202
                    // means a run is recorded running). Then every store answers slowly, so the notifications posted
                    // from now on are still waiting for the store when the kill comes, however fast the machine is.
                    for (int index = 0; index < options.connections(); index++) {
                        addOrders(index, 50);
                        try {
                            startImport(index);
                        } catch (IOException ignored) {
                            // cannot happen before the kill; the counts would tell
                        }
                    }
                    sandboxes.forEach(sandbox -> sandbox.setLatency(Duration.ofMillis(500)));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (unanswered.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    server.destroyForcibly().waitFor();
                    sandboxes.forEach(sandbox -> sandbox.setLatency(Duration.ofMillis(options.latencyMillis())));
                    awaitAll(work);
                    killedRunning = count("SELECT COUNT(*) FROM import_run WHERE result = 'running'");
                    log.printf("soak: killed the server in round %d; %d runs left running, %d notifications "
                            + "without an answer%n", round, killedRunning, unanswered.size());
                    startServer();
                    repostUnanswered(pool);
                } else {
                    awaitAll(work);
                }
                log.printf("soak: round %d done at %s; %d notifications posted%n", round,
                        Duration.between(start, Instant.now()), postedCount());
            }
            finish(pool);
        } finally {
            pool.shutdownNow();
        }
        return count(killedRunning);
    }

    /** One connection's round: new orders, import now, then a notification for each imported new order. */
    private void round(int connection) throws Exception {
        addOrders(connection, options.newOrdersPerRound());
        try {
            importOnce(connection);
            for (JsonNode order : importedNewOrders(connection)) {
                String number = order.get("orderNumber").asText();
                if (posted.get(connection).containsKey(number)) {
                    continue;
                }
                ObjectNode body = JSON.createObjectNode().put("order", number);
                body.putArray("tracking").addObject().put("carrier", "ups").put("number", "1Z" + number);
                posted.get(connection).put(number, body.toString());
                notifiedIds.get(connection).put(number, Long.parseLong(order.get("platformOrderId").asText()));
                notify(connection, number);
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

    private void notify(int connection, String number) throws IOException, InterruptedException {
        String key = name(connection) + "/" + number;
        unanswered.add(key);
        HttpResponse<String> answer = send("POST", "/api/connections/" + name(connection) + "/shipments",
                posted.get(connection).get(number), key);
        unanswered.remove(key);
        if (answer.statusCode() != 201 || !"sent".equals(JSON.readTree(answer.body()).path("state").asText())) {
            problems.add("notification " + key + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private void repostUnanswered(ExecutorService pool) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (String key : Set.copyOf(unanswered)) {
            int connection = Integer.parseInt(key.substring("soak-".length(), key.indexOf('/')));
            String number = key.substring(key.indexOf('/') + 1);
            reposted.incrementAndGet();
            work.add(pool.submit(() -> {
                notify(connection, number);
                return null;
            }));
        }
        awaitAll(work);
    }

    /** Imports every connection once more after the last orders arrived, and waits for every run to end. */
    private void finish(ExecutorService pool) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int index = 0; index < options.connections(); index++) {
            int connection = index;
            work.add(pool.submit(() -> {
                for (int attempt = 0; attempt < 3; attempt++) {
                    if ("succeeded".equals(importOnce(connection))) {
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
    private String importOnce(int connection) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            long run = startImport(connection);
            if (run > 0) {
                return awaitRun(connection, run);
            }
            Thread.sleep(100);
        }
        problems.add("no import of " + name(connection) + " could start within two minutes");
        return null;
    }

    /** @return the run's id, or 0 when the connection is importing already (409) */
    private long startImport(int connection) throws IOException, InterruptedException {
        HttpResponse<String> started = send("POST", "/api/connections/" + name(connection) + "/imports", "", null);
        if (started.statusCode() == 202) {
            importRuns.incrementAndGet();
            return JSON.readTree(started.body()).get("id").asLong();
        }
        if (started.statusCode() != 409) {
            problems.add("import of " + name(connection) + ": " + started.statusCode() + " " + started.body());
        }
        return 0;
    }

    private String awaitRun(int connection, long run) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> state = send("GET", "/api/connections/" + name(connection) + "/imports/" + run,
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
    private List<JsonNode> importedNewOrders(int connection) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        String after = null;
        do {
            String path = "/api/connections/" + name(connection) + "/orders?limit=500&state=open&placedSince="
                    + URLEncoder.encode(start.minusSeconds(5).toString(), StandardCharsets.UTF_8)
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> page = send("GET", path, null, null);
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

    private HttpResponse<String> send(String method, String path, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Starts {@code storelink serve} on a free port with the shortest import interval and a short outbox interval,
     * and waits until it listens.
     */
    private void startServer() throws Exception {
        Path output = home.resolve("serve-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/storelink").toString(),
                "--home", home.toString(), "serve", "--port", "0").redirectErrorStream(true);
        builder.environment().put("STORELINK_JAVA_OPTS", "-Dstorelink.schedule.import-interval=1m "
                + "-Dstorelink.schedule.outbox-interval=1s");
        server = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Process process = server;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter file = new PrintWriter(Files.newBufferedWriter(output), true)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    file.println(line);
                    int at = line.indexOf(READY);
                    if (at >= 0 && !listening.isDone()) {
                        listening.complete(Integer.parseInt(line.substring(at + READY.length())
                                .replaceAll("\\D.*", "")));
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            listening.completeExceptionally(new IllegalStateException("storelink serve ended; see " + output));
        }, "soak-serve-output");
        reader.setDaemon(true);
        reader.start();
        port = listening.get(2, TimeUnit.MINUTES);
        token = Files.readString(home.resolve("api-token")).strip();
    }

    private Result count(long killedRunning) throws SQLException {
        long expectedOrders = expectedCount();
        long rows = count("SELECT COUNT(*) FROM imported_order");
        long duplicates = count("SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM imported_order "
                + "GROUP BY connection_id, platform_order_id)");
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
        return new Result(expectedOrders, rows, duplicates, missing, unexpected, postedCount(), reposted.get(),
                count("SELECT COUNT(*) FROM shipment"), count("SELECT COUNT(*) FROM shipment WHERE state = 'sent'"),
                storeShipments, notShippedOnce, importRuns.get(), Duration.between(start, Instant.now()),
                killedRunning, List.copyOf(problems));
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
        if (server != null && server.isAlive()) {
            // SIGTERM, as systemd stops it; forcibly if it does not stop.
            server.toHandle().destroy();
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        sandboxes.forEach(MagentoSandbox::close);
    }
}
