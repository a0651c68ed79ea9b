package io.storelink.testkit;

import com.sun.net.httpserver.HttpServer;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The kit's fault-proxy checks on a small HTTP plugin built by the test, in three builds: one that conforms, one
 * that needs two requests per batch and leaves every retry to the host, and one that reports a refused key as a
 * passing failure and drops {@code Retry-After}. The checks pass for the first and fail, saying why, for the others.
 */
final class FaultChecksTest {

    private static final int ORDERS = 12;

    @TempDir
    static Path work;

    private static HttpServer store;
    private static final AtomicInteger failNext = new AtomicInteger();
    static volatile String mode;

    @BeforeAll
    static void startStore() throws IOException {
        store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // GET /orders?after=N: up to 5 order ids above N, comma-separated; X-More says whether more follow.
        store.createContext("/orders", exchange -> {
            try (exchange) {
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                int after = Integer.parseInt(exchange.getRequestURI().getQuery().replace("after=", ""));
                String ids = IntStream.rangeClosed(after + 1, Math.min(after + 5, ORDERS)).mapToObj(Integer::toString)
                        .collect(Collectors.joining(","));
                exchange.getResponseHeaders().set("X-More", Boolean.toString(after + 5 < ORDERS));
                byte[] body = ids.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        // GET /count: how many orders there are; the two-requests build asks it with every batch.
        store.createContext("/count", exchange -> {
            try (exchange) {
                byte[] body = Integer.toString(ORDERS).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        store.start();
    }

    @AfterAll
    static void stopStore() {
        store.stop(0);
    }

    @Test
    void aConformingPluginPassesTheFaultChecks() {
        Map<String, String> outcomes = run("good");

        assertThat(outcomes.get("importCompletesWhenEverySecondRequestFails")).isEqualTo("SUCCESSFUL");
        assertThat(outcomes.get("storeErrorsMapToTheirErrorKinds")).isEqualTo("SUCCESSFUL");
        assertThat(outcomes.get("fullImportBringsEveryReadyOrderOnce")).isEqualTo("SUCCESSFUL");
    }

    @Test
    void twoRequestsPerBatchWithoutTheirOwnRetryFailWhenEverySecondRequestFails() {
        Map<String, String> outcomes = run("two-requests");

        assertThat(outcomes.get("fullImportBringsEveryReadyOrderOnce")).isEqualTo("SUCCESSFUL");
        assertThat(outcomes.get("importCompletesWhenEverySecondRequestFails")).startsWith("FAILED")
                .contains("the import with every second request failing failed");
    }

    @Test
    void aRefusedKeyReportedAsPassingAndALostRetryAfterAreNamed() {
        Map<String, String> outcomes = run("wrong-kinds");

        assertThat(outcomes.get("storeErrorsMapToTheirErrorKinds")).startsWith("FAILED")
                .contains("HTTP 401: failed as REMOTE_UNAVAILABLE, expected [AUTHENTICATION]")
                .contains("HTTP 503 with Retry-After: 7: the host's backoffs were");
    }

    private static Map<String, String> run(String buildMode) {
        mode = buildMode;
        Map<String, String> outcomes = new TreeMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request().selectors(selectClass(HttpChecks.class)).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    outcomes.put(method.getMethodName(), result.getStatus() + result.getThrowable()
                            .map(e -> ": " + e.getMessage()).orElse(""));
                }
            }
        });
        return outcomes;
    }

    /** The checks over the HTTP plugin; run only through {@link #run(String)}, as a nested class surefire skips. */
    static final class HttpChecks extends PluginConformanceTest {
        private static Path archive;

        @Override
        protected Path archive() {
            if (archive == null) {
                archive = buildHttpShop(work.resolve("built"));
            }
            return archive;
        }

        @Override
        protected StandInStore store() {
            return new StandInStore() {
                @Override
                public Map<String, String> connectionValues() {
                    return Map.of("store-url", "http://127.0.0.1:" + store.getAddress().getPort(), "api-key", "k3y",
                            "mode", mode);
                }

                @Override
                public int ordersReadyToShip() {
                    return ORDERS;
                }

                @Override
                public void failNextRequests(int requests) {
                    failNext.set(requests);
                }

                @Override
                public void reset() {
                    failNext.set(0);
                }
            };
        }
    }

    /**
     * A plugin that imports from the store above with java.net.http. Build {@code good} makes one request per batch
     * and maps statuses as the kit expects; {@code two-requests} also asks {@code /count} with every batch;
     * {@code wrong-kinds} reports 401 as a passing failure and never passes Retry-After on.
     */
    private static Path buildHttpShop(Path directory) {
        return PluginArchiveBuilder.plugin("httpshop-plugin").source("test.httpshop.HttpShopPlatform", """
                package test.httpshop;

                import io.storelink.api.*;
                import java.math.BigDecimal;
                import java.net.URI;
                import java.net.http.*;
                import java.time.*;
                import java.util.*;

                @org.pf4j.Extension
                public final class HttpShopPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("httpshop", "HTTP Shop", "1.0.0", "A shop over HTTP.",
                                Set.of(Capability.IMPORT_ORDERS),
                                Form.of(Field.builder("store-url", "Store URL", FieldType.url()).help("The shop.")
                                                .example("https://shop.example.com").required().build(),
                                        Field.builder("api-key", "API key", FieldType.secret()).help("The key.")
                                                .example("k3y").required().build()),
                                Form.of(Field.builder("mode", "Mode", FieldType.text()).help("Which build.")
                                        .example("good").required().build()));
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        String base = config.requireUrl("store-url").toString();
                        String mode = config.requireText("mode");
                        HttpClient http = HttpClient.newHttpClient();
                        return new StoreConnector() {
                            private HttpResponse<String> get(String path) {
                                try {
                                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                            .build(), HttpResponse.BodyHandlers.ofString());
                                    int status = answer.statusCode();
                                    if (status == 200) {
                                        return answer;
                                    }
                                    Duration retryAfter = answer.headers().firstValue("Retry-After")
                                            .filter(value -> !mode.equals("wrong-kinds"))
                                            .map(value -> Duration.ofSeconds(Long.parseLong(value))).orElse(null);
                                    ErrorKind kind = status == 401 || status == 403
                                            ? (mode.equals("wrong-kinds") ? ErrorKind.REMOTE_UNAVAILABLE : ErrorKind.AUTHENTICATION)
                                            : status == 404 ? ErrorKind.NOT_FOUND
                                            : status == 429 || status >= 500 ? ErrorKind.REMOTE_UNAVAILABLE
                                            : ErrorKind.REMOTE_REJECTED;
                                    throw ConnectorException.of(kind, "GET " + path + " answered " + status, null, retryAfter);
                                } catch (java.io.IOException e) {
                                    throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "GET " + path + ": " + e, e);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw ConnectorException.of(ErrorKind.CANCELLED, "interrupted", e);
                                }
                            }

                            public OrderBatch fetchOrders(ImportRequest request) {
                                int after = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
                                if (mode.equals("two-requests")) {
                                    get("/count");
                                }
                                HttpResponse<String> page = get("/orders?after=" + after);
                                List<Order> orders = new ArrayList<>();
                                int last = after;
                                for (String id : page.body().isEmpty() ? new String[0] : page.body().split(",")) {
                                    last = Integer.parseInt(id);
                                    orders.add(Order.builder(id, "HS-" + id, Instant.EPOCH).status("ready")
                                            .totals(new Totals("EUR", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO,
                                                    BigDecimal.ZERO, BigDecimal.ZERO))
                                            .customer(new Customer(null, null, null, true))
                                            .line(OrderLine.builder(id + "-1", "SKU-" + id, BigDecimal.ONE).build())
                                            .build());
                                }
                                boolean more = page.headers().firstValue("X-More").orElse("false").equals("true");
                                return new OrderBatch(orders, Integer.toString(last), more, -1, -1);
                            }

                            public void close() {
                            }
                        };
                    }
                }
                """).buildInto(directory);
    }
}
