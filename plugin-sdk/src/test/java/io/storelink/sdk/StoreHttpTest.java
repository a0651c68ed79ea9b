package io.storelink.sdk;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Secret;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StoreHttp against a WireMock store over loopback HTTP. */
final class StoreHttpTest extends LoopbackStore {

    private static final String TOKEN = "tok_SECRET_a1b2c3";
    private static final String CONSUMER_SECRET = "cs_SECRET_d4e5f6";

    private URI url() {
        return URI.create("http://localhost:" + store.port() + "/api");
    }

    private StoreHttp.Builder builder(TestContext context) {
        return StoreHttp.builder("Test store", url(), context).retryBackoff(Duration.ofMillis(10));
    }

    private StoreHttp bearer() {
        return builder(TestContext.standard()).bearer(Secret.of(TOKEN)).build();
    }

    private static ConnectorException catchFailure(Runnable call) {
        try {
            call.run();
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    private ConnectorException failure(StoreHttp http, String path) {
        try {
            http.get(path).send();
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("expected GET " + path + " to fail");
    }

    @Test
    void sendsTheBearerTokenUserAgentAndQueryAndReadsJsonAndHeaders() {
        store.stubFor(get(urlPathEqualTo("/api/orders")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("User-Agent", equalTo(TestContext.USER_AGENT))
                .withQueryParam("status", equalTo("paid & ready"))
                .willReturn(okJson("{\"items\":[1,2]}").withHeader("X-Total", "42")));
        try (StoreHttp http = bearer()) {
            StoreHttp.Response answer = http.get("/orders").query("status", "paid & ready").query("skip", null).send();

            assertThat(answer.json().path("items").size()).isEqualTo(2);
            assertThat(answer.headerLong("x-total", -1)).isEqualTo(42);
            assertThat(answer.header("X-Missing")).isEmpty();
        }
    }

    @Test
    void holdsARequestSlotOfTheHostsGateOnlyWhileItSendsAndReadsTheAnswer() {
        store.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[1,2,3]}")));
        java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        io.storelink.api.RequestGate gate = () -> {
            entered.incrementAndGet();
            open.incrementAndGet();
            return open::decrementAndGet;
        };
        TestContext standard = TestContext.standard();
        io.storelink.api.PlatformContext gated = new io.storelink.api.PlatformContext() {
            public java.time.Clock clock() { return standard.clock(); }
            public String userAgent() { return standard.userAgent(); }
            public Duration requestTimeout() { return standard.requestTimeout(); }
            public Duration requestDeadline() { return standard.requestDeadline(); }
            public long maxResponseBytes() { return standard.maxResponseBytes(); }
            public io.storelink.api.RequestGate requestGate() { return gate; }
        };
        try (StoreHttp http = StoreHttp.builder("Test store", url(), gated).bearer(Secret.of(TOKEN)).build()) {
            StoreHttp.Response answer = http.get("/orders").send();

            assertThat(open.get()).as("slots still held once the answer is read").isZero();
            assertThat(answer.json().path("items").size()).isEqualTo(3);
            http.get("/orders").send();
            assertThat(entered.get()).as("slots taken, one per request").isEqualTo(2);
        }
    }

    @Test
    void sendsBasicCredentialsAndPostsJson() {
        store.stubFor(post(urlPathEqualTo("/api/notes")).withBasicAuth("ck_key", CONSUMER_SECRET)
                .withRequestBody(equalToJson("{\"note\":\"Shipped\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":7}")));
        try (StoreHttp http = builder(TestContext.standard()).basic(Secret.of("ck_key"), Secret.of(CONSUMER_SECRET))
                .build()) {
            assertThat(http.post("/notes", Map.of("note", "Shipped")).json().path("id").asInt()).isEqualTo(7);
        }
    }

    @Test
    void sendsAQueryKeyPairAndNeverNamesItInMessages() {
        store.stubFor(get(urlPathEqualTo("/api/orders")).withQueryParam("consumer_key", equalTo("ck_key"))
                .withQueryParam("consumer_secret", equalTo(CONSUMER_SECRET))
                .willReturn(aResponse().withStatus(400).withBody("Bad request for /api/orders?consumer_key=ck_key"
                        + "&consumer_secret=" + CONSUMER_SECRET)));
        try (StoreHttp http = builder(TestContext.standard())
                .queryKey("consumer_key", Secret.of("ck_key"), "consumer_secret", Secret.of(CONSUMER_SECRET)).build()) {
            ConnectorException e = failure(http, "/orders");

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(e.getMessage()).contains("GET /api/orders with HTTP 400").contains("Bad request")
                    .doesNotContain(CONSUMER_SECRET).doesNotContain("ck_key");
        }
    }

    @Test
    void refusesAQueryKeyOverPlainHttpToAnotherHost() {
        assertThatThrownBy(() -> StoreHttp.builder("Test store", URI.create("http://shop.example.com"),
                TestContext.standard()).queryKey("k", Secret.of("a"), "s", Secret.of(CONSUMER_SECRET)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("not https").doesNotContain(CONSUMER_SECRET);
                });
    }

    @Test
    void mapsEachStatusToItsKindNamingMethodPathStatusAndBody() {
        Map<Integer, ErrorKind> kinds = Map.of(401, ErrorKind.AUTHENTICATION, 403, ErrorKind.AUTHENTICATION,
                404, ErrorKind.NOT_FOUND, 422, ErrorKind.REMOTE_REJECTED, 409, ErrorKind.REMOTE_REJECTED,
                500, ErrorKind.REMOTE_UNAVAILABLE, 503, ErrorKind.REMOTE_UNAVAILABLE, 429, ErrorKind.REMOTE_UNAVAILABLE,
                425, ErrorKind.REMOTE_UNAVAILABLE, 408, ErrorKind.REMOTE_UNAVAILABLE);
        try (StoreHttp http = builder(TestContext.standard()).bearer(Secret.of(TOKEN)).retries(0).build()) {
            kinds.forEach((status, kind) -> {
                store.stubFor(get(urlPathEqualTo("/api/s" + status)).willReturn(aResponse().withStatus(status)
                        .withBody("{\"message\":\"status " + status + " from the store\",\"token\":\"" + TOKEN + "\"}")));
                ConnectorException e = failure(http, "/s" + status);
                assertThat(e.kind()).as("HTTP %d", status).isEqualTo(kind);
                assertThat(e.getMessage()).as("HTTP %d", status)
                        .contains("Test store " + url() + " answered GET /api/s" + status + " with HTTP " + status)
                        .contains("status " + status + " from the store").doesNotContain(TOKEN);
                assertThat(StoreHttp.errorKind(status)).as("HTTP %d", status).isEqualTo(kind);
            });
        }
    }

    @Test
    void aNamedRequestIsCalledByItsNameInMessagesNotByItsPath() {
        store.stubFor(get(urlPathEqualTo("/api/rest/V1/orders/7")).willReturn(aResponse().withStatus(500)));
        try (StoreHttp http = builder(TestContext.standard()).retries(0).build()) {
            ConnectorException e = catchFailure(() -> http.get("/rest/V1/orders/7").named("GET /V1/orders/7").send());

            assertThat(e.getMessage()).contains("answered GET /V1/orders/7 with HTTP 500")
                    .doesNotContain("/api/rest");
        }
    }

    @Test
    void aPlatformMapperRefinesTheKind() {
        store.stubFor(get(urlPathEqualTo("/api/x")).willReturn(aResponse().withStatus(404).withBody("{\"code\":\"no_route\"}")));
        try (StoreHttp http = builder(TestContext.standard()).errors((answer, standard) ->
                answer.jsonIfAny().map(body -> body.path("code").asText()).orElse("").equals("no_route")
                        ? ConnectorException.of(ErrorKind.CONFIGURATION, standard.getMessage() + "; check the URL")
                        : standard).build()) {
            assertThat(failure(http, "/x").kind()).isEqualTo(ErrorKind.CONFIGURATION);
        }
    }

    @Test
    void passesRetryAfterOnAsSecondsOrAnHttpDateWhenLongerThanTheSdkWaits() {
        store.stubFor(get(urlPathEqualTo("/api/seconds")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120")));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(600).atOffset(ZoneOffset.UTC));
        store.stubFor(get(urlPathEqualTo("/api/date")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", date)));
        try (StoreHttp http = bearer()) {
            ConnectorException seconds = failure(http, "/seconds");
            assertThat(seconds.isRetriable()).isTrue();
            assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(failure(http, "/date").retryAfter()).hasValueSatisfying(wait ->
                    assertThat(wait).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600)));
        }
        // Longer than the 5 s the SDK waits: no retry within the call, the host waits.
        store.verify(1, getRequestedFor(urlPathEqualTo("/api/seconds")));
        assertThat(StoreHttp.retryAfter("soon", Instant.now())).isNull();
        assertThat(StoreHttp.retryAfter("Thu, 01 Jan 1970 00:00:00 GMT", Instant.now())).isEqualTo(Duration.ZERO);
    }

    @Test
    void aStoreThatFailsEverySecondGetStillAnswersThroughTheRetryHonouringAShortRetryAfter() {
        store.stubFor(get(urlPathEqualTo("/api/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("up"));
        store.stubFor(get(urlPathEqualTo("/api/flaky")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"ok\":true}")).willSetStateTo(Scenario.STARTED));
        try (StoreHttp http = bearer()) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/flaky").json().path("ok").asBoolean()).isTrue();
            }
        }
        store.verify(6, getRequestedFor(urlPathEqualTo("/api/flaky")));
    }

    @Test
    void givesUpAfterTheConfiguredRetriesAndNeverRetriesAPost() {
        store.stubFor(get(urlPathEqualTo("/api/down")).willReturn(aResponse().withStatus(502)));
        store.stubFor(post(urlPathEqualTo("/api/down")).willReturn(aResponse().withStatus(502)));
        try (StoreHttp http = bearer()) {
            assertThat(failure(http, "/down").kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThatThrownBy(() -> http.post("/down", Map.of()).send())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue());
        }
        store.verify(3, getRequestedFor(urlPathEqualTo("/api/down")));
        store.verify(1, postRequestedFor(urlPathEqualTo("/api/down")));
    }

    @Test
    void aStoreThatCannotBeReachedIsRemoteUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        try (StoreHttp http = StoreHttp.builder("Test store", closed, TestContext.standard()).retries(1)
                .retryBackoff(Duration.ofMillis(10)).build()) {
            ConnectorException e = failure(http, "/orders");
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("could not be reached for GET /orders: cannot connect (");
        }
    }

    @Test
    void aStoreSilentBeyondTheRequestTimeoutIsRemoteUnavailableSayingSo() {
        store.stubFor(get(urlPathEqualTo("/api/silent")).willReturn(okJson("{}").withFixedDelay(1500)));
        TestContext context = new TestContext(Duration.ofMillis(300), Duration.ofSeconds(5), 1 << 20);
        try (StoreHttp http = builder(context).retries(0).build()) {
            ConnectorException e = failure(http, "/silent");

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("could not be reached for GET /api/silent: no answer in time (");
        }
    }

    @Test
    void aBodyThatDripsFailsAtTheRequestDeadline() {
        store.stubFor(get(urlPathEqualTo("/api/drip")).willReturn(okJson("[" + "1,".repeat(200) + "1]")
                .withChunkedDribbleDelay(40, 4000)));
        TestContext context = new TestContext(Duration.ofSeconds(2), Duration.ofMillis(600), 1 << 20);
        try (StoreHttp http = builder(context).build()) {
            long start = System.nanoTime();
            ConnectorException e = failure(http, "/drip");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("within the request deadline of 600 ms")
                    .contains("its body was still coming");
        }
        store.verify(1, getRequestedFor(urlPathEqualTo("/api/drip")));
    }

    @Test
    void aBodyLargerThanTheCapFailsNamingTheLimitByLengthAndWhileReading() {
        store.stubFor(get(urlPathEqualTo("/api/big")).willReturn(okJson("\"" + "x".repeat(2000) + "\"")
                .withHeader("Content-Length", "2002")));
        store.stubFor(get(urlPathEqualTo("/api/chunked")).willReturn(okJson("\"" + "x".repeat(2000) + "\"")));
        TestContext context = new TestContext(Duration.ofSeconds(2), Duration.ofSeconds(5), 1000);
        try (StoreHttp http = builder(context).build()) {
            ConnectorException announced = failure(http, "/big");
            assertThat(announced.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(announced.getMessage()).contains("a body of 2002 bytes, more than the 1000 bytes")
                    .contains("maxResponseBytes");
            assertThat(failure(http, "/chunked").getMessage()).contains("a body of more than the 1000 bytes");
        }
    }

    @Test
    void closeAbortsARequestInFlight() throws Exception {
        store.stubFor(get(urlPathEqualTo("/api/slow")).willReturn(okJson("{}").withFixedDelay(2500)));
        StoreHttp http = bearer();
        CompletableFuture<ConnectorException> call = CompletableFuture.supplyAsync(() -> failure(http, "/slow"));
        awaitRequest();
        long start = System.nanoTime();
        http.close();

        ConnectorException e = call.get(2, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.getMessage()).contains("the connector was closed");
        assertThat(http.isClosed()).isTrue();
        assertThatThrownBy(() -> http.get("/slow").send()).isInstanceOfSatisfying(ConnectorException.class,
                later -> assertThat(later.kind()).isEqualTo(ErrorKind.CANCELLED));
    }

    @Test
    void anInterruptStopsTheRequestAsCancelledAndKeepsTheFlag() throws Exception {
        store.stubFor(get(urlPathEqualTo("/api/slow")).willReturn(okJson("{}").withFixedDelay(2500)));
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        try (StoreHttp http = bearer()) {
            CompletableFuture<ConnectorException> call = CompletableFuture.supplyAsync(() -> {
                caller.set(Thread.currentThread());
                ConnectorException e = failure(http, "/slow");
                flagKept.set(Thread.interrupted());
                return e;
            });
            awaitRequest();
            caller.get().interrupt();

            ConnectorException e = call.get(2, TimeUnit.SECONDS);

            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.isRetriable()).isFalse();
            assertThat(flagKept).isTrue();
        }
    }

    @Test
    void aSuccessThatIsNotJsonIsRefusedWithItsStartAndProbesMayReadAnyStatus() {
        store.stubFor(get(urlPathEqualTo("/api/html")).willReturn(aResponse().withStatus(200)
                .withBody("<html><body>Maintenance</body></html>")));
        store.stubFor(get(urlPathEqualTo("/api/public")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(404).withBody("nothing")));
        try (StoreHttp http = bearer()) {
            assertThatThrownBy(() -> http.get("/html").json()).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
                assertThat(e.getMessage()).contains("not JSON").contains("<html><body>Maintenance");
            });
            StoreHttp.Response probe = http.get("/public").withoutCredentials().anyStatus().send();
            assertThat(probe.status()).isEqualTo(404);
            assertThat(probe.text()).isEqualTo("nothing");
        }
    }

    @Test
    void followsAStoreUrlOnlyOnItsOwnOrigin() {
        try (StoreHttp http = bearer()) {
            assertThatThrownBy(() -> http.get(URI.create("https://elsewhere.example.com/api/orders?page=2")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
                        assertThat(e.getMessage()).contains("only sent to the store's own address");
                    });
        }
    }

    private void awaitRequest() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.getAllServeEvents().isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(store.getAllServeEvents()).as("requests the store received").isNotEmpty();
    }
}
