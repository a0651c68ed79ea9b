package ${package};

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Field;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.Secret;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;
import io.storelink.api.TrackingNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform and its connector on their own, against the stand-in store over loopback. */
final class ${classPrefix}ConnectorTest {

    private static final Instant RUN = Instant.parse("2025-04-01T12:00:00Z");

    private static ${classPrefix}StandIn store;

    @BeforeAll
    static void startStore() {
        store = new ${classPrefix}StandIn();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @AfterEach
    void resetStore() {
        store.reset();
    }

    @Test
    void describesThePlatformWithHelpOnEveryField() {
        PlatformDescriptor descriptor = new ${classPrefix}Platform().descriptor();

        assertThat(descriptor.id()).isEqualTo("${platformId}");
        assertThat(Stream.concat(descriptor.credentials().fields().stream(), descriptor.settings().fields().stream())
                .map(Field::key)).containsExactly(${classPrefix}Platform.STORE_URL, ${classPrefix}Platform.API_KEY,
                ${classPrefix}Platform.IMPORT_STATUS);
        assertThat(descriptor.credentials().field(${classPrefix}Platform.API_KEY).orElseThrow().isSecret()).isTrue();
    }

    @Test
    void importsEveryReadyOrderOnceAcrossPagesAndMapsItsParts() {
        try (StoreConnector connector = connect(${classPrefix}StandIn.API_KEY)) {
            ${classPrefix}Connector ranged = (${classPrefix}Connector) connector;
            ImportPlan plan = ranged.planImport(new ImportRequest(null, RUN, true));
            assertThat(plan.ranges()).containsExactly(ImportRange.ALL);

            List<Order> orders = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            String token = null;
            do {
                OrderPage page = ranged.fetchPage(new PageRequest(ImportRange.ALL, token, null, RUN));
                assertThat(page.failed()).isEmpty();
                orders.addAll(page.orders());
                cursors.add(page.cursor());
                token = page.nextPageToken();
            } while (token != null);

            assertThat(orders).hasSize(${classPrefix}StandIn.ORDERS);
            assertThat(orders).extracting(Order::platformOrderId).doesNotHaveDuplicates()
                    .startsWith("1001", "1002").endsWith("1120");
            assertThat(cursors).containsExactly("1050", "1100", "1120");

            Order first = orders.get(0);
            assertThat(first.orderNumber()).isEqualTo("1001");
            assertThat(first.placedAt()).isEqualTo(Instant.parse("2025-03-01T08:00:00Z"));
            assertThat(first.status()).isEqualTo("ready");
            assertThat(first.customer().email()).isEqualTo("ada.lovelace@example.com");
            assertThat(first.shippingAddress().city()).isEqualTo("London");
            assertThat(first.shippingAddress().countryCode()).isEqualTo("GB");
            assertThat(first.totals().grandTotal()).isEqualByComparingTo("14.85");
            assertThat(first.lines()).singleElement().satisfies(line -> {
                assertThat(line.sku()).isEqualTo("MUG-BLUE");
                assertThat(line.quantityOrdered()).isEqualByComparingTo("1");
                assertThat(line.unitPrice()).isEqualByComparingTo("9.95");
            });
        }
    }

    @Test
    void resumesAfterTheStoredCursor() {
        try (StoreConnector connector = connect(${classPrefix}StandIn.API_KEY)) {
            OrderPage page = ((${classPrefix}Connector) connector)
                    .fetchPage(new PageRequest(ImportRange.ALL, null, "1100", RUN));

            assertThat(page.orders()).extracting(Order::platformOrderId).hasSize(20).startsWith("1101");
            assertThat(page.hasMore()).isFalse();
            assertThat(page.cursor()).isEqualTo("1120");
        }
    }

    @Test
    void sendsAShipmentWithTheBearerKeyAndTheHostsIdempotencyKey() {
        try (StoreConnector connector = connect(${classPrefix}StandIn.API_KEY)) {
            Shipment shipment = new Shipment("1001", "1001", List.of(),
                    List.of(new TrackingNumber("ups", "1Z999AA10123456784", null)), RUN, true, null,
                    "storelink-test-key-1", 1);

            ShipmentResult result = connector.notifyShipment(shipment);

            assertThat(result.remoteShipmentId()).isEqualTo("shp-5001");
            assertThat(result.alreadyExisted()).isFalse();
            store.server.verify(1, postRequestedFor(urlPathEqualTo("/api/orders/1001/shipments"))
                    .withHeader("Authorization", equalTo("Bearer " + ${classPrefix}StandIn.API_KEY))
                    .withHeader("Idempotency-Key", equalTo("storelink-test-key-1"))
                    .withRequestBody(matchingJsonPath("tracking[0].number", equalTo("1Z999AA10123456784"))));
        }
    }

    @Test
    void aRefusedKeyIsAnAuthenticationFailureAndFailsTheConnectionTestWithARemedy() {
        try (StoreConnector connector = connect("not-the-key")) {
            assertThatThrownBy(() -> ((${classPrefix}Connector) connector)
                    .fetchPage(new PageRequest(ImportRange.ALL, null, null, RUN)))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));

            ConnectionCheck check = connector.check();
            assertThat(check.passed()).isFalse();
            assertThat(check.steps()).extracting(ConnectionCheck.Step::outcome).containsExactly(
                    ConnectionCheck.Outcome.PASSED, ConnectionCheck.Outcome.FAILED);
            assertThat(check.steps().get(1).remedy()).contains(${classPrefix}Platform.API_KEY);
        }
    }

    @Test
    void aStoreFailingForAMomentIsAskedAgainAndFailingLongerIsRetriableByTheHost() {
        try (StoreConnector connector = connect(${classPrefix}StandIn.API_KEY)) {
            ${classPrefix}Connector ranged = (${classPrefix}Connector) connector;
            int before = store.server.findAll(getRequestedFor(urlPathEqualTo("/api/orders"))).size();
            store.failNextRequests(1);

            // The SDK sends a GET that failed for a passing reason again itself: the page arrives.
            assertThat(ranged.fetchPage(new PageRequest(ImportRange.ALL, null, null, RUN)).orders()).hasSize(50);
            assertThat(store.server.findAll(getRequestedFor(urlPathEqualTo("/api/orders")))).hasSize(before + 2);

            // Failing on every attempt the SDK makes (1 + 2 retries), the page fails as retriable: the host retries.
            store.failNextRequests(3);
            assertThatThrownBy(() -> ranged.fetchPage(new PageRequest(ImportRange.ALL, null, null, RUN)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP 503");
                    });
            assertThat(ranged.fetchPage(new PageRequest(ImportRange.ALL, null, null, RUN)).orders()).hasSize(50);
        }
    }

    @Test
    void reportsAnUnreadableOrderWithTheFieldAndImportsTheRest() {
        StubMapping page = store.server.stubFor(get(urlPathEqualTo("/api/orders")).atPriority(1)
                .withQueryParam("after_id", equalTo("2000"))
                .willReturn(okJson("{\"orders\": ["
                        + "{\"id\": 2001, \"status\": \"ready\", \"created_at\": \"2025-03-10T08:00:00Z\", "
                        + "\"currency\": \"EUR\", \"total\": 5, "
                        + "\"lines\": [{\"id\": \"2001-1\", \"quantity\": 1}]}, "
                        + "{\"id\": 2002, \"status\": \"ready\", \"created_at\": \"2025-03-10 09:00:00\", "
                        + "\"currency\": \"EUR\", \"total\": \"7.50\", \"lines\": [{\"id\": \"2002-1\", \"sku\": \"MUG-BLUE\", "
                        + "\"quantity\": \"2\"}]}], \"has_more\": false}")));
        try (StoreConnector connector = connect(${classPrefix}StandIn.API_KEY)) {
            OrderPage result = ((${classPrefix}Connector) connector)
                    .fetchPage(new PageRequest(ImportRange.ALL, null, "2000", RUN));

            assertThat(result.orders()).singleElement().satisfies(order -> {
                assertThat(order.platformOrderId()).isEqualTo("2002");
                assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));
                assertThat(order.totals().grandTotal()).isEqualByComparingTo("7.50");
                assertThat(order.lines().get(0).quantityOrdered()).isEqualByComparingTo("2");
            });
            assertThat(result.failed()).singleElement().satisfies(failure -> {
                assertThat(failure.platformOrderId()).isEqualTo("2001");
                assertThat(failure.reason()).contains("lines[0].sku is missing");
            });
            assertThat(result.cursor()).isEqualTo("2002");
            assertThat(result.hasMore()).isFalse();
        } finally {
            store.server.removeStub(page);
        }
    }

    @Test
    void refusesAPlainHttpStoreUrlOutsideLocalhost() {
        ConnectionConfig config = new ConnectionConfig("shop", Map.of(
                ${classPrefix}Platform.STORE_URL, URI.create("http://shop.example.com"),
                ${classPrefix}Platform.API_KEY, Secret.of("key"),
                ${classPrefix}Platform.IMPORT_STATUS, "ready"));

        assertThatThrownBy(() -> new ${classPrefix}Platform().connect(config, CONTEXT))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessageContaining("https");
    }

    private static StoreConnector connect(String apiKey) {
        return new ${classPrefix}Platform().connect(new ConnectionConfig("test", Map.of(
                ${classPrefix}Platform.STORE_URL, store.url(),
                ${classPrefix}Platform.API_KEY, Secret.of(apiKey),
                ${classPrefix}Platform.IMPORT_STATUS, "ready")), CONTEXT);
    }

    /** What the host would hand the plugin: its clock and limits. */
    private static final PlatformContext CONTEXT = new PlatformContext() {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public String userAgent() {
            return "storelink-plugin-test";
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(10);
        }
    };
}
