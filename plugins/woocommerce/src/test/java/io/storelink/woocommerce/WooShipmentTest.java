package io.storelink.woocommerce;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ship notifications as order notes against the stand-in store over loopback HTTP. */
final class WooShipmentTest {

    private static final String ORDER = WooStandIn.API + "/orders/7";
    private static final String NOTES = ORDER + "/notes";
    private static final String KEY = "ship-7-a1b2";

    private final WooStandIn store = new WooStandIn();

    @BeforeEach
    void serveOrder() {
        store.server.stubFor(store.authorized(get(urlPathEqualTo(ORDER))).willReturn(okJson(WooStandIn.order(7)
                .toString())));
        store.server.stubFor(store.authorized(put(urlPathEqualTo(ORDER))).willReturn(okJson(WooStandIn.order(7)
                .put("status", "completed").toString())));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static Shipment shipment(int attempt, List<ShipmentLine> lines) {
        return new Shipment("7", "7", lines, List.of(new TrackingNumber("dhl", "JD0142", null)), null, true,
                null, KEY, attempt);
    }

    @Test
    void addsANoteWithTheTrackingNumberAndSetsTheShippedStatus() {
        store.server.stubFor(store.authorized(post(urlPathEqualTo(NOTES)))
                .willReturn(okJson("{\"id\":901,\"note\":\"x\",\"customer_note\":true}")));
        try (WooConnector connector = store.connect()) {
            ShipmentResult result = connector.notifyShipment(shipment(1,
                    List.of(new ShipmentLine("SKU-A", null, new BigDecimal("2")))));

            assertThat(result.remoteShipmentId()).isEqualTo("901");
            assertThat(result.alreadyExisted()).isFalse();
            assertThat(result.shipped()).containsExactly(new ShipmentResult.Shipped("71", "SKU-A", new BigDecimal("2")));
        }
        store.server.verify(1, postRequestedFor(urlPathEqualTo(NOTES))
                .withRequestBody(matchingJsonPath("$.customer_note", containing("true")))
                .withRequestBody(matchingJsonPath("$.note", containing("dhl JD0142")))
                .withRequestBody(matchingJsonPath("$.note", containing("[storelink " + KEY + "]"))));
        store.server.verify(1, putRequestedFor(urlPathEqualTo(ORDER))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));
    }

    @Test
    void aRetryAfterALostAnswerFindsTheEarlierNoteAndAddsNoSecond() {
        // The store keeps the note but the answer never arrives; from then on the note is listed.
        store.server.stubFor(store.authorized(post(urlPathEqualTo(NOTES))).inScenario("note")
                .whenScenarioStateIs(STARTED).willSetStateTo("noted")
                .willReturn(aResponse().withFault(CONNECTION_RESET_BY_PEER)));
        store.server.stubFor(store.authorized(get(urlPathEqualTo(NOTES))).inScenario("note")
                .whenScenarioStateIs("noted")
                .willReturn(okJson("[{\"id\":905,\"note\":\"Payment received.\"},{\"id\":901,\"note\":"
                        + "\"Shipped. Tracking: dhl JD0142. [storelink " + KEY + "]\",\"customer_note\":true}]")));
        try (WooConnector connector = store.connect()) {
            assertThatThrownBy(() -> connector.notifyShipment(shipment(1, List.of())))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE));

            ShipmentResult retried = connector.notifyShipment(shipment(2, List.of()));

            assertThat(retried.alreadyExisted()).isTrue();
            assertThat(retried.remoteShipmentId()).isEqualTo("901");
            assertThat(retried.shipped()).extracting(ShipmentResult.Shipped::lineId).containsExactly("71", "72");
        }
        store.server.verify(1, postRequestedFor(urlPathEqualTo(NOTES)));
        store.server.verify(1, putRequestedFor(urlPathEqualTo(ORDER)));
    }

    @Test
    void refusesToShipMoreThanWasOrderedAndTouchesNothing() {
        try (WooConnector connector = store.connect()) {
            assertThatThrownBy(() -> connector.notifyShipment(shipment(1,
                    List.of(new ShipmentLine("SKU-A", null, new BigDecimal("3"))))))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
                        assertThat(e.getMessage()).contains("order 7").contains("SKU-A")
                                .contains("3 requested, 2 ordered");
                    });
            assertThatThrownBy(() -> connector.notifyShipment(shipment(1,
                    List.of(new ShipmentLine("SKU-Z", null, BigDecimal.ONE)))))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.getMessage()).contains("has no SKU-Z").contains("SKU-A, SKU-B"));
        }
        store.server.verify(0, postRequestedFor(urlPathEqualTo(NOTES)));
        store.server.verify(0, putRequestedFor(urlPathEqualTo(ORDER)));
    }
}
