package io.storelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.api.Capability;
import io.storelink.core.order.ImportRun;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.shipment.BatchReport;
import io.storelink.core.shipment.ShipmentFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ship: a batch file of ship notifications sent through the outbox ({@code ShipmentService.sendBatch}, what
 * {@code storelink shipments import <connection> <file> --concurrency N} runs), timed from reading the file to the
 * report. The orders are imported first (not timed). Every run uses two fresh sandboxes with the same seed: one
 * for the engine, one for the floor, since shipping changes the store.
 *
 * <p>Floor: the same notifications as raw {@code POST /V1/order/{id}/ship} requests with the same concurrency and
 * the same HTTP client. Afterwards both sandboxes are checked: every notified order has exactly one shipment.
 */
final class ShipBench {

    static final double TARGET_RATIO = 1.25;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("/orders?/(\\d+)");
    /** Enough orders that the pending ones with something to ship outnumber the notifications. */
    private static final int ORDERS_PER_NOTIFICATION = 4;

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final PluginHost plugins;
    private final Report report;

    ShipBench(BenchOptions options, Distribution distribution, Workspace workspace, PluginHost plugins,
              Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.plugins = plugins;
        this.report = report;
    }

    /** A pending order with at least one physical line: its API id and its number. */
    record Target(long entityId, String incrementId) {
    }

