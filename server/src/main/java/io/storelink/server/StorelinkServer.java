package io.storelink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.audit.AuditLog;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.connection.ConnectionTester;
import io.storelink.core.idempotency.IdempotencyKeys;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.JsonSchemaRenderer;
import io.storelink.core.form.UiSchemaRenderer;
import io.storelink.core.form.ValidationException;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.order.Fulfilment;
import io.storelink.core.order.OrderImportService;
import io.storelink.core.order.OrderPage;
import io.storelink.core.order.OrderQuery;
import io.storelink.core.order.OrderQueryService;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.schedule.ScheduleStatus;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.core.shipment.ShipmentFile;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRequest;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.status.StatusService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP API of {@code storelink serve} on Javalin (Jetty): health, the JSON API under {@code /api} (documented
 * by {@code /api/openapi.json}) and one problem document for every error. Each endpoint calls one of core's
 * services and turns its answer into JSON; no business rule lives here.
 */
public final class StorelinkServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorelinkServer.class);
    private static final String JSON = "application/json";
    private static final String JSON_LINES = "application/x-ndjson";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int BATCH_CONCURRENCY = 4;
    /** The largest refused body that is read and dropped so the connection stays usable; see drainRefusedBody. */
    private static final long DRAIN_LIMIT = 1024 * 1024;
    /** How many import runs {@code GET .../imports} gives unless asked for another number. */
    private static final int RECENT_RUNS = 20;
    /** Where the web console is served, and where its built files sit on the class path (the console jar). */
    static final String CONSOLE_PATH = "/console";
    private static final String CONSOLE_DIRECTORY = "/io/storelink/console";
    /**
     * The console keeps the API token in the tab's session storage, so no script, frame or connection it did not
     * ship may run in its pages.
     */
    private static final Map<String, String> CONSOLE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                    + "form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final ServerConfig config;
    private final ApiToken token;
    private final PluginHost plugins;
    private final ConnectionService connections;
    private final ConnectionTester tester;
    private final ImportRuns importRuns;
    private final OrderImportService imports;
    private final OrderQueryService orders;
    private final ShipmentService shipments;
    private final StatusService status;
    private final AuditLog audit;
    private final Set<ReadinessCheck> readiness;
    private final SyncScheduler scheduler;
    private final StorelinkMetrics metrics;
    private final IdempotencyKeys idempotency;
    private final byte[] openApi;
    private Javalin app;

    @Inject
    public StorelinkServer(ServerConfig config, PluginHost plugins, ConnectionService connections,
                           ConnectionTester tester, ImportRuns importRuns, OrderImportService imports,
                           OrderQueryService orders, ShipmentService shipments, StatusService status, AuditLog audit,
                           Set<ReadinessCheck> readiness, SyncScheduler scheduler, StorelinkMetrics metrics,
                           IdempotencyKeys idempotency, Clock clock) {
        this.config = config;
        this.token = ApiToken.loadOrCreate(config.tokenFile());
        this.plugins = plugins;
        this.connections = connections;
        this.tester = tester;
        this.importRuns = importRuns;
        this.imports = imports;
        this.orders = orders;
        this.shipments = shipments;
        this.status = status;
        this.audit = audit;
        this.readiness = readiness;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.idempotency = idempotency;
        this.openApi = openApiDocument();
    }

    /** @return the OpenAPI 3.1 document the server serves, as bytes */
    public static byte[] openApiDocument() {
        try (InputStream in = StorelinkServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts listening.
     *
     * @return the port it listens on (the configured one, or the one picked for port 0)
     */
    public synchronized int start() {
        app = Javalin.create(this::configure).start(config.bind(), config.port());
        LOG.info("Storelink API listening on http://{}:{} (token file {})", config.bind(), app.port(),
                config.tokenFile());
        return app.port();
    }

    /** @return the port, once started */
    public synchronized int port() {
        return app.port();
    }

    /**
     * Stops taking connections, lets the requests in flight and the running imports finish (up to the drain
     * timeout), then stops.
     */
    @Override
    public synchronized void close() {
        if (app != null) {
            LOG.info("Storelink API stopping: draining requests and import runs (up to {} s)",
                    config.drainTimeout().toSeconds());
            app.stop();
            app = null;
        }
        importRuns.drain(config.drainTimeout());
    }

    /**
     * Reads and drops a body refused by its length, when it is not much larger than allowed. Closing a connection
     * with a body unread makes the socket reset it while the client is still sending, and the client may then lose
     * the 413 that was already sent. A body larger than {@link #DRAIN_LIMIT} is not read: that connection is closed.
     */
    private static void drainRefusedBody(Context ctx, long length) throws IOException {
        if (length > DRAIN_LIMIT) {
            return;
        }
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        ctx.attribute(Problems.BODY_DRAINED, Boolean.TRUE);
    }

    private void configure(JavalinConfig javalin) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.http.maxRequestSize = config.maxBodyBytes();
        javalin.http.defaultContentType = JSON;
        javalin.jetty.modifyServer(server -> {
            // Graceful stop: no new requests, the ones in flight finish within the stop timeout.
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(config.drainTimeout().toMillis());
        });
        if (!config.corsAllowedOrigins().isEmpty()) {
            javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                List<String> origins = config.corsAllowedOrigins();
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                rule.exposeHeader("Location");
            }));
        }
        // The web console: static files from the console jar, its pages all answered by index.html.
        javalin.staticFiles.add(files -> {
            files.hostedPath = CONSOLE_PATH;
            files.directory = CONSOLE_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = CONSOLE_HEADERS;
        });
        javalin.spaRoot.addFile(CONSOLE_PATH, CONSOLE_DIRECTORY + "/index.html", Location.CLASSPATH);
        javalin.requestLogger.http((ctx, ms) -> LOG.info("{} {} {} {} ms", ctx.method(), ctx.path(),
                ctx.statusCode(), Math.round(ms)));
        var routes = javalin.routes;
        routes.exception(Exception.class, (failure, ctx) -> Problems.write(ctx, failure));
        // No endpoint matched (Javalin answers these itself): the same problem document.
        for (int status : new int[] {404, 405}) {
            routes.error(status, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problems.CONTENT_TYPE)) {
                    Problems.write(ctx, new io.javalin.http.HttpResponseException(status));
                }
            });
        }
        routes.before("/api/*", this::authenticate);
        routes.before("/metrics", this::authenticate);
        routes.before("/api/*", ctx -> {
            long length = ctx.req().getContentLengthLong();
            if (length > config.maxBodyBytes()) {
                drainRefusedBody(ctx, length);
                throw new ApiProblem(413, Problems.PAYLOAD_TOO_LARGE, "The request body is larger than "
                        + config.maxBodyBytes() + " bytes (storelink.server.max-body-size); nothing was changed",
                        List.of());
            }
        });

        routes.get("/", ctx -> ctx.redirect(CONSOLE_PATH + "/"));
        routes.get("/health/live", ctx -> json(ctx, 200, Views.object().put("status", "up")));
        routes.get("/health/ready", this::ready);
        routes.get("/metrics", this::scrape);

        routes.get("/api/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
        routes.get("/api/platforms", ctx -> json(ctx, 200, Views.platforms(plugins.platforms(), plugins.problems())));
        routes.get("/api/platforms/{platform}/schema", this::platformSchema);
        routes.get("/api/platforms/{platform}/ui-schema", this::platformUiSchema);

        routes.get("/api/connections", this::listConnections);
        routes.post("/api/connections", this::createConnection);
        routes.post("/api/connections/validate", this::validateConnection);
        routes.get("/api/connections/{name}", ctx -> json(ctx, 200, connectionView(connections.get(ctx.pathParam("name")))));
        routes.patch("/api/connections/{name}/settings", this::updateSettings);
        routes.put("/api/connections/{name}/secrets/{key}", this::rotateSecret);
        routes.delete("/api/connections/{name}", this::deleteConnection);
        routes.post("/api/connections/{name}/test", ctx -> {
            String name = connections.get(ctx.pathParam("name")).name();
            json(ctx, 200, Views.check(name, tester.test(name)));
        });

        routes.post("/api/connections/{name}/imports", this::startImport);
        routes.get("/api/connections/{name}/imports", this::recentImports);
        routes.get("/api/connections/{name}/imports/{run}", ctx -> {
            long run = longParam("run", ctx.pathParam("run"));
            json(ctx, 200, Views.run(imports.run(ctx.pathParam("name"), run), importRuns.progress(run)));
        });

        routes.get("/api/connections/{name}/orders", this::listOrders);
        routes.get("/api/connections/{name}/orders.jsonl", this::exportOrders);
        routes.get("/api/connections/{name}/orders/{number}", ctx -> json(ctx, 200,
                Views.order(orders.show(ctx.pathParam("name"), ctx.pathParam("number")))));

        routes.post("/api/connections/{name}/shipments", this::notifyShipment);
        routes.post("/api/connections/{name}/shipments/batch", this::batchShipments);
        routes.get("/api/shipments", ctx -> {
            query(ctx, "connection", "state");
            json(ctx, 200, Views.shipments(shipments.list(ctx.queryParam("connection"), ctx.queryParam("state"))));
        });
        routes.post("/api/shipments/retry-failed", ctx -> {
            query(ctx, "connection");
            json(ctx, 200, Views.shipments(shipments.retryAllFailed(ctx.queryParam("connection"))));
        });
        routes.post("/api/shipments/{id}/retry", ctx -> json(ctx, 200,
                Views.shipment(shipments.retry(longParam("id", ctx.pathParam("id"))))));

        routes.get("/api/status", ctx -> json(ctx, 200, Views.status(status.status(null))));
        routes.get("/api/schedule", ctx -> json(ctx, 200, Views.schedule(scheduler.running(), scheduler.settings(),
                scheduler.status())));
        routes.put("/api/connections/{name}/schedule", this::setSchedule);
        routes.delete("/api/connections/{name}/schedule", this::clearSchedule);
    }

    /**
     * A platform's connection form as JSON Schema; {@code ?dialect=2020-12} for 2020-12, draft-07 otherwise;
     * {@code ?keywords=standard} without the annotations no dialect defines.
     */
    private void platformSchema(Context ctx) {
        query(ctx, "dialect", "keywords");
        JsonSchemaRenderer.Dialect dialect = option(ctx, "dialect", JsonSchemaRenderer.Dialect.DRAFT_07,
                JsonSchemaRenderer.Dialect::parse);
        JsonSchemaRenderer.Keywords keywords = option(ctx, "keywords", JsonSchemaRenderer.Keywords.ALL,
                JsonSchemaRenderer.Keywords::parse);
        json(ctx, 200, new JsonSchemaRenderer().connectionSchema(platform(ctx.pathParam("platform")).descriptor(),
                dialect, keywords));
    }

    /** The layout of a platform's connection form for {@code ?renderer=rjsf} (the default) or {@code jsonforms}. */
    private void platformUiSchema(Context ctx) {
        query(ctx, "renderer");
        UiSchemaRenderer.Renderer renderer = option(ctx, "renderer", UiSchemaRenderer.Renderer.RJSF,
                UiSchemaRenderer.Renderer::parse);
        json(ctx, 200, new UiSchemaRenderer().uiSchema(platform(ctx.pathParam("platform")).descriptor(), renderer));
    }

    /** A query parameter read by {@code parse}; absent means {@code absent}; unreadable is a 400 naming it. */
    private static <T> T option(Context ctx, String name, T absent, java.util.function.Function<String, T> parse) {
        String text = ctx.queryParam(name);
        try {
            return text == null ? absent : parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.usage(name, e.getMessage());
        }
    }

    /**
     * The Prometheus text format of the registry, the outbox's gauges brought up to date first. Behind the API's
     * token like {@code /api}: the labels name connections, which are the operator's business.
     */
    private void scrape(Context ctx) {
        if (!(metrics.registry() instanceof PrometheusMeterRegistry prometheus)) {
            throw new ApiProblem(404, Problems.NOT_FOUND, "This server keeps no Prometheus metrics", List.of());
        }
        metrics.refreshOutboxGauges();
        ctx.status(200).contentType(PROMETHEUS_TEXT).result(prometheus.scrape());
    }

    private void setSchedule(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        RequestBody body = RequestBody.json(ctx, config.maxBodyBytes()).only("intervalSeconds");
        String seconds = body.number("intervalSeconds", true);
        Duration interval = null;
        if (seconds != null) {
            try {
                interval = Duration.ofSeconds(Long.parseLong(seconds));
            } catch (NumberFormatException e) {
                body.problem("intervalSeconds", "is " + seconds + "; expected a whole number of seconds, "
                        + ConnectionService.MIN_IMPORT_INTERVAL.toSeconds() + " to "
                        + ConnectionService.MAX_IMPORT_INTERVAL.toSeconds());
            }
        }
        body.done();
        connections.setImportInterval(name, interval);
        audit.record(actor(ctx), AuditLog.Action.SETTINGS_CHANGED, name, List.of(ConnectionService.IMPORT_INTERVAL));
        ctx.status(204);
    }

    private void clearSchedule(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        connections.clearImportInterval(name);
        audit.record(actor(ctx), AuditLog.Action.SETTINGS_CHANGED, name, List.of(ConnectionService.IMPORT_INTERVAL));
        ctx.status(204);
    }

    private void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS && !config.corsAllowedOrigins().isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (!token.matches(presented)) {
            throw new ApiProblem(401, Problems.UNAUTHORIZED, header == null
                    ? "No API token; send 'Authorization: Bearer <token>' with the token from the token file"
                    : "The API token was not accepted; use the token in the token file (storelink serve token rotate "
                    + "makes a new one)", List.of());
        }
    }

    private void ready(Context ctx) {
        ObjectNode document = Views.object();
        ArrayNode checks = document.putArray("checks");
        boolean ok = true;
        for (ReadinessCheck check : readiness) {
            ReadinessCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = ReadinessCheck.Result.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            ok &= result.ok();
            checks.addObject().put("name", check.name()).put("status", result.ok() ? "up" : "down")
                    .put("detail", result.detail());
        }
        document.put("status", ok ? "up" : "down");
        json(ctx, ok ? 200 : 503, document);
    }

    private PlatformPlugin platform(String id) {
        return plugins.find(id).orElseThrow(() -> ValidationException.notFound(List.of(new FieldError("platform",
                "'" + id + "' is not a known platform; expected one of: " + String.join(", ",
                        plugins.platforms().stream().map(plugin -> plugin.descriptor().id()).toList())))));
    }

    private ObjectNode connectionView(Connection connection) {
        return Views.connection(connection, connections.displayValues(connection));
    }

    private void listConnections(Context ctx) {
        ObjectNode document = Views.object();
        ArrayNode array = document.putArray("connections");
        connections.list().forEach(connection -> array.add(connectionView(connection)));
        json(ctx, 200, document);
    }

    /** The body of a create or a validate: {@code name}, {@code platform}, {@code values}. */
    private record Draft(String name, String platform, Map<String, String> values) {
    }

    private Draft draft(Context ctx) {
        RequestBody body = RequestBody.json(ctx, config.maxBodyBytes()).only("name", "platform", "values");
        Draft draft = new Draft(body.text("name", false), body.text("platform", false), body.values("values", false));
        body.done();
        return new Draft(draft.name(), draft.platform(), draft.values() == null ? Map.of() : draft.values());
    }

    private void validateConnection(Context ctx) {
        Draft draft = draft(ctx);
        connections.check(draft.name(), draft.platform(), draft.values());
        json(ctx, 200, Views.object().put("valid", true));
    }

    private void createConnection(Context ctx) {
        Draft draft = draft(ctx);
        Connection connection = connections.add(draft.name(), draft.platform(), draft.values());
        audit.record(actor(ctx), AuditLog.Action.CREATED, connection.name(), connection.storedValues().keySet());
        ctx.header("Location", "/api/connections/" + connection.name());
        json(ctx, 201, connectionView(connection));
    }

    private void updateSettings(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        RequestBody body = RequestBody.json(ctx, config.maxBodyBytes());
        Map<String, String> values = body.asValues();
        body.done();
        Connection updated = connections.updateSettings(name, values);
        audit.record(actor(ctx), AuditLog.Action.SETTINGS_CHANGED, updated.name(), values.keySet());
        json(ctx, 200, connectionView(updated));
    }

    private void rotateSecret(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        String key = ctx.pathParam("key");
        RequestBody body = RequestBody.json(ctx, config.maxBodyBytes()).only("value");
        String value = body.secretText("value");
        body.done();
        Connection updated = connections.rotateSecret(name, key, value);
        audit.record(actor(ctx), AuditLog.Action.SECRET_ROTATED, updated.name(), List.of(key));
        ctx.status(204);
    }

    private void deleteConnection(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        connections.remove(name);
        audit.record(actor(ctx), AuditLog.Action.DELETED, name, List.of());
        ctx.status(204);
    }

    private void startImport(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        long run = importRuns.start(name);
        ctx.header("Location", "/api/connections/" + name + "/imports/" + run);
        json(ctx, 202, Views.run(imports.run(name, run), importRuns.progress(run)));
    }

    /** The connection's recent import runs, newest first ({@code ?limit}, 20 by default). */
    private void recentImports(Context ctx) {
        query(ctx, "limit");
        String limitText = ctx.queryParam("limit");
        int limit = RECENT_RUNS;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw ApiProblem.usage("limit", "'" + limitText + "' is not a whole number; expected 1 to "
                        + OrderImportService.MAX_RECENT_RUNS);
            }
        }
        ObjectNode document = Views.object();
        ArrayNode array = document.putArray("runs");
        imports.recentRuns(ctx.pathParam("name"), limit).forEach(run -> array.add(Views.run(run,
                importRuns.progress(run.id()))));
        json(ctx, 200, document);
    }

    private void listOrders(Context ctx) {
        query(ctx, "status", "state", "placedSince", "q", "after", "limit");
        List<FieldError> errors = new ArrayList<>();
        Fulfilment fulfilment = null;
        String state = ctx.queryParam("state");
        if (state != null) {
            fulfilment = Arrays.stream(Fulfilment.values()).filter(each -> each.value().equals(state)).findFirst()
                    .orElse(null);
            if (fulfilment == null) {
                errors.add(new FieldError("state", "'" + state + "' is not a fulfilment state; expected one of: "
                        + "open, partly_shipped, shipped"));
            }
        }
        Instant since = null;
        String placedSince = ctx.queryParam("placedSince");
        if (placedSince != null) {
            try {
                since = Instant.parse(placedSince);
            } catch (DateTimeException e) {
                errors.add(new FieldError("placedSince", "'" + placedSince + "' is not an instant; expected "
                        + "ISO-8601 in UTC, e.g. 2026-01-31T00:00:00Z"));
            }
        }
        int limit = OrderQuery.DEFAULT_LIMIT;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "'" + limitText + "' is not a whole number; expected "
                        + OrderQuery.MIN_LIMIT + " to " + OrderQuery.MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.usage(errors);
        }
        String search = ctx.queryParam("q");
        OrderPage page = orders.page(ctx.pathParam("name"), new OrderQuery(ctx.queryParam("status"), fulfilment,
                since, search == null || search.isBlank() ? null : search.strip(), ctx.queryParam("after"), limit));
        ObjectNode document = Views.object();
        ArrayNode array = document.putArray("orders");
        page.orders().forEach(order -> array.add(Views.orderSummary(order)));
        document.put("next", page.next());
        json(ctx, 200, document);
    }

    private void exportOrders(Context ctx) throws IOException {
        query(ctx, "status");
        String name = connections.get(ctx.pathParam("name")).name();
        ctx.status(200);
        ctx.contentType(JSON_LINES);
        OutputStream out = ctx.outputStream();
        long written = orders.exportJsonLines(name, ctx.queryParam("status"), out);
        out.flush();
        LOG.info("Exported {} orders of connection {}", written, name);
    }

    private void notifyShipment(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            ShipmentRecord record = shipments.notify(name, shipmentRequest(RequestBody.json(ctx, config.maxBodyBytes())));
            json(ctx, 201, Views.shipment(record));
            return;
        }
        if (key.isBlank() || key.length() > IdempotencyKeys.MAX_KEY_LENGTH) {
            throw ApiProblem.usage("Idempotency-Key", "is " + key.length() + " characters; expected 1 to "
                    + IdempotencyKeys.MAX_KEY_LENGTH);
        }
        RequestBody body = RequestBody.json(ctx, config.maxBodyBytes());
        ShipmentRequest request = shipmentRequest(body);
        IdempotencyKeys.Answer answer = idempotency.answer("shipments " + name, key, body.canonical(), () ->
                new IdempotencyKeys.Answer(201, Views.bytes(Views.shipment(shipments.notify(name, request)))));
        ctx.status(answer.status()).contentType(JSON).result(answer.body());
    }

    private static ShipmentRequest shipmentRequest(RequestBody body) {
        body.only("order", "tracking", "lines", "notify", "comment", "shippedAt");
        String order = body.text("order", true);
        List<TrackingNumber> tracking = new ArrayList<>();
        List<RequestBody> tracks = body.objects("tracking", true);
        if (tracks != null && tracks.isEmpty()) {
            body.problem("tracking", "is empty; expected at least one tracking number");
        }
        for (RequestBody track : tracks == null ? List.<RequestBody>of() : tracks) {
            track.only("carrier", "number", "title");
            String carrier = track.text("carrier", true);
            String number = track.text("number", true);
            String title = track.text("title", false);
            if (carrier != null && number != null) {
                try {
                    tracking.add(new TrackingNumber(carrier, number, title));
                } catch (IllegalArgumentException e) {
                    track.problem("number", e.getMessage());
                }
            }
        }
        List<ShipmentLine> lines = new ArrayList<>();
        List<RequestBody> items = body.objects("lines", false);
        for (RequestBody item : items == null ? List.<RequestBody>of() : items) {
            item.only("sku", "lineId", "quantity");
            String sku = item.text("sku", false);
            String lineId = item.text("lineId", false);
            String quantity = item.number("quantity", true);
            if (quantity != null) {
                try {
                    lines.add(new ShipmentLine(sku, lineId, new BigDecimal(quantity)));
                } catch (IllegalArgumentException e) {
                    item.problem("quantity", e.getMessage());
                }
            }
        }
        boolean notify = body.bool("notify", false);
        String comment = body.text("comment", false);
        String shippedAtText = body.text("shippedAt", false);
        Instant shippedAt = null;
        if (shippedAtText != null) {
            try {
                shippedAt = Instant.parse(shippedAtText);
            } catch (DateTimeException e) {
                body.problem("shippedAt", "'" + shippedAtText + "' is not an instant; expected ISO-8601 in UTC, e.g. "
                        + "2026-01-31T14:00:00Z");
            }
        }
        body.done();
        return new ShipmentRequest(order, lines, tracking, shippedAt, notify, comment);
    }

    private void batchShipments(Context ctx) {
        String name = connections.get(ctx.pathParam("name")).name();
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        ShipmentFile.Format format;
        if (type.startsWith("text/csv")) {
            format = ShipmentFile.Format.CSV;
        } else if (type.startsWith(JSON_LINES) || type.startsWith("application/jsonl")) {
            format = ShipmentFile.Format.JSON_LINES;
        } else {
            throw new ApiProblem(415, Problems.UNSUPPORTED_MEDIA_TYPE, "Content-Type is '" + ctx.contentType()
                    + "'; expected text/csv or application/x-ndjson (JSON Lines)", List.of());
        }
        List<ShipmentFile.Row> rows;
        try {
            rows = ShipmentFile.read("upload", RequestBody.bytes(ctx, config.maxBodyBytes()), format);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(422, Problems.VALIDATION, "The batch was refused; nothing was sent",
                    List.of(new FieldError("body", e.getMessage())));
        }
        json(ctx, 200, Views.batch(shipments.sendBatch(name, rows, BATCH_CONCURRENCY, done -> {
        })));
    }

    /** Refuses query parameters an endpoint does not know: a typo must not widen a list silently. */
    private static void query(Context ctx, String... known) {
        List<String> allowed = List.of(known);
        List<FieldError> errors = new ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, "unknown query parameter; expected only: " + String.join(", ", known)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.usage(errors);
        }
    }

    private static long longParam(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.usage(name, "'" + value + "' is not a whole number; expected an id");
        }
    }

    private static String actor(Context ctx) {
        return "api-token@" + ctx.ip();
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(Views.bytes(body));
    }
}
