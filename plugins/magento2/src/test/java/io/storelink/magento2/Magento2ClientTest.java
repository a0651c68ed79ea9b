package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the client turns Magento's answers and transport failures into ConnectorExceptions. */
final class Magento2ClientTest {

    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(5).orderCount(3).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void mapsEveryHttpStatusToAnErrorKindInOnePlace() {
        assertThat(Magento2Client.errorKind(400, "x")).isEqualTo(ErrorKind.REMOTE_REJECTED);
        assertThat(Magento2Client.errorKind(401, "x")).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(Magento2Client.errorKind(403, null)).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(Magento2Client.errorKind(404, "Request does not match any route.")).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(Magento2Client.errorKind(404, null)).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(Magento2Client.errorKind(404, "The entity that was requested doesn't exist."))
                .isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(Magento2Client.errorKind(301, null)).isEqualTo(ErrorKind.CONFIGURATION);
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(Magento2Client.errorKind(status, null)).as("HTTP %s", status)
                    .isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
        }
        assertThat(Magento2Client.errorKind(422, null)).isEqualTo(ErrorKind.REMOTE_REJECTED);
    }

    @Test
    void readsTheShipmentIdOfShipAsAStringOrANumber() {
        Magento2ShipmentData.ShipOrder request = new Magento2ShipmentData.ShipOrder(
                List.of(new Magento2ShipmentData.Item(7, java.math.BigDecimal.ONE)),
                List.of(new Magento2ShipmentData.Track("1Z1", "United Parcel Service", "ups")), null, false);
        try (FixtureServer server = new FixtureServer();
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            server.respond(200, "application/json", "\"3\"", Map.of());
            assertThat(client.shipOrder(12, request)).isEqualTo("3");
            server.respond(200, "application/json", "5", Map.of());
            assertThat(client.shipOrder(12, request)).isEqualTo("5");
            server.respond(200, "application/json", "{}", Map.of());
            ConnectorException noId = catchThrowableOfType(ConnectorException.class,
                    () -> client.shipOrder(12, request));
            assertThat(noId.isRetriable()).isTrue();
            assertThat(server.requests()).extracting(URI::getPath).containsOnly("/rest/V1/order/12/ship");
        }
    }

    @Test
    void rendersPositionalAndNamedParameters() {
        assertThat(Magento2Client.render("A shipment cannot be created when an order has a status of %1",
                List.of("holded"))).isEqualTo("A shipment cannot be created when an order has a status of holded");
        assertThat(Magento2Client.render("%1 of %2 and %10", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")))
                .isEqualTo("a of b and j");
        assertThat(Magento2Client.render("The consumer isn't authorized to access %resources.",
                Map.of("resources", "Magento_Sales::actions_view")))
                .isEqualTo("The consumer isn't authorized to access Magento_Sales::actions_view.");
        assertThat(Magento2Client.render("Maximum SearchCriteria pageSize is %max", Map.of("max", "300")))
                .isEqualTo("Maximum SearchCriteria pageSize is 300");
        assertThat(Magento2Client.render("plain", null)).isEqualTo("plain");
    }

    @Test
    void reportsARefusedTokenWithTheRenderedMessageAndTheBearerHint() {
        sandbox.setBearerDisabled(true);

        ConnectorException e = failure(sandbox.baseUrl());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 401: The consumer isn't authorized to access "
                + "Magento_Sales::actions_view.").contains("2.4.4").contains("enable_integration_as_bearer");
    }

    @Test
    void reportsAMissingRouteAsAWrongStoreUrl() {
        ConnectorException e = failure(URI.create(sandbox.baseUrl() + "/rest"));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(e.getMessage()).contains("Request does not match any route.").contains("Check the Store URL");
    }

    @Test
    void reportsARejectedRequestWithTheRenderedMessage() {
        try (FixtureServer server = new FixtureServer().respond(400, "application/json",
                "{\"message\":\"%fieldName is a required field.\",\"parameters\":{\"fieldName\":\"searchCriteria\"}}",
                Map.of())) {
            ConnectorException e = failure(server.baseUrl());

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("searchCriteria is a required field.");
        }
    }

    /** Uncapped, 100000 s too: the host decides how long it is willing to wait. */
    @ParameterizedTest
    @ValueSource(ints = {7, 100_000})
    void passesOnRetryAfterInSeconds(int seconds) {
        sandbox.faults().inject(Fault.retryAfter(seconds).times(1));

        ConnectorException e = failure(sandbox.baseUrl());

        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(seconds));
        assertThat(sandbox.requestLog().size()).as("the plugin does not retry itself").isEqualTo(1);
    }

    @Test
    void passesOnRetryAfterAsAnHttpDate() {
        String in90Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90));
        try (FixtureServer server = new FixtureServer().respond(503, "text/html", "<html>Maintenance</html>",
                Map.of("Retry-After", in90Seconds))) {
            ConnectorException e = failure(server.baseUrl());

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                    .isBetween(Duration.ofSeconds(80), Duration.ofSeconds(91)));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void treatsServerErrorsAndBrokenAnswersAsRetriable() {
        sandbox.faults().inject(Fault.status(500).times(1));
        sandbox.faults().inject(Fault.truncatedBody().times(1));
        sandbox.faults().inject(Fault.reset().times(1));
        sandbox.faults().inject(Fault.html().times(1));

        for (int attempt = 0; attempt < 4; attempt++) {
            ConnectorException e = failure(sandbox.baseUrl());
            assertThat(e.kind()).as("attempt %s: %s", attempt, e.getMessage()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
        }
        assertThat(sandbox.faults().active()).isEmpty();
    }

    @Test
    void treatsATimeoutAsRetriable() {
        sandbox.setLatency(Duration.ofSeconds(2));
        Magento2Config config = Magento2TestSupport.config(sandbox.baseUrl());

        try (Magento2Client client = new Magento2Client(config, Magento2TestSupport.context(Duration.ofMillis(300)))) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, client::storeViews);

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("no answer in time");
        }
    }

    @Test
    void aBugInAReaderIsAPluginFailureAndNotRetried() {
        IllegalStateException bug = new IllegalStateException("the reader lost its place");
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(sandbox.baseUrl()),
                Magento2TestSupport.context())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> client.getOrders("/orders/1",
                    List.of(), "GET /V1/orders/1", parser -> {
                        parser.nextToken();
                        throw bug;
                    }));

            assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getCause()).isSameAs(bug);
            assertThat(e.getMessage()).contains("GET /V1/orders/1").contains(sandbox.baseUrl().toString())
                    .contains("the reader lost its place").contains("bug in the plugin");
        }
    }

    @Test
    void jsonThatIsNotAnOrderIsTheStoresRetriableAnswerNotAPluginFailure() {
        try (FixtureServer server = new FixtureServer().respond(200, "application/json", "{\"entity_id\": [1, 2",
                Map.of());
             Magento2Client client = new Magento2Client(Magento2TestSupport.config(server.baseUrl()),
                     Magento2TestSupport.context())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> client.order(1));

            assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("GET /V1/orders/1");
        }
    }

    @Test
    void reusesOneClientForManyRequests() {
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(sandbox.baseUrl()),
                Magento2TestSupport.context())) {
            for (int request = 0; request < 20; request++) {
                assertThat(client.storeViews()).extracting(Magento2OrderData.StoreView::code)
                        .containsExactly("admin", "default", "de", "fr");
            }
        }
        assertThat(sandbox.requestLog().size()).isEqualTo(20);
    }

    private static ConnectorException failure(URI storeUrl) {
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(storeUrl),
                Magento2TestSupport.context())) {
            return catchThrowableOfType(ConnectorException.class,
                    () -> client.searchOrders(Magento2SearchCriteria.builder().pageSize(1).build()));
        }
    }
}