    void run() {
        String skipped = plugins.platform("magento2").descriptor().capabilities()
                .contains(Capability.SHIP_NOTIFICATIONS) ? null
                : "the Magento 2 plugin does not declare SHIP_NOTIFICATIONS (the host refuses: "
                        + "\"Platform magento2 does not take ship notifications\")";
        int latency = options.shipLatencyMillis();
        int count = options.shipments();
        List<Double> engineMillis = new ArrayList<>();
        List<Double> floorMillis = new ArrayList<>();
        List<Double> replayMillis = new ArrayList<>();
        List<RecordingProxy.Recorded> outboxRequests = null;
        boolean noDuplicates = true;
        String duplicateDetail = "";
        for (int run = 0; run < options.warmups() + options.shipRuns(); run++) {
            boolean counted = run >= options.warmups();
            // The first warm-up run goes through a recording proxy: which requests the outbox makes.
            boolean record = run == 0 && !counted && skipped == null;
            int storeOrders = count * ORDERS_PER_NOTIFICATION;
            try (SandboxProcess engineStore = SandboxProcess.start(distribution, storeOrders, options.seed(), latency,
                    workspace.logs());
                 SandboxProcess floorStore = SandboxProcess.start(distribution, storeOrders, options.seed(), latency,
                         workspace.logs());
                 FloorClient client = new FloorClient(SandboxProcess.TOKEN)) {
                List<Target> targets = pendingPhysicalOrders(client, floorStore, count);

                long start = System.nanoTime();
                sendRaw(client, floorStore, targets);
                double floorRun = ImportBench.millisSince(start);
                String floorCheck = checkOneShipmentEach(client, floorStore.restBase(), targets);

                Double replayRun = null;
                if (counted && outboxRequests != null) {
                    try (SandboxProcess replayStore = SandboxProcess.start(distribution, storeOrders, options.seed(),
                            latency, workspace.logs())) {
                        start = System.nanoTime();
                        replay(client, replayStore, outboxRequests);
                        replayRun = ImportBench.millisSince(start);
                    }
                }

                Double engineRun = null;
                String engineCheck = null;
                if (skipped == null) {
                    Path home = workspace.newDirectory("ship");
                    RecordingProxy proxy = record ? new RecordingProxy(engineStore.baseUrl()) : null;
                    try {
                        Engine engine = Engine.open(home, plugins);
                        engine.addMagentoConnection("ship", proxy == null ? engineStore.baseUrl() : proxy.baseUrl(),
                                "pending");
                        ImportRun imported = engine.importOrders("ship");
                        int importRequests = proxy == null ? 0 : proxy.recorded().size();
                        Path file = writeBatchFile(home, targets);
                        start = System.nanoTime();
                        BatchReport sent = engine.shipments().sendBatch("ship", ShipmentFile.read(file),
                                options.shipConcurrency(), done -> { });
                        engineRun = ImportBench.millisSince(start);
                        if (proxy != null) {
                            List<RecordingProxy.Recorded> all = proxy.recorded();
                            outboxRequests = all.subList(importRequests, all.size());
                            report.line("  ship: the outbox made %d requests for %d notifications: %s",
                                    outboxRequests.size(), count, profile(outboxRequests));
                        }
                        if (sent.sent() != count) {
                            String firstError = sent.errors().isEmpty() ? "" : sent.errors().get(0).message();
                            if (firstError.contains("does not take ship notifications")
                                    || firstError.toLowerCase(Locale.ROOT).contains("not supported")) {
                                skipped = firstError;
                                engineRun = null;
                                outboxRequests = null;
                            } else {
                                throw new IllegalStateException("the outbox sent " + sent.sent() + " of " + count
                                        + " (imported " + imported.imported() + "); first error: " + firstError);
                            }
                        } else {
                            engineCheck = checkOneShipmentEach(client, engineStore.restBase(), targets);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        if (proxy != null) {
                            proxy.close();
                        }
                        Workspace.delete(home);
                    }
                }
                report.line("  ship latency=%dms run %d%s: outbox %s, floor %.1f ms, outbox's requests replayed "
                                + "raw %s; one shipment per notification: outbox %s, floor %s", latency, run + 1,
                        counted ? "" : record ? " (warm-up through a recording proxy, not counted)"
                                : " (warm-up, not counted)",
                        engineRun == null ? "skipped" : String.format(Locale.ROOT, "%.1f ms", engineRun), floorRun,
                        replayRun == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms", replayRun),
                        engineCheck == null ? "n/a" : engineCheck.isEmpty() ? "yes" : engineCheck,
                        floorCheck.isEmpty() ? "yes" : floorCheck);
                if (engineCheck != null && !engineCheck.isEmpty()) {
                    noDuplicates = false;
                    duplicateDetail = engineCheck;
                }
                if (counted) {
                    floorMillis.add(floorRun);
                    if (engineRun != null) {
                        engineMillis.add(engineRun);
                    }
                    if (replayRun != null) {
                        replayMillis.add(replayRun);
                    }
                }
            }
        }
        Stats floor = Stats.of(floorMillis);
        String target = "ship ratio <= " + TARGET_RATIO + " at " + latency + " ms";
        if (skipped != null || engineMillis.isEmpty()) {
            report.line("ship latency=%dms notifications=%d concurrency=%d: outbox SKIPPED: %s; floor %s = %.0f "
                            + "notifications/s", latency, count, options.shipConcurrency(), skipped,
                    floor.describeMillis(),
                    count * 1000 / floor.median());
            report.skip(target, skipped);
            report.skip("ship: exactly one shipment per notification", skipped);
            return;
        }
        Stats engine = Stats.of(engineMillis);
        double ratio = engine.median() / floor.median();
        report.line("ship latency=%dms notifications=%d concurrency=%d: outbox %s = %.0f notifications/s; floor %s = "
                        + "%.0f notifications/s; ratio outbox/floor %.2f", latency, count, options.shipConcurrency(),
                engine.describeMillis(), count * 1000 / engine.median(), floor.describeMillis(),
                count * 1000 / floor.median(), ratio);
        if (!replayMillis.isEmpty()) {
            Stats replayed = Stats.of(replayMillis);
            report.line("ship breakdown latency=%dms (medians): floor (1 POST each) %.1f ms | the outbox's own "
                            + "requests "
                            + "replayed raw, same concurrency %.1f ms | outbox %.1f ms | host work (outbox, SQLite, "
                            + "mapping) %.1f ms = %.2f ms per notification", latency, floor.median(), replayed.median(),
                    engine.median(), engine.median() - replayed.median(),
                    (engine.median() - replayed.median()) / count);
        }
        report.check(target, ratio <= TARGET_RATIO, String.format(Locale.ROOT, "ratio %.2f", ratio));
        report.check("ship: exactly one shipment per notification", noDuplicates,
                noDuplicates ? count + " orders, one shipment each, every run" : duplicateDetail);
    }

    /** The first {@code count} pending orders that have a line to ship (pending orders have shipped nothing). */
    private static List<Target> pendingPhysicalOrders(FloorClient client, SandboxProcess sandbox, int count) {
        List<Target> targets = new ArrayList<>();
        for (int page = 1; targets.size() < count; page++) {
            String query = "searchCriteria[filter_groups][0][filters][0][field]=status"
                    + "&searchCriteria[filter_groups][0][filters][0][value]=pending"
                    + "&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC"
                    + "&searchCriteria[pageSize]=300&searchCriteria[currentPage]=" + page
                    + "&fields=items[entity_id,increment_id,items[is_virtual]],total_count";
            JsonNode body = read(client.getText(sandbox.restBase() + "/orders?" + encodeQuery(query)));
            JsonNode items = body.path("items");
            for (JsonNode order : items) {
                boolean physical = false;
                for (JsonNode line : order.path("items")) {
                    physical |= line.path("is_virtual").asInt(0) == 0;
                }
                if (physical && targets.size() < count) {
                    targets.add(new Target(order.path("entity_id").asLong(), order.path("increment_id").asText()));
                }
            }
            if ((long) page * 300 >= body.path("total_count").asLong()) {
                break;
            }
        }
        if (targets.size() < count) {
            throw new IllegalStateException("the sandbox has only " + targets.size() + " pending orders to ship");
        }
        return targets;
    }

    /** The floor: one {@code POST /V1/order/{id}/ship} per notification, shipping everything left, with a track. */
    private void sendRaw(FloorClient client, SandboxProcess sandbox, List<Target> targets) {
        ExecutorService pool = Executors.newFixedThreadPool(options.shipConcurrency());
        try {
            List<Future<Long>> posts = new ArrayList<>();
            for (Target target : targets) {
                String body = "{\"items\":[],\"notify\":false,\"appendComment\":false,\"tracks\":[{\"track_number\":\""
                        + trackingNumber(target) + "\",\"title\":\"UPS\",\"carrier_code\":\"ups\"}]}";
                posts.add(pool.submit(() -> client.post(sandbox.restBase() + "/order/" + target.entityId() + "/ship",
                        body)));
            }
            for (Future<Long> post : posts) {
                post.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the floor's POSTs failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends recorded requests again, raw, with the outbox's concurrency: the requests about one order in their
     * recorded order, one order per task, the way the outbox's threads sent them.
     */
    private void replay(FloorClient client, SandboxProcess sandbox, List<RecordingProxy.Recorded> requests) {
        Map<String, List<RecordingProxy.Recorded>> byOrder = new java.util.LinkedHashMap<>();
        for (RecordingProxy.Recorded request : requests) {
            java.util.regex.Matcher order = ORDER_ID.matcher(request.pathAndQuery());
            String key = order.find() ? order.group(1) : "request-" + byOrder.size();
            byOrder.computeIfAbsent(key, ignored -> new ArrayList<>()).add(request);
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.shipConcurrency());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (List<RecordingProxy.Recorded> sequence : byOrder.values()) {
                tasks.add(pool.submit(() -> {
                    for (RecordingProxy.Recorded request : sequence) {
                        String url = sandbox.baseUrl() + request.pathAndQuery();
                        if (request.method().equals("GET")) {
                            client.get(url);
                        } else {
                            client.post(url, request.body());
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("replaying the outbox's requests failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return for example {@code GET /rest/V1/orders/{id} 1000, POST /rest/V1/order/{id}/ship 1000} */
    private static String profile(List<RecordingProxy.Recorded> requests) {
        Map<String, Integer> routes = new java.util.TreeMap<>();
        for (RecordingProxy.Recorded request : requests) {
            String path = request.pathAndQuery().replaceFirst("\\?.*", "").replaceAll("/\\d+", "/{id}");
            routes.merge(request.method() + " " + path, 1, Integer::sum);
        }
        return routes.toString();
    }

    private static Path writeBatchFile(Path directory, List<Target> targets) throws IOException {
        StringBuilder csv = new StringBuilder("order,carrier,tracking,title,notify\n");
        for (Target target : targets) {
            csv.append(target.incrementId()).append(",ups,").append(trackingNumber(target)).append(",UPS,false\n");
        }
        return Files.writeString(directory.resolve("shipments.csv"), csv.toString());
    }

    private static String trackingNumber(Target target) {
        return "1ZBENCH" + target.entityId();
    }

    /** @return empty when every target order has exactly one shipment, else what differs */
    static String checkOneShipmentEach(FloorClient client, String restBase, List<Target> targets) {
        Map<Long, Integer> shipments = new HashMap<>();
        for (int from = 0; from < targets.size(); from += 100) {
            List<Target> chunk = targets.subList(from, Math.min(from + 100, targets.size()));
            String ids = String.join(",", chunk.stream().map(target -> Long.toString(target.entityId())).toList());
            for (int page = 1; ; page++) {
                String query = "searchCriteria[filter_groups][0][filters][0][field]=order_id"
                        + "&searchCriteria[filter_groups][0][filters][0][value]=" + ids
                        + "&searchCriteria[filter_groups][0][filters][0][condition_type]=in"
                        + "&searchCriteria[pageSize]=300&searchCriteria[currentPage]=" + page;
                JsonNode body = read(client.getText(restBase + "/shipments?" + encodeQuery(query)));
                for (JsonNode shipment : body.path("items")) {
                    shipments.merge(shipment.path("order_id").asLong(), 1, Integer::sum);
                }
                if ((long) page * 300 >= body.path("total_count").asLong()) {
                    break;
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Target target : targets) {
            int found = shipments.getOrDefault(target.entityId(), 0);
            if (found != 1) {
                wrong.add("order " + target.incrementId() + " has " + found);
            }
        }
        return wrong.isEmpty() ? "" : wrong.size() + " orders without exactly one shipment, e.g. "
                + String.join("; ", wrong.subList(0, Math.min(3, wrong.size())));
    }

    /** Encodes the brackets and commas of a query the way the plugin does, keeping {@code =} and {@code &}. */
    static String encodeQuery(String query) {
        List<String> parts = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parts.add(URLEncoder.encode(pair.substring(0, equals), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
