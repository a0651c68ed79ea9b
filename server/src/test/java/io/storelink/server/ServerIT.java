package io.storelink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import io.storelink.core.audit.AuditLog;
import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.storage.Database;
import io.storelink.core.testing.TestDatabases;
import io.storelink.core.connection.ConnectionService;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storelink serve}'s API end to end: a real server on a loopback port, a real client, a real home (its SQLite
 * file, or a PostgreSQL schema in the build's {@code postgresql} run) and the real Magento 2 plugin archive against
 * the Magento 2 sandbox. Every answer is checked against the OpenAPI document; bad input gets the right status and
 * problem, and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ServerIT {

    private static final String STORE_TOKEN = "it-a1b2c3d4e5f6g7h8";

    @TempDir
    static Path home;

    private MagentoSandbox sandbox;
    private TestServer server;
    private Injector injector;
    private ApiClient api;
    private Contract contract;
    private String token;

    @BeforeAll
    void start() throws Exception {
        sandbox = MagentoSandbox.builder().seed(11).orderCount(30).token(STORE_TOKEN, Acl.ALL).build().start();
        server = TestServer.start(home);
        injector = server.injector();
        token = server.token();
        contract = new Contract(StorelinkServer.openApiDocument());
        api = new ApiClient(server.port(), token, contract);
    }

    @AfterAll
    void stop() {
        assertThat(server.stop()).isTrue();
        sandbox.close();
    }

    @Test
    void theOpenApiDocumentIsValidOpenApi31AndIsServed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                new String(StorelinkServer.openApiDocument(), StandardCharsets.UTF_8), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/connections", "/api/connections/{name}/imports",
                "/api/connections/{name}/orders", "/api/connections/{name}/shipments", "/api/status", "/health/ready",
                "/metrics", "/api/schedule", "/api/connections/{name}/schedule");
        ApiClient.Response served = api.get("/api/openapi.json", "/api/openapi.json");
        assertThat(served.json()).isEqualTo(contract.document());
    }

    @Test
    void healthNeedsNoTokenAndReadinessChecksTheDatabaseAndThePlugins() {
        ApiClient.Response live = api.call("get", "/health/live", "/health/live").authorization(null).send();
        ApiClient.Response ready = api.call("get", "/health/ready", "/health/ready").authorization(null).send();

        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks")).extracting(check -> check.get("name").asText())
                .containsExactlyInAnyOrder("database", "plugins", "scheduler", "clock");
        // The run's engine is the server's: the clock check compares with PostgreSQL's clock, and has none on SQLite.
        boolean postgres = TestDatabases.postgres();
        assertThat(injector.getInstance(Database.class).engine())
                .isEqualTo(postgres ? DatabaseSettings.Engine.POSTGRESQL : DatabaseSettings.Engine.SQLITE);
        JsonNode clock = ready.json().get("checks").findParents("name").stream()
                .filter(check -> check.get("name").asText().equals("clock")).findFirst().orElseThrow();
        assertThat(clock.get("detail").asText()).endsWith(postgres ? " the database's" : "nothing to compare");
    }

    @Test
    void everyApiCallNeedsTheTokenWhichIsKeptOwnerOnly() throws Exception {
        ApiClient.Response missing = api.call("get", "/api/connections", "/api/connections").authorization(null).send();
        ApiClient.Response wrong = api.call("post", "/api/connections", "/api/connections").authorization("Bearer nope")
                .json(draft("sneaky")).send();
        ApiClient.Response basic = api.call("get", "/api/status", "/api/status").authorization("Basic " + token).send();

        for (ApiClient.Response response : List.of(missing, wrong, basic)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(names()).doesNotContain("sneaky");
        assertThat(Files.getPosixFilePermissions(home.resolve("api-token")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(token).startsWith("slk_").hasSizeGreaterThan(40);
    }

    @Test
    void listsPlatformsAndServesAPlatformsFormAsJsonSchema() {
        ApiClient.Response platforms = api.get("/api/platforms", "/api/platforms");
        ApiClient.Response schema = api.get("/api/platforms/{platform}/schema", "/api/platforms/magento2/schema");
        ApiClient.Response unknown = api.get("/api/platforms/{platform}/schema", "/api/platforms/shopify/schema");

        assertThat(platforms.json().get("platforms")).extracting(p -> p.get("id").asText()).contains("magento2");
        assertThat(schema.json().get("$id").asText()).isEqualTo("urn:storelink:platform:magento2:connection");
        assertThat(schema.json().get("properties").has("access-token")).isTrue();
        assertThat(schema.json().get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        ApiClient.Response modern = api.get("/api/platforms/{platform}/schema",
                "/api/platforms/magento2/schema?dialect=2020-12");
        assertThat(modern.json().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        ApiClient.Response badDialect = api.get("/api/platforms/{platform}/schema",
                "/api/platforms/magento2/schema?dialect=draft-04");
        assertThat(badDialect.status()).isEqualTo(400);
        assertThat(badDialect.json().get("errors").get(0).get("key").asText()).isEqualTo("dialect");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errors").get(0).get("message").asText()).contains("'shopify'", "magento2");
    }

    @Test
    void servesTheFormsLayoutForRjsfAndJsonFormsAndAStrictReadySchema() {
        ApiClient.Response rjsf = api.get("/api/platforms/{platform}/ui-schema", "/api/platforms/magento2/ui-schema");
        ApiClient.Response jsonForms = api.get("/api/platforms/{platform}/ui-schema",
                "/api/platforms/magento2/ui-schema?renderer=jsonforms");
        ApiClient.Response bad = api.get("/api/platforms/{platform}/ui-schema",
                "/api/platforms/magento2/ui-schema?renderer=uniforms");
        ApiClient.Response standard = api.get("/api/platforms/{platform}/schema",
                "/api/platforms/magento2/schema?keywords=standard");
        ApiClient.Response badKeywords = api.get("/api/platforms/{platform}/schema",
                "/api/platforms/magento2/schema?keywords=some");

        assertThat(rjsf.status()).isEqualTo(200);
        assertThat(rjsf.json().get("ui:order").get(0).asText()).isEqualTo("access-token");
        assertThat(rjsf.json().get("access-token").get("ui:widget").asText()).isEqualTo("password");
        assertThat(rjsf.json().get("import-delay").get("ui:help").asText()).contains("minutes");
        assertThat(jsonForms.json().get("elements")).extracting(group -> group.get("label").asText())
                .containsExactly("Credentials", "Import settings");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("key").asText()).isEqualTo("renderer");
        assertThat(bad.json().get("errors").get(0).get("message").asText())
                .isEqualTo("'uniforms' is not a supported renderer; expected rjsf or jsonforms");
        assertThat(standard.json().get("properties").get("access-token").has("airbyte_secret")).isFalse();
        assertThat(standard.json().has("groups")).isFalse();
        assertThat(standard.json().get("properties").get("access-token").get("format").asText()).isEqualTo("password");
        assertThat(badKeywords.status()).isEqualTo(400);
        assertThat(badKeywords.json().get("errors").get(0).get("message").asText()).contains("'some'", "standard");
    }

    @Test
    void strictAjvRefusesTheDefaultExportAndCompilesTheStandardOneWhichJudgesAsTheHostDoes() throws Exception {
        Path all = home.resolve("schema-all.json");
        Path standard = home.resolve("schema-standard.json");
        Path good = home.resolve("good.json");
        Path bad = home.resolve("bad.json");
        Files.writeString(all, api.get("/api/platforms/{platform}/schema", "/api/platforms/magento2/schema").text());
        Files.writeString(standard, api.get("/api/platforms/{platform}/schema",
                "/api/platforms/magento2/schema?keywords=standard").text());
        String goodValues = "{\"access-token\": \"${env:MAGENTO_TOKEN}\", \"store-url\": \"https://store.example.com\","
                + " \"store-view-code\": \" default \", \"import-delay\": 30, \"compact-ship-notification\": false}";
        Files.writeString(good, goodValues);
        Files.writeString(bad, "{\"store-url\": \"store.example.com\", \"store-view-code\": \"de\\u0007\"}");

        ConsoleBuild.Run refused = ConsoleBuild.node("test/ajv-strict.mjs", all.toString());
        ConsoleBuild.Run compiled = ConsoleBuild.node("test/ajv-strict.mjs", standard.toString(), good.toString(),
                bad.toString());

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(Contract.JSON.readTree(refused.out()).get("error").asText())
                .isEqualTo("strict mode: unknown keyword: \"groups\"");
        assertThat(compiled.exitCode()).as(compiled.err()).isZero();
        JsonNode results = Contract.JSON.readTree(compiled.out()).get("results");
        assertThat(results.get(0).get("valid").asBoolean()).as(results.toString()).isTrue();
        assertThat(results.get(1).get("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                " must have required property 'access-token'", "/store-url must match format \"uri\"",
                "/store-view-code must match pattern \"^(?![\\s\\S]*[\\u0000-\\u001F\\u007F])\"");
        ApiClient.Response byHost = api.call("post", "/api/connections/validate", "/api/connections/validate")
                .json("{\"name\": \"strict\", \"platform\": \"magento2\", \"values\": " + goodValues + "}").send();
        assertThat(byHost.status()).as(byHost.text()).isEqualTo(200);
    }

    @Test
    void validatesADraftReportingEveryFieldErrorByKeyAndSavesNothing() {
        ApiClient.Response bad = api.call("post", "/api/connections/validate", "/api/connections/validate")
                .json("{\"name\": \"bad name!\", \"platform\": \"magento2\", \"values\": {\"store-url\": \"ftp://x\"}}")
                .send();
        ApiClient.Response good = api.call("post", "/api/connections/validate", "/api/connections/validate")
                .json(draft("draft-only")).send();

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION");
        assertThat(bad.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(bad.json().get("errors")).extracting(error -> error.get("key").asText())
                .contains("name", "access-token", "store-url");
        assertThat(good.status()).isEqualTo(200);
        assertThat(names()).doesNotContain("draft-only");
    }

    @Test
    void everyOversizedBodyGetsItsAnswerNotAClosedConnection() {
        // A body refused by its Content-Length alone, closed unread, makes the server's socket reset the connection
        // while the client is still sending, and the client may lose the 413 that was already on its way.
        String body = "{\"name\": \"big\", \"platform\": \"magento2\", \"values\": {\"x\": \""
                + "a".repeat(200_000) + "\"}}";
        for (int attempt = 0; attempt < 40; attempt++) {
            ApiClient.Response oversize = api.call("post", "/api/connections", "/api/connections").json(body).send();
            assertThat(oversize.status()).as("attempt " + attempt).isEqualTo(413);
            assertThat(oversize.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(names()).doesNotContain("big");
    }

    @Test
    void refusesMalformedRequestsNamingTheFieldAndWritingNothing() {
        List<ApiClient.Response> refused = new ArrayList<>();
        refused.add(api.call("post", "/api/connections", "/api/connections")
                .json("{\"name\": 5, \"platform\": \"magento2\", \"values\": []}").send());
        refused.add(api.call("post", "/api/connections", "/api/connections")
                .json("{\"name\": \"typo\", \"platform\": \"magento2\", \"valuez\": {}}").send());
        refused.add(api.call("post", "/api/connections", "/api/connections").json("{\"name\": ").send());
        refused.add(api.call("post", "/api/connections", "/api/connections").json("[1, 2]").send());
        refused.add(api.call("post", "/api/connections", "/api/connections")
                .json("{\"name\": \"nested\", \"platform\": \"magento2\", \"values\": {\"store-url\": {\"a\": 1}}}").send());

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("code").asText()).isEqualTo("USAGE");
        });
        assertThat(refused.get(0).json().get("errors")).extracting(error -> error.get("key").asText() + ": "
                + error.get("message").asText()).containsExactly(
                "name: is the number 5; expected a string",
                "values: is an array; expected an object of field key to value");
        assertThat(refused.get(1).json().get("errors").get(0).get("key").asText()).isEqualTo("valuez");
        assertThat(refused.get(4).json().get("errors").get(0).get("key").asText()).isEqualTo("values.store-url");

        ApiClient.Response oversize = api.call("post", "/api/connections", "/api/connections")
                .json("{\"name\": \"big\", \"platform\": \"magento2\", \"values\": {\"x\": \"" + "a".repeat(20_000) + "\"}}")
                .send();
        ApiClient.Response notJson = api.call("post", "/api/connections", "/api/connections")
                .body("name=x".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded").send();
        assertThat(oversize.status()).isEqualTo(413);
        assertThat(oversize.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(names()).doesNotContain("typo", "nested", "big", "x");

        ApiClient.Response noRoute = api.get(null, "/api/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.contentType()).startsWith("application/problem+json");
    }

    @Test
    void managesAConnectionWithWriteOnlySecretsAndAuditsEveryChange() {
        ApiClient.Response created = api.call("post", "/api/connections", "/api/connections").json(draft("crud")).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/connections/crud");
        assertThat(created.json().get("credentials").get("access-token").asText()).isEqualTo("it-a…g7h8");

        ApiClient.Response again = api.call("post", "/api/connections", "/api/connections").json(draft("CRUD")).send();
        assertThat(again.status()).isEqualTo(422);

        ApiClient.Response list = api.get("/api/connections", "/api/connections");
        assertThat(list.json().get("connections")).extracting(c -> c.get("name").asText()).contains("crud");

        ApiClient.Response settings = api.call("patch", "/api/connections/{name}/settings", "/api/connections/crud/settings")
                .json("{\"import-delay\": 50}").send();
        assertThat(settings.status()).as(settings.text()).isEqualTo(200);
        assertThat(settings.json().get("settings").get("import-delay").asLong()).isEqualTo(50);
        ApiClient.Response badSettings = api.call("patch", "/api/connections/{name}/settings",
                "/api/connections/crud/settings").json("{\"import-delay\": \"lots\", \"access-token\": \"x\"}").send();
        assertThat(badSettings.status()).isEqualTo(422);
        assertThat(badSettings.json().get("errors")).extracting(e -> e.get("key").asText()).contains("access-token");
        assertThat(api.get("/api/connections/{name}", "/api/connections/crud").json().get("settings")
                .get("import-delay").asLong()).isEqualTo(50);

        ApiClient.Response rotated = api.call("put", "/api/connections/{name}/secrets/{key}",
                "/api/connections/crud/secrets/access-token").json("{\"value\": \"rotated-0000111122223333\"}").send();
        assertThat(rotated.status()).isEqualTo(204);
        ApiClient.Response notSecret = api.call("put", "/api/connections/{name}/secrets/{key}",
                "/api/connections/crud/secrets/store-url").json("{\"value\": \"https://x.example\"}").send();
        assertThat(notSecret.status()).isEqualTo(422);
        ApiClient.Response numberSecret = api.call("put", "/api/connections/{name}/secrets/{key}",
                "/api/connections/crud/secrets/access-token").json("{\"value\": 987654321}").send();
        assertThat(numberSecret.status()).isEqualTo(400);
        assertThat(numberSecret.text()).doesNotContain("987654321");

        ApiClient.Response test = api.call("post", "/api/connections/{name}/test", "/api/connections/crud/test").send();
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("passed").asBoolean()).isFalse();

        assertThat(api.call("delete", "/api/connections/{name}", "/api/connections/crud").send().status()).isEqualTo(204);
        assertThat(api.get("/api/connections/{name}", "/api/connections/crud").status()).isEqualTo(404);

        List<AuditLog.Entry> audit = injector.getInstance(AuditLog.class).entries("crud");
        assertThat(audit).extracting(AuditLog.Entry::action).containsExactly("connection.created",
                "connection.settings-changed", "connection.secret-rotated", "connection.deleted");
        assertThat(audit).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("api-token@127.0.0.1"));
        assertThat(audit.get(2).fields()).containsExactly("access-token");
        assertThat(audit.toString()).doesNotContain("rotated-0000111122223333", STORE_TOKEN);
        assertThat(api.bodies).noneMatch(body -> body.contains(STORE_TOKEN) || body.contains("rotated-0000111122223333"));
    }

    @Test
    void importsInTheBackgroundThenListsPagesShowsAndExportsTheOrders() throws Exception {
        create("shop");
        long processing = sandbox.store().orders().stream().filter(o -> "processing".equals(o.status())).count();

        ApiClient.Response started = api.call("post", "/api/connections/{name}/imports", "/api/connections/shop/imports").send();
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        long run = started.json().get("id").asLong();
        assertThat(started.header("Location")).isEqualTo("/api/connections/shop/imports/" + run);
        JsonNode finished = awaitRun("shop", run);
        assertThat(finished.get("result").asText()).isEqualTo("succeeded");
        assertThat(finished.get("imported").asLong()).isEqualTo(processing);
        assertThat(api.get("/api/connections/{name}/imports/{run}", "/api/connections/shop/imports/999999").status())
                .isEqualTo(404);
        assertThat(api.call("post", "/api/connections/{name}/imports", "/api/connections/nope/imports").send().status())
                .isEqualTo(404);
        recentRunsAreListedNewestFirst("shop", run, processing);

        List<String> numbers = new ArrayList<>();
        String after = null;
        do {
            ApiClient.Response page = api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?limit=4"
                    + (after == null ? "" : "&after=" + after));
            page.json().get("orders").forEach(order -> numbers.add(order.get("orderNumber").asText()));
            after = page.json().get("next").isNull() ? null : page.json().get("next").asText();
        } while (after != null);
        assertThat(numbers).hasSize((int) processing).doesNotHaveDuplicates();

        String number = numbers.get(0);
        ApiClient.Response searched = api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?q=" + number);
        assertThat(searched.json().get("orders")).extracting(o -> o.get("orderNumber").asText()).contains(number);
        assertThat(api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?state=shipped")
                .json().get("orders")).isEmpty();
        assertThat(api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?placedSince=2999-01-01T00:00:00Z")
                .json().get("orders")).isEmpty();
        ApiClient.Response badQuery = api.get("/api/connections/{name}/orders",
                "/api/connections/shop/orders?limit=many&state=lost&colour=red");
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.json().get("errors")).extracting(e -> e.get("key").asText()).containsExactly("colour");
        ApiClient.Response badValues = api.get("/api/connections/{name}/orders",
                "/api/connections/shop/orders?limit=many&state=lost");
        assertThat(badValues.json().get("errors")).extracting(e -> e.get("key").asText()).containsExactly("state", "limit");
        assertThat(api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?limit=501").status())
                .isEqualTo(422);

        ApiClient.Response order = api.get("/api/connections/{name}/orders/{number}", "/api/connections/shop/orders/" + number);
        assertThat(order.json().get("order").get("orderNumber").asText()).isEqualTo(number);
        assertThat(api.get("/api/connections/{name}/orders/{number}", "/api/connections/shop/orders/none").status())
                .isEqualTo(404);

        ApiClient.Response export = api.get("/api/connections/{name}/orders.jsonl", "/api/connections/shop/orders.jsonl");
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> lines = export.text().lines().toList();
        assertThat(lines).hasSize((int) processing);
        assertThat(Contract.JSON.readTree(lines.get(0)).get("lines").isArray()).isTrue();

        ApiClient.Response status = api.get("/api/status", "/api/status");
        JsonNode shop = null;
        for (JsonNode each : status.json().get("connections")) {
            shop = each.get("connection").asText().equals("shop") ? each : shop;
        }
        assertThat(shop).isNotNull();
        assertThat(shop.get("orders").get("total").asLong()).isEqualTo(processing);
        assertThat(shop.get("lastImport").get("result").asText()).isEqualTo("succeeded");

        sendsShipmentsOnce("shop", numbers);
        servesTheMetricsBehindTheToken();
    }

    /** After one finished run: the list of recent runs, a second run on top, bad limits refused. */
    private void recentRunsAreListedNewestFirst(String connection, long firstRun, long imported) throws Exception {
        String path = "/api/connections/" + connection + "/imports";
        JsonNode one = api.get("/api/connections/{name}/imports", path).json().get("runs");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("id").asLong()).isEqualTo(firstRun);
        assertThat(one.get(0).get("imported").asLong()).isEqualTo(imported);
        assertThat(one.get(0).get("finishedAt").isNull()).isFalse();

        long second = api.call("post", "/api/connections/{name}/imports", path).send().json().get("id").asLong();
        assertThat(awaitRun(connection, second).get("result").asText()).isEqualTo("succeeded");
        JsonNode two = api.get("/api/connections/{name}/imports", path).json().get("runs");
        assertThat(two).extracting(run -> run.get("id").asLong()).containsExactly(second, firstRun);
        assertThat(two.get(0).get("imported").asLong()).isZero();
        assertThat(api.get("/api/connections/{name}/imports", path + "?limit=1").json().get("runs"))
                .extracting(run -> run.get("id").asLong()).containsExactly(second);

        ApiClient.Response notANumber = api.get("/api/connections/{name}/imports", path + "?limit=all");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors").get(0).get("key").asText()).isEqualTo("limit");
        ApiClient.Response tooMany = api.get("/api/connections/{name}/imports", path + "?limit=201");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("errors").get(0).get("message").asText()).contains("201", "1 to 200");
        assertThat(api.get("/api/connections/{name}/imports", "/api/connections/nope/imports").status())
                .isEqualTo(404);
    }

    /** After the two imports and the shipments above: their counters and the outbox's depth, in Prometheus text. */
    private void servesTheMetricsBehindTheToken() {
        ApiClient.Response anonymous = api.call("get", "/metrics", "/metrics").authorization(null).send();
        ApiClient.Response wrong = api.call("get", "/metrics", "/metrics").authorization("Bearer nope").send();
        ApiClient.Response metrics = api.get("/metrics", "/metrics");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.text()).contains(
                "storelink_import_runs_total{connection=\"shop\",result=\"succeeded\"} 2",
                "storelink_orders_imported_total{connection=\"shop\"}",
                "storelink_import_run_seconds_count{connection=\"shop\"} 2",
                "storelink_ship_attempts_total{connection=\"shop\",result=\"sent\"}",
                "storelink_outbox_depth{connection=\"shop\",state=\"sent\"} 2")
                .doesNotContain(STORE_TOKEN, token);
    }

    @Test
    void aSecondImportWhileOneRunsIsBusyAndTheRunsProgressIsReadable() throws Exception {
        create("slow");
        sandbox.setLatency(Duration.ofMillis(300));
        try {
            ApiClient.Response started = api.call("post", "/api/connections/{name}/imports",
                    "/api/connections/slow/imports").send();
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            long run = started.json().get("id").asLong();
            ApiClient.Response again = api.call("post", "/api/connections/{name}/imports",
                    "/api/connections/SLOW/imports").send();
            JsonNode running = api.get("/api/connections/{name}/imports/{run}", "/api/connections/slow/imports/" + run)
                    .json();
            JsonNode schedule = scheduleOf("slow");

            assertThat(again.status()).as(again.text()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("BUSY");
            assertThat(running.get("result").asText()).isEqualTo("running");
            assertThat(running.get("progress").isObject()).as(running.toString()).isTrue();
            assertThat(schedule.get("running").asBoolean()).isTrue();
            assertThat(schedule.get("runId").asLong()).isEqualTo(run);
            sandbox.setLatency(Duration.ZERO);
            assertThat(awaitRun("slow", run).get("result").asText()).isEqualTo("succeeded");
        } finally {
            sandbox.setLatency(Duration.ZERO);
        }
        JsonNode after = scheduleOf("slow");
        assertThat(after.get("lastResult").asText()).isEqualTo("succeeded");
        assertThat(after.get("consecutiveFailures").asInt()).isZero();
        assertThat(after.get("lastError").isNull()).isTrue();
    }

    @Test
    void setsAndClearsAConnectionsOwnIntervalWhichTheSchedulerTakesUp() throws Exception {
        create("timed");
        ApiClient.Response set = api.call("put", "/api/connections/{name}/schedule", "/api/connections/timed/schedule")
                .json("{\"intervalSeconds\": 900}").send();
        assertThat(set.status()).as(set.text()).isEqualTo(204);
        JsonNode own = awaitSchedule("timed", 900);
        assertThat(own.get("ownInterval").asBoolean()).isTrue();

        ApiClient.Response tooShort = api.call("put", "/api/connections/{name}/schedule",
                "/api/connections/timed/schedule").json("{\"intervalSeconds\": 5}").send();
        ApiClient.Response notNumber = api.call("put", "/api/connections/{name}/schedule",
                "/api/connections/timed/schedule").json("{\"intervalSeconds\": \"15m\", \"every\": 1}").send();
        ApiClient.Response nobody = api.call("put", "/api/connections/{name}/schedule",
                "/api/connections/nobody/schedule").json("{\"intervalSeconds\": 900}").send();
        assertThat(tooShort.status()).as(tooShort.text()).isEqualTo(422);
        assertThat(tooShort.json().get("errors").get(0).get("key").asText()).isEqualTo("import-interval");
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(notNumber.json().get("errors")).extracting(e -> e.get("key").asText())
                .containsExactlyInAnyOrder("every", "intervalSeconds");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(awaitSchedule("timed", 900).get("ownInterval").asBoolean()).isTrue();

        ApiClient.Response cleared = api.call("delete", "/api/connections/{name}/schedule",
                "/api/connections/timed/schedule").send();
        assertThat(cleared.status()).isEqualTo(204);
        JsonNode host = awaitSchedule("timed", Duration.ofDays(1).toSeconds());
        assertThat(host.get("ownInterval").asBoolean()).isFalse();
        assertThat(host.get("nextRunAt").asText()).isNotEmpty();

        ApiClient.Response schedule = api.get("/api/schedule", "/api/schedule");
        assertThat(schedule.json().get("running").asBoolean()).isTrue();
        assertThat(schedule.json().get("importIntervalSeconds").asLong()).isEqualTo(Duration.ofDays(1).toSeconds());
        assertThat(injector.getInstance(AuditLog.class).entries("timed")).extracting(AuditLog.Entry::action)
                .containsExactly("connection.created", "connection.settings-changed", "connection.settings-changed");
    }

    @Test
    void aRotatedTokenTakesEffectWithoutARestart() {
        String rotated = ApiToken.rotate(home.resolve("api-token"));
        try {
            ApiClient.Response old = api.get("/api/status", "/api/status");
            ApiClient.Response fresh = api.call("get", "/api/status", "/api/status")
                    .authorization("Bearer " + rotated).send();

            assertThat(old.status()).isEqualTo(401);
            assertThat(fresh.status()).isEqualTo(200);
        } finally {
            token = rotated;
            api = new ApiClient(server.port(), token, contract);
        }
    }

    private JsonNode scheduleOf(String connection) {
        for (JsonNode each : api.get("/api/schedule", "/api/schedule").json().get("connections")) {
            if (each.get("connection").asText().equalsIgnoreCase(connection)) {
                return each;
            }
        }
        return Contract.JSON.createObjectNode();
    }

    /** The scheduler looks at the connections' intervals every second. */
    private JsonNode awaitSchedule(String connection, long intervalSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode state = scheduleOf(connection);
            if (state.path("intervalSeconds").asLong() == intervalSeconds || System.nanoTime() > deadline) {
                assertThat(state.path("intervalSeconds").asLong()).as(state.toString()).isEqualTo(intervalSeconds);
                return state;
            }
            Thread.sleep(50);
        }
    }

    /** Shipments on the orders imported above. */
    private void sendsShipmentsOnce(String connection, List<String> numbers) {
        String body = "{\"order\": \"" + numbers.get(1) + "\", \"tracking\": [{\"carrier\": \"ups\", \"number\": "
                + "\"1Z999AA10123456784\", \"title\": \"UPS\"}], \"notify\": false}";
        String path = "/api/connections/" + connection + "/shipments";
        ApiClient.Response first = api.call("post", "/api/connections/{name}/shipments", path)
                .header("Idempotency-Key", "ship-1").json(body).send();
        ApiClient.Response repeat = api.call("post", "/api/connections/{name}/shipments", path)
                .header("Idempotency-Key", "ship-1").json(body).send();
        ApiClient.Response reused = api.call("post", "/api/connections/{name}/shipments", path)
                .header("Idempotency-Key", "ship-1").json(body.replace("1Z999AA10123456784", "1Z999AA10123456785")).send();

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("state").asText()).isEqualTo("sent");
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.text()).isEqualTo(first.text());
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        ApiClient.Response badShipment = api.call("post", "/api/connections/{name}/shipments", path)
                .json("{\"order\": 7, \"tracking\": [], \"lines\": [{\"sku\": \"A\", \"quantity\": \"two\"}], \"gift\": true}")
                .send();
        assertThat(badShipment.status()).isEqualTo(400);
        assertThat(badShipment.json().get("errors")).extracting(e -> e.get("key").asText())
                .containsExactlyInAnyOrder("gift", "order", "tracking", "lines[0].quantity");

        String csv = "order,carrier,tracking\n" + numbers.get(2) + ",dhl,JD014600006281230704\n,dhl,\n";
        ApiClient.Response batch = api.call("post", "/api/connections/{name}/shipments/batch", path + "/batch")
                .body(csv.getBytes(StandardCharsets.UTF_8), "text/csv").send();
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.json().get("rows").asInt()).isEqualTo(2);
        assertThat(batch.json().get("sent").asInt()).isEqualTo(1);
        assertThat(batch.json().get("errors")).hasSize(1);
        ApiClient.Response badBatch = api.call("post", "/api/connections/{name}/shipments/batch", path + "/batch")
                .body("nope,nothing\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv").send();
        assertThat(badBatch.status()).isEqualTo(422);

        ApiClient.Response listed = api.get("/api/shipments", "/api/shipments?connection=" + connection);
        assertThat(listed.json().get("shipments")).hasSize(2);
        assertThat(api.get("/api/shipments", "/api/shipments?state=lost").status()).isEqualTo(422);
        long id = first.json().get("id").asLong();
        ApiClient.Response retrySent = api.call("post", "/api/shipments/{id}/retry", "/api/shipments/" + id + "/retry").send();
        assertThat(retrySent.status()).isEqualTo(422);
        assertThat(api.call("post", "/api/shipments/{id}/retry", "/api/shipments/999999/retry").send().status())
                .isEqualTo(404);
        ApiClient.Response retryAll = api.call("post", "/api/shipments/retry-failed",
                "/api/shipments/retry-failed?connection=" + connection).send();
        assertThat(retryAll.status()).isEqualTo(200);
        assertThat(retryAll.json().get("shipments")).isEmpty();
    }

    private JsonNode awaitRun(String connection, long run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode state = api.get("/api/connections/{name}/imports/{run}", "/api/connections/" + connection
                    + "/imports/" + run).json();
            if (!state.get("result").asText().equals("running") || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(50);
        }
    }

    private void create(String name) {
        ApiClient.Response created = api.call("post", "/api/connections", "/api/connections").json(draft(name)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private String draft(String name) {
        return "{\"name\": \"" + name + "\", \"platform\": \"magento2\", \"values\": {\"access-token\": \""
                + STORE_TOKEN + "\", \"store-url\": \"" + sandbox.baseUrl() + "\"}}";
    }

    private List<String> names() {
        return injector.getInstance(ConnectionService.class).list().stream().map(c -> c.name()).toList();
    }
}
