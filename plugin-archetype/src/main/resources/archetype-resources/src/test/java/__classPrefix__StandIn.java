package ${package};

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.storelink.testkit.StandInStore;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;

/**
 * A ${platformName} store over loopback: WireMock serving the stubs in src/test/resources/stand-in (mappings/ says
 * which request gets which answer, __files/ holds the answers). Replace the answers with ones recorded from a real
 * store (same file names, or add mappings), keeping {@link #ORDERS} and the page size in step.
 *
 * <p>The faults the conformance kit asks for are stubs added here at priority 1, above every file stub, and removed
 * by {@link #reset()}. The store applies an Idempotency-Key once, so its shipments are the distinct keys it was sent.
 */
final class ${classPrefix}StandIn implements StandInStore, AutoCloseable {

    /** The API key the stubs accept. */
    static final String API_KEY = "test-api-key";

    /** The ready orders the stubs hold: ids 1001 to 1120, in pages of 50. */
    static final int ORDERS = 120;

    final WireMockServer server;
    private final List<StubMapping> faults = new ArrayList<>();
    private final AtomicInteger scenarios = new AtomicInteger();

    ${classPrefix}StandIn() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .usingFilesUnderClasspath("stand-in"));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public Map<String, String> connectionValues() {
        return Map.of(${classPrefix}Platform.STORE_URL, url().toString(),
                ${classPrefix}Platform.API_KEY, API_KEY,
                ${classPrefix}Platform.IMPORT_STATUS, "ready");
    }

    @Override
    public int ordersReadyToShip() {
        return ORDERS;
    }

    /** The next {@code requests} requests, whatever they are, get a 503; each fault stub answers once. */
    @Override
    public void failNextRequests(int requests) {
        String scenario = "fail-" + scenarios.incrementAndGet();
        for (int i = 0; i < requests; i++) {
            faults.add(server.stubFor(any(anyUrl()).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1))
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                            .withBody("<html><body>503 Service Unavailable</body></html>"))));
        }
    }

    @Override
    public boolean refuseCredentials() {
        faults.add(server.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid API key\"}"))));
        return true;
    }

    /** The next shipment request is received (so applied: its key counts) and its connection dropped unanswered. */
    @Override
    public boolean loseNextShipAnswer() {
        faults.add(server.stubFor(post(urlPathMatching("/api/orders/[0-9]+/shipments")).atPriority(1)
                .inScenario("lose-" + scenarios.incrementAndGet())
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("lost")
                .willReturn(aResponse().withFault(CONNECTION_RESET_BY_PEER))));
        return true;
    }

    /** The shipments of an order: the distinct Idempotency-Keys of the shipment requests the store received. */
    @Override
    public int shipmentsOf(String orderNumber) {
        List<LoggedRequest> sent = server.findAll(postRequestedFor(
                urlPathEqualTo("/api/orders/" + orderNumber + "/shipments")));
        return (int) sent.stream().map(request -> request.getHeader("Idempotency-Key")).distinct().count();
    }

    /**
     * Removes the faults. The requests received are kept, as a real store keeps its shipments: the host's
     * idempotency key is derived from the notification (connection, order, tracking numbers, lines), so a different
     * notification, from this host or another, never comes with a key the store has seen.
     */
    @Override
    public void reset() {
        faults.forEach(server::removeStub);
        faults.clear();
    }

    @Override
    public void close() {
        server.stop();
    }
}
