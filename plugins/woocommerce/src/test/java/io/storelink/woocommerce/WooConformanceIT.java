package io.storelink.woocommerce;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.storelink.testkit.PluginConformanceTest;
import io.storelink.testkit.StandInStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;

/** The built WooCommerce archive passes the plugin test kit's conformance checks against the stand-in over loopback. */
final class WooConformanceIT extends PluginConformanceTest {

    /** Enough processing orders for three batches of 100. */
    private static final int ORDERS = 250;

    private static WooStandIn woo;
    private static StandInStore store;

    @BeforeAll
    static void startStore() {
        woo = new WooStandIn();
        woo.serveOrders(WooStandIn.orders(1, ORDERS), List.of());
        woo.serveNotes();
        store = new KitStandIn(woo);
    }

    @AfterAll
    static void stopStore() {
        woo.close();
    }

    @Override
    protected Path archive() {
        return Path.of(System.getProperty("plugin.archive"));
    }

    @Override
    protected StandInStore store() {
        return store;
    }

    /**
     * The stand-in as the kit drives it: the faults are stubs at priority 1, above every answer of the store, each
     * in a scenario of its own so it answers as many requests as asked and then steps aside.
     */
    private static final class KitStandIn implements StandInStore {

        private final WooStandIn woo;
        private final List<StubMapping> faults = new ArrayList<>();
        private final AtomicInteger scenarios = new AtomicInteger();

        KitStandIn(WooStandIn woo) {
            this.woo = woo;
        }

        @Override
        public Map<String, String> connectionValues() {
            return Map.of(WooCommercePlatform.STORE_URL, woo.url().toString(),
                    WooCommercePlatform.CONSUMER_KEY, WooStandIn.KEY,
                    WooCommercePlatform.CONSUMER_SECRET, WooStandIn.SECRET,
                    WooCommercePlatform.ORDER_IMPORT_STATUS, "processing",
                    WooCommercePlatform.SHIPPED_STATUS, "completed");
        }

        @Override
        public int ordersReadyToShip() {
            return ORDERS;
        }

        @Override
        public void failNextRequests(int requests) {
            String scenario = "fail-" + scenarios.incrementAndGet();
            for (int i = 0; i < requests; i++) {
                faults.add(woo.server.stubFor(any(anyUrl()).atPriority(1).inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                        .willSetStateTo("failed-" + (i + 1))
                        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                                .withBody("<html><body>503 Service Unavailable</body></html>"))));
            }
        }

        @Override
        public boolean refuseCredentials() {
            faults.add(woo.server.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"woocommerce_rest_authentication_error\",\"message\":\"Invalid "
                            + "signature - provided signature does not match.\",\"data\":{\"status\":401}}"))));
            return true;
        }

        @Override
        public boolean loseNextShipAnswer() {
            // The note is stored (the transformer runs), then the connection drops without an answer.
            faults.add(woo.server.stubFor(woo.authorized(post(urlPathMatching(WooStandIn.API + "/orders/\\d+/notes")))
                    .atPriority(1).inScenario("lose-" + scenarios.incrementAndGet())
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("lost")
                    .willReturn(aResponse().withTransformers(WooNotes.NAME).withFault(CONNECTION_RESET_BY_PEER))));
            return true;
        }

        @Override
        public int shipmentsOf(String orderNumber) {
            return (int) woo.notes.of(Long.parseLong(orderNumber)).stream()
                    .filter(note -> note.contains("[storelink ")).count();
        }

        @Override
        public void reset() {
            faults.forEach(woo.server::removeStub);
            faults.clear();
        }
    }
}
