package io.storelink.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.storelink.sandbox.NewOrder.Line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FaultsTest {
    private static final String ORDERS = "/rest/V1/orders?searchCriteria[pageSize]=20";
    private static final String SHIP = "POST";

    private MagentoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.started(20);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void answersWithAStatusTheGivenNumberOfTimes() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        sandbox.faults().inject(Fault.status(503).on(SHIP, "/V1/order/\\d+/ship").times(1));

        SandboxClient.Reply failed = client.post("/rest/V1/order/" + order.entityId() + "/ship", "{}");
        SandboxClient.Reply retried = client.post("/rest/V1/order/" + order.entityId() + "/ship", "{}");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(sandbox.store().shipments(order.entityId())).as("a faulted request is not applied").hasSize(1);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(sandbox.faults().active()).isEmpty();
    }

    @Test
    void answers500AsMagentosMaskedError() {
        sandbox.faults().inject(Fault.status(500).on("/V1/orders"));

        SandboxClient.Reply reply = client.get(ORDERS);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().path("message").asText()).startsWith("Internal Error. Details are available in Magento log file.");
    }

    @Test
    void answers429WithRetryAfter() throws Exception {
        sandbox.faults().inject(Fault.retryAfter(2).on("GET", "/V1/orders").times(1));

        HttpResponse<String> response = client.sendRaw(client.request(ORDERS).GET().build());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        assertThat(client.get(ORDERS).status()).isEqualTo(200);
    }

    @Test
    void resetsTheConnection() {
        // java.net.http retries an idempotent request once when the connection dies before any response byte
        sandbox.faults().inject(Fault.reset().on("/V1/orders"));

        assertThatThrownBy(() -> new SandboxClient(sandbox).sendRaw(client.request(ORDERS).GET().build()))
                .isInstanceOf(IOException.class);
        assertThat(sandbox.requestLog().entries()).allMatch(entry -> entry.status() == 0 && entry.fault() == Fault.Kind.RESET);
        sandbox.faults().clear();
        assertThat(client.get(ORDERS).status()).isEqualTo(200);
    }

    @Test
    void resetsAWriteWithoutApplyingIt() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        sandbox.faults().inject(Fault.reset().on(SHIP, "/V1/order/\\d+/ship").times(1));
        HttpRequest ship = client.request("/rest/V1/order/" + order.entityId() + "/ship")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThatThrownBy(() -> client.sendRaw(ship)).isInstanceOf(IOException.class);
        assertThat(sandbox.store().shipments(order.entityId())).isEmpty();
    }

    @Test
    void truncatesTheBody() {
        sandbox.faults().inject(Fault.truncatedBody().on("/V1/orders").times(1));

        assertThatThrownBy(() -> new SandboxClient(sandbox).sendRaw(client.request(ORDERS).GET().build()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void servesAnHtmlPageInsteadOfJson() {
        sandbox.faults().inject(Fault.html().on("/V1/orders").times(1));

        SandboxClient.Reply reply = client.get(ORDERS);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).contains("<html");
    }

    @Test
    void dribblesASlowBody() {
        sandbox.faults().inject(Fault.slowBody(Duration.ofMillis(400)).on("/V1/orders").times(1));
        long start = System.nanoTime();

        SandboxClient.Reply reply = client.get(ORDERS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(reply.json().path("total_count").asInt()).isEqualTo(20);
    }

    @Test
    void dripsTheWholeResponseHeadersIncluded() throws Exception {
        sandbox.faults().inject(Fault.drip(Duration.ofMillis(25)).on("/V1/orders").times(1));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sandbox.port())) {
            socket.getOutputStream().write(("GET " + SandboxClient.encodeBrackets(ORDERS) + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + SandboxClient.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            byte[] statusLine = socket.getInputStream().readNBytes(12);

            assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("12 bytes, 25 ms apart")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
        assertThat(sandbox.requestLog().entries()).singleElement()
                .satisfies(entry -> assertThat(entry.fault()).isEqualTo(Fault.Kind.DRIP));
    }

    @Test
    void sendsAHugeBodyOfExactlyTheGivenSize() throws Exception {
        sandbox.faults().inject(Fault.hugeBody(300_000).on("/V1/orders").times(1));
        sandbox.faults().inject(Fault.hugeChunkedBody(300_001).on("/V1/orders").times(1));

        HttpResponse<String> announced = client.sendRaw(client.request(ORDERS).GET().build());
        HttpResponse<String> chunked = client.sendRaw(client.request(ORDERS).GET().build());

        assertThat(announced.headers().firstValue("Content-Length")).contains("300000");
        assertThat(announced.body()).hasSize(300_000);
        assertThat(Json.MAPPER.readTree(announced.body()).path("total_count").asInt(-1)).isZero();
        assertThat(chunked.headers().firstValue("Content-Length")).isEmpty();
        assertThat(chunked.headers().firstValue("Transfer-Encoding")).contains("chunked");
        assertThat(chunked.body()).hasSize(300_001);
        assertThat(Json.MAPPER.readTree(chunked.body()).path("items").isArray()).isTrue();
        assertThat(sandbox.requestLog().entries()).extracting(LoggedRequest::bodyBytesSent)
                .containsExactly(300_000L, 300_001L);
    }

    @Test
    void stopsAHugeBodyWhenTheClientGoesAway() throws Exception {
        long size = 4L * 1024 * 1024 * 1024;
        sandbox.faults().inject(Fault.hugeBody(size).on("/V1/orders").times(1));

        HttpResponse<InputStream> response = client.send(client.request(ORDERS).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.headers().firstValue("Content-Length")).contains(Long.toString(size));
            assertThat(body.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
        }

        LoggedRequest entry = awaitLogEntry();
        assertThat(entry.fault()).isEqualTo(Fault.Kind.HUGE_BODY);
        assertThat(entry.bodyBytesSent()).isBetween(1024L * 1024, 256L * 1024 * 1024);
    }

    @Test
    void commitsThenDropsTheConnection() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        sandbox.faults().inject(Fault.commitThenDrop().on(SHIP, "/V1/order/\\d+/ship").times(1));
        HttpRequest ship = client.request("/rest/V1/order/" + order.entityId() + "/ship")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThatThrownBy(() -> client.sendRaw(ship)).isInstanceOf(IOException.class);
        assertThat(sandbox.store().shipments(order.entityId())).as("the write happened").hasSize(1);
        assertThat(client.post("/rest/V1/order/" + order.entityId() + "/ship", "{}").json().path("message").asText())
                .contains("The order does not allow a shipment to be created.");
    }

    private LoggedRequest awaitLogEntry() throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sandbox.requestLog().size() == 0 && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        return sandbox.requestLog().entries().get(0);
    }

    @Test
    void letsTheFirstMatchesThrough() {
        sandbox.faults().inject(Fault.status(502).on("/V1/orders").afterMatches(2).times(1));

        assertThat(List.of(client.get(ORDERS).status(), client.get(ORDERS).status(), client.get(ORDERS).status(),
                client.get(ORDERS).status())).containsExactly(200, 200, 502, 200);
    }

    @Test
    void matchesStoreScopedAndIndexPhpPaths() {
        sandbox.faults().inject(Fault.status(503).on("GET", "/V1/orders"));

        assertThat(client.get("/index.php/rest/de/V1/orders?searchCriteria=").status()).isEqualTo(503);
        assertThat(client.get("/rest/V1/store/storeViews").status()).isEqualTo(200);
        sandbox.faults().clear();
        assertThat(client.get(ORDERS).status()).isEqualTo(200);
    }

    @Test
    void waitsTheConfiguredLatency() {
        sandbox.setLatency(Duration.ofMillis(250));
        long start = System.nanoTime();

        client.get(ORDERS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(240));
        assertThat(sandbox.requestLog().entries().get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }

    @Test
    void logsEveryRequest() {
        sandbox.faults().inject(Fault.status(503).on("/V1/orders/1").times(1));
        client.get("/rest/V1/orders/1");
        client.get(ORDERS);
        client.post("/rest/V1/order/1/ship", "{\"items\":[]}");

        List<LoggedRequest> entries = sandbox.requestLog().entries();

        assertThat(entries).extracting(LoggedRequest::method, LoggedRequest::path, LoggedRequest::fault).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/rest/V1/orders/1", Fault.Kind.STATUS),
                org.assertj.core.groups.Tuple.tuple("GET", "/rest/V1/orders", null),
                org.assertj.core.groups.Tuple.tuple("POST", "/rest/V1/order/1/ship", null));
        assertThat(entries.get(0).status()).isEqualTo(503);
        assertThat(entries.get(1).decodedQuery()).isEqualTo("searchCriteria[pageSize]=20");
        assertThat(entries.get(1).time()).isEqualTo(TestSandboxes.NOW);
        assertThat(entries.get(2).body()).isEqualTo("{\"items\":[]}");
        sandbox.requestLog().clear();
        assertThat(sandbox.requestLog().entries()).isEmpty();
    }
}
