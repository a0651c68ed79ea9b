package io.storelink.magento2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.LoggedRequest;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import io.storelink.sandbox.Order;
import io.storelink.sandbox.OrderItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Ship notifications against the stateful sandbox over loopback, with compact shipments on and off. */
final class Magento2ShipmentNotifierTest {

    private static final String NO_PRODUCTS_TOKEN = "no-products-token";
    private static final String SHIP_PATH = "/rest/V1/order/\\d+/ship";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private MagentoSandbox sandbox;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsASimpleLinePartlyThenTheRest(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 3));
        Magento2Connector connector = connector(compact);

        ShipmentResult first = connector.notifyShipment(shipment(order, "1Z001", sku(Catalog.SIMPLE, "2")));

        OrderItem simple = item(order, Catalog.SIMPLE, false);
        assertThat(first.alreadyExisted()).isFalse();
        assertThat(first.shipped()).extracting(ShipmentResult.Shipped::lineId, ShipmentResult.Shipped::sku,
                ShipmentResult.Shipped::quantity).containsExactly(tuple(id(simple), Catalog.SIMPLE, new BigDecimal("2")));
        assertThat(first.remoteShipmentId()).isEqualTo(Long.toString(
                sandbox.store().shipments(order.entityId()).get(0).entityId()));
        assertThat(qtyShipped(order, simple)).isEqualTo(2);

        ShipmentResult rest = connector.notifyShipment(shipment(order, "1Z002"));

        assertThat(rest.shipped()).extracting(ShipmentResult.Shipped::quantity).containsExactly(BigDecimal.ONE);
        assertThat(qtyShipped(order, simple)).isEqualTo(3);
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(2)
                .flatExtracting(io.storelink.sandbox.Shipment::tracks)
                .extracting(io.storelink.sandbox.Shipment.Track::trackNumber, io.storelink.sandbox.Shipment.Track::title,
                        io.storelink.sandbox.Shipment.Track::carrierCode)
                .containsExactly(tuple("1Z001", "United Parcel Service", "ups"),
                        tuple("1Z002", "United Parcel Service", "ups"));
        if (compact) {
            assertThat(sandbox.store().order(order.entityId()).state()).isEqualTo("complete");
        }
        assertThat(posts()).allSatisfy(post -> assertThat(post.body()).doesNotContain("\"items\":[]"));
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsAConfigurableThroughItsParentLine(boolean compact) {
        Order order = order(line(Catalog.CONFIGURABLE_CHILD, 2), line(Catalog.SIMPLE, 1));
        Magento2Connector connector = connector(compact);
        OrderItem parent = item(order, Catalog.CONFIGURABLE_CHILD, false);

        ShipmentResult bySku = connector.notifyShipment(shipment(order, "1Z010", sku(Catalog.CONFIGURABLE_CHILD, "1")));
        ShipmentResult byLine = connector.notifyShipment(shipment(order, "1Z011",
                new ShipmentLine(null, id(parent), BigDecimal.ONE)));

        assertThat(shippedItemIds()).containsOnly(parent.itemId());
        assertThat(qtyShipped(order, parent)).isEqualTo(2);
        assertThat(List.of(bySku, byLine)).allSatisfy(result -> assertThat(result.shipped())
                .extracting(ShipmentResult.Shipped::lineId, ShipmentResult.Shipped::sku,
                        ShipmentResult.Shipped::quantity)
                .containsExactly(tuple(id(parent), Catalog.CONFIGURABLE_CHILD, BigDecimal.ONE)));
        assertThat(qtyShipped(order, item(order, Catalog.SIMPLE, false))).isZero();
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsBundlesShippedTogetherAsWholeBundles(boolean compact) {
        Order order = order(line(Catalog.BUNDLE_DYNAMIC_TOGETHER, 2), line(Catalog.BUNDLE_FIXED_TOGETHER, 2));
        Magento2Connector connector = connector(compact);
        OrderItem dynamicParent = bundleParent(order, 0);
        OrderItem fixedParent = bundleParent(order, 1);

        ShipmentResult first = connector.notifyShipment(shipment(order, "1Z020",
                sku("24-WG084", "1"), sku("24-WG088", "1"), sku("24-WG082-blue", "1"), sku("24-WG086", "1"),
                sku("CAMP-TENT", "1"), sku("CAMP-MAT", "2")));

        List<Long> sent = shippedItemIds();
        if (compact) {
            assertThat(sent).containsExactly(dynamicParent.itemId(), fixedParent.itemId());
            assertThat(lastPostBody().path("items").get(0).path("qty").asText()).isEqualTo("1");
        } else {
            assertThat(sent).contains(dynamicParent.itemId(), fixedParent.itemId()).hasSize(8);
        }
        assertThat(first.shipped()).extracting(ShipmentResult.Shipped::sku, ShipmentResult.Shipped::quantity)
                .containsExactly(tuple("24-WG084", BigDecimal.ONE), tuple("24-WG088", BigDecimal.ONE),
                        tuple("24-WG082-blue", BigDecimal.ONE), tuple("24-WG086", BigDecimal.ONE),
                        tuple("CAMP-TENT", BigDecimal.ONE), tuple("CAMP-MAT", new BigDecimal("2")));
        assertThat(qtyShipped(order, item(order, "CAMP-MAT", true))).isEqualTo(2);

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z021", sku("CAMP-MAT", "1"))))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("bundle CAMP-SET ships its components together")
                .hasMessageContaining("one bundle: CAMP-TENT 1, CAMP-MAT 2")
                .hasMessageContaining("requested CAMP-MAT 1 is not a whole number of bundles")
                .hasMessageContaining(order.incrementId());

        ShipmentResult rest = connector.notifyShipment(shipment(order, "1Z022"));

        assertThat(rest.shipped()).extracting(ShipmentResult.Shipped::quantity).hasSize(6);
        assertThat(qtyShipped(order, item(order, "CAMP-MAT", true))).isEqualTo(4);
        assertThat(qtyShipped(order, item(order, "24-WG086", true))).isEqualTo(2);
        if (compact) {
            assertThat(sandbox.store().order(order.entityId()).state()).isEqualTo("complete");
        }
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsTheComponentsOfBundlesShippedSeparately(boolean compact) {
        Order order = order(line(Catalog.BUNDLE_DYNAMIC_SEPARATELY, 1), line(Catalog.BUNDLE_FIXED_SEPARATELY, 1));
        Magento2Connector connector = connector(compact);
        OrderItem cushion = item(order, "OFF-CUSHION", true);
        OrderItem bottle = item(order, "24-UG06", true);

        ShipmentResult result = connector.notifyShipment(shipment(order, "1Z030", sku("OFF-CUSHION", "1"),
                sku("24-UG06", "2")));

        assertThat(shippedItemIds()).containsExactly(cushion.itemId(), bottle.itemId());
        assertThat(result.shipped()).extracting(ShipmentResult.Shipped::lineId, ShipmentResult.Shipped::quantity)
                .containsExactly(tuple(id(cushion), BigDecimal.ONE), tuple(id(bottle), new BigDecimal("2")));
        assertThat(qtyShipped(order, cushion)).isEqualTo(1);
        assertThat(qtyShipped(order, item(order, "OFF-LAMP", true))).isZero();
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void neverShipsVirtualOrDownloadableLines(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 1), line(Catalog.VIRTUAL, 1), line(Catalog.DOWNLOADABLE, 1));
        Magento2Connector connector = connector(compact);

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z040", sku(Catalog.DOWNLOADABLE, "1"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.REMOTE_REJECTED))
                .hasMessage("Order " + order.incrementId() + ": SKU 240-LV08 is downloadable and is never shipped");
        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z040", sku(Catalog.VIRTUAL, "1"))))
                .hasMessage("Order " + order.incrementId() + ": SKU VIRT-WARRANTY-2Y is virtual and is never shipped");
        assertThat(posts()).isEmpty();

        ShipmentResult all = connector.notifyShipment(shipment(order, "1Z041"));

        assertThat(all.shipped()).extracting(ShipmentResult.Shipped::sku).containsExactly(Catalog.SIMPLE);
        assertThat(shippedItemIds()).containsExactly(item(order, Catalog.SIMPLE, false).itemId());
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsDecimalQuantities(boolean compact) {
        Order order = order(line(Catalog.DECIMAL_SIMPLE, 2.5));
        Magento2Connector connector = connector(compact);
        OrderItem fabric = item(order, Catalog.DECIMAL_SIMPLE, false);

        ShipmentResult part = connector.notifyShipment(shipment(order, "1Z050", sku(Catalog.DECIMAL_SIMPLE, "1.25")));
        ShipmentResult rest = connector.notifyShipment(shipment(order, "1Z051"));

        assertThat(part.shipped()).extracting(ShipmentResult.Shipped::quantity).containsExactly(new BigDecimal("1.25"));
        assertThat(rest.shipped()).extracting(ShipmentResult.Shipped::quantity).containsExactly(new BigDecimal("1.25"));
        assertThat(qtyShipped(order, fabric)).isEqualTo(2.5);
        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z052", sku(Catalog.SIMPLE, "1"))))
                .hasMessage("SKU 24-MB01 is not on order " + order.incrementId());
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void refusesOverShippingBeforeSendingAnything(boolean compact) {
        Order order = order(line(Catalog.CONFIGURABLE_CHILD, 2));
        Magento2Connector connector = connector(compact);
        connector.notifyShipment(shipment(order, "1Z060", sku(Catalog.CONFIGURABLE_CHILD, "1")));
        sandbox.requestLog().clear();

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z061", sku(Catalog.CONFIGURABLE_CHILD,
                "3"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessage("Order " + order.incrementId() + ", SKU MH09-XS-Blue: 3 requested, 1 left to ship");
        assertThat(posts()).isEmpty();
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void refusesASkuOrLineThatIsNotOnTheOrder(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 1));
        Magento2Connector connector = connector(compact);

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z070", sku("NOPE-1", "1"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.REMOTE_REJECTED))
                .hasMessage("SKU NOPE-1 is not on order " + order.incrementId());
        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z070",
                new ShipmentLine(null, "999999", BigDecimal.ONE))))
                .hasMessage("Line 999999 is not on order " + order.incrementId());
        assertThat(posts()).isEmpty();
    }

    @Test
    void compactShipmentCarriesNotifyAndTheComment() {
        Order order = order(line(Catalog.SIMPLE, 1));

        connector(true).notifyShipment(new Shipment(Long.toString(order.entityId()), null, List.of(),
                List.of(new TrackingNumber("custom", "TRK-1", "Acme Freight")), null, true, "Left at the door",
                "key-1", 1));

        JsonNode body = lastPostBody();
        assertThat(body.path("notify").asBoolean()).isTrue();
        assertThat(body.path("appendComment").asBoolean()).isTrue();
        assertThat(body.path("comment").path("comment").asText()).isEqualTo("Left at the door");
        assertThat(body.path("comment").path("is_visible_on_front").asInt()).isZero();
        assertThat(body.path("tracks").get(0).path("title").asText()).isEqualTo("Acme Freight");
        io.storelink.sandbox.Shipment saved = sandbox.store().shipments(order.entityId()).get(0);
        assertThat(saved.emailSent()).isTrue();
        assertThat(saved.comments()).extracting(io.storelink.sandbox.Shipment.Comment::comment)
                .containsExactly("Left at the door");
    }

    @Test
    void nonCompactShipmentSendsTheEmailOnlyWhenAsked() {
        Order quiet = order(line(Catalog.SIMPLE, 1));
        Order told = order(line(Catalog.SIMPLE, 1));
        Magento2Connector connector = connector(false);

        connector.notifyShipment(shipment(quiet, "1Z080"));
        assertThat(sandbox.requestLog().entries()).noneMatch(request -> request.path().endsWith("/emails"));

        ShipmentResult result = connector.notifyShipment(new Shipment(Long.toString(told.entityId()), null, List.of(),
                List.of(new TrackingNumber("dhl", "1Z081", null)), null, true, "Two boxes", "key-81", 1));

        assertThat(sandbox.requestLog().entries()).filteredOn(request -> request.path().endsWith("/emails"))
                .singleElement().satisfies(request -> assertThat(request.path())
                        .isEqualTo("/rest/V1/shipment/" + result.remoteShipmentId() + "/emails"));
        io.storelink.sandbox.Shipment saved = sandbox.store().shipments(told.entityId()).get(0);
        assertThat(saved.emailSent()).isTrue();
        assertThat(saved.comments()).extracting(io.storelink.sandbox.Shipment.Comment::comment)
                .containsExactly("Two boxes");
        assertThat(saved.tracks()).extracting(io.storelink.sandbox.Shipment.Track::title).containsExactly("DHL");
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void aRetryAfterCommitThenDropFindsTheShipmentInsteadOfShippingTwice(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 2), line(Catalog.BUNDLE_FIXED_TOGETHER, 1));
        Magento2Connector connector = connector(compact);
        sandbox.faults().inject(Fault.commitThenDrop().on("POST", compact ? "/V1/order/\\d+/ship" : "/V1/shipment")
                .times(1));
        Shipment first = new Shipment(Long.toString(order.entityId()), null, List.of(sku(Catalog.SIMPLE, "1")),
                List.of(new TrackingNumber("ups", "1Z090", null)), null, true, null, "key-90", 1);

        assertThatThrownBy(() -> connector.notifyShipment(first))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
                })
                .hasMessageContaining(order.incrementId());
        ShipmentResult retried = connector.notifyShipment(new Shipment(first.platformOrderId(), null, first.lines(),
                first.tracking(), null, true, null, first.idempotencyKey(), 2));

        List<io.storelink.sandbox.Shipment> shipments = sandbox.store().shipments(order.entityId());
        assertThat(shipments).singleElement().satisfies(shipment -> {
            assertThat(retried.remoteShipmentId()).isEqualTo(Long.toString(shipment.entityId()));
            assertThat(shipment.emailSent()).isTrue();
        });
        assertThat(retried.alreadyExisted()).isTrue();
        assertThat(retried.shipped()).extracting(ShipmentResult.Shipped::sku, ShipmentResult.Shipped::quantity)
                .containsExactly(tuple(Catalog.SIMPLE, BigDecimal.ONE));
        assertThat(qtyShipped(order, item(order, Catalog.SIMPLE, false))).isEqualTo(1);
    }

    @Test
    void orderThatDoesNotAllowAShipmentButHasOurTrackingIsSuccess() {
        Order order = order(line(Catalog.SIMPLE, 2));
        Magento2Connector connector = connector(true);
        ShipmentResult shipped = connector.notifyShipment(shipment(order, "1Z100", sku(Catalog.SIMPLE, "1")));
        sandbox.store().setStatus(order.entityId(), "closed", "closed");

        ShipmentResult again = connector.notifyShipment(shipment(order, "1Z100", sku(Catalog.SIMPLE, "1")));

        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.remoteShipmentId()).isEqualTo(shipped.remoteShipmentId());
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
        assertThat(posts()).filteredOn(post -> post.status() == 400).hasSize(1);

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z101", sku(Catalog.SIMPLE, "1"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.REMOTE_REJECTED))
                .hasMessageStartingWith("Magento refused to ship order " + order.incrementId()
                        + ": The order does not allow a shipment to be created.");
    }

    @Test
    void anInterruptedLookForAnEarlierShipmentEndsAsCancelledRatherThanAsTheRefusal() throws InterruptedException {
        Order order = order(line(Catalog.SIMPLE, 2));
        // Not compact: the refusal is decided on the fresh order, and no request comes after the look.
        Magento2Connector connector = connector(false);
        connector.notifyShipment(shipment(order, "1Z120", sku(Catalog.SIMPLE, "1")));
        sandbox.store().setStatus(order.entityId(), "closed", "closed");
        Shipment refused = shipment(order, "1Z121", sku(Catalog.SIMPLE, "1"));
        sandbox.faults().inject(Fault.slowBody(Duration.ofSeconds(20)).on("GET", "/V1/shipments"));

        Magento2CancellationTest.Outcome outcome = Magento2CancellationTest.interruptAfter(
                () -> Magento2CancellationTest.slowBodyOnItsWay(sandbox), () -> connector.notifyShipment(refused));

        outcome.assertCancelled();
    }

    @Test
    void rendersMagentosValidationErrorsReadably() {
        Order order = order(line(Catalog.SIMPLE, 1));
        sandbox.store().setStatus(order.entityId(), "holded", "holded");

        assertThatThrownBy(() -> connector(true).notifyShipment(shipment(order, "1Z110")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.REMOTE_REJECTED))
                .hasMessage("Magento refused to ship order " + order.incrementId() + ": A shipment cannot be created "
                        + "when an order has a status of holded (HTTP 400, Shipment Document Validation Error)");
    }

    @Test
    void nonCompactRefusesAnOrderOnHoldItself() {
        Order order = order(line(Catalog.SIMPLE, 1));
        sandbox.store().setStatus(order.entityId(), "holded", "holded");

        assertThatThrownBy(() -> connector(false).notifyShipment(shipment(order, "1Z111")))
                .hasMessage("Order " + order.incrementId() + " is holded in Magento (status holded); a shipment "
                        + "cannot be created");
        assertThat(posts()).isEmpty();
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void findsTheOrderByItsNumberOnly(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 1));

        ShipmentResult result = connector(compact).notifyShipment(new Shipment(null, order.incrementId(), List.of(),
                List.of(new TrackingNumber("usps", "9400100", null)), null, false, null, "key-120", 1));

        assertThat(result.remoteShipmentId()).isEqualTo(Long.toString(
                sandbox.store().shipments(order.entityId()).get(0).entityId()));
        assertThat(sandbox.requestLog().entries().get(0).decodedQuery())
                .contains("[field]=increment_id").contains("[value]=" + order.incrementId())
                .contains("[condition_type]=eq").contains("searchCriteria[pageSize]=1");
        assertThat(sandbox.requestLog().entries().get(1).path()).isEqualTo("/rest/V1/orders/" + order.entityId());
    }

    @Test
    void anUnknownOrderIsNotFound() {
        order(line(Catalog.SIMPLE, 1));
        Magento2Connector connector = connector(true);

        assertThatThrownBy(() -> connector.notifyShipment(new Shipment("99999", null, List.of(),
                List.of(new TrackingNumber("ups", "1Z130", null)), null, false, null, "key-130", 1)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageStartingWith("Order 99999 is not in Magento store");
        assertThatThrownBy(() -> connector.notifyShipment(new Shipment(null, "000777777", List.of(),
                List.of(new TrackingNumber("ups", "1Z130", null)), null, false, null, "key-130", 1)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageStartingWith("Order 000777777 is not in Magento store");
    }

    @Test
    void aServerErrorIsRetriableAndShipsNothing() {
        Order order = order(line(Catalog.SIMPLE, 1));
        sandbox.faults().inject(Fault.status(503).on("POST", "/V1/order/\\d+/ship").times(1));

        assertThatThrownBy(() -> connector(true).notifyShipment(shipment(order, "1Z140")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessageContaining("Order " + order.incrementId());
        assertThat(sandbox.store().shipments(order.entityId())).isEmpty();
    }

    @ParameterizedTest(name = "compact={0}")
    @ValueSource(booleans = {true, false})
    void shipsBundlesWithoutTheProductsAclAsTheShipmentTypeAllowsEitherWay(boolean compact) {
        Order order = order(line(Catalog.SIMPLE, 1), line(Catalog.BUNDLE_DYNAMIC_SEPARATELY, 1),
                line(Catalog.BUNDLE_FIXED_TOGETHER, 2));
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.ACCESS_TOKEN, io.storelink.api.Secret.of(NO_PRODUCTS_TOKEN));
        values.put(Magento2Platform.COMPACT_SHIP_NOTIFICATION, compact);
        Magento2Connector connector = connector(values);

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z150", sku("CAMP-MAT", "1"))))
                .hasMessageContaining("may ship its components together")
                .hasMessageContaining("Magento_Catalog::products");

        assertThatThrownBy(() -> connector.notifyShipment(shipment(order, "1Z150", sku("OFF-CUSHION", "1"))))
                .hasMessageContaining("bundle OFFICE-KIT-OFF-LAMP-OFF-CUSHION may ship its components together");

        ShipmentResult result = connector.notifyShipment(shipment(order, "1Z151", sku(Catalog.SIMPLE, "1"),
                sku("OFF-LAMP", "1"), sku("OFF-CUSHION", "2"), sku("CAMP-TENT", "1"), sku("CAMP-MAT", "2")));

        assertThat(sandbox.requestLog().entries()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/rest/V1/products");
            assertThat(request.status()).isEqualTo(401);
        });
        assertThat(result.shipped()).extracting(ShipmentResult.Shipped::sku, ShipmentResult.Shipped::quantity)
                .containsExactly(tuple(Catalog.SIMPLE, BigDecimal.ONE), tuple("OFF-LAMP", BigDecimal.ONE),
                        tuple("OFF-CUSHION", new BigDecimal("2")), tuple("CAMP-TENT", BigDecimal.ONE),
                        tuple("CAMP-MAT", new BigDecimal("2")));
        assertThat(qtyShipped(order, item(order, "OFF-CUSHION", true))).isEqualTo(2);
        assertThat(qtyShipped(order, item(order, "OFF-LAMP", true))).isEqualTo(1);
        assertThat(qtyShipped(order, item(order, "CAMP-TENT", true))).isEqualTo(1);
        assertThat(qtyShipped(order, item(order, "CAMP-MAT", true))).isEqualTo(2);
        assertThat(qtyShipped(order, item(order, Catalog.SIMPLE, false))).isEqualTo(1);
    }

    @Test
    void asksForEachBundlesShipmentTypeOnce() {
        Order first = order(line(Catalog.BUNDLE_FIXED_TOGETHER, 1));
        Order second = order(line(Catalog.BUNDLE_FIXED_TOGETHER, 1));
        Magento2Connector connector = connector(true);

        connector.notifyShipment(shipment(first, "1Z160"));
        connector.notifyShipment(shipment(second, "1Z161"));

        assertThat(sandbox.requestLog().entries()).filteredOn(request -> request.path().equals("/rest/V1/products"))
                .singleElement().satisfies(request -> assertThat(request.decodedQuery())
                        .contains("[field]=entity_id").contains("[condition_type]=in"));
    }

    @Test
    void reportsTheBundleParentLineWhenTheImportListsIt() {
        Order order = order(line(Catalog.BUNDLE_FIXED_TOGETHER, 2));
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.INCLUDE_BUNDLE_PARENT, true);
        OrderItem parent = bundleParent(order, 0);

        ShipmentResult result = connector(values).notifyShipment(shipment(order, "1Z170",
                new ShipmentLine(null, id(parent), BigDecimal.ONE)));

        assertThat(result.shipped()).extracting(ShipmentResult.Shipped::lineId, ShipmentResult.Shipped::sku,
                ShipmentResult.Shipped::quantity)
                .containsExactly(tuple(id(parent), "CAMP-SET", BigDecimal.ONE),
                        tuple(id(item(order, "CAMP-TENT", true)), "CAMP-TENT", BigDecimal.ONE),
                        tuple(id(item(order, "CAMP-MAT", true)), "CAMP-MAT", new BigDecimal("2")));
        assertThat(qtyShipped(order, parent)).isEqualTo(1);
    }

    @Test
    void aRetryWithoutTheShipmentsAclRefusesRatherThanShipBlindly() {
        Order order = order(line(Catalog.SIMPLE, 1));
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.ACCESS_TOKEN, io.storelink.api.Secret.of("ship-only-token"));
        sandbox.grant("ship-only-token", Acl.IMPORT_AND_SHIP);
        Magento2Connector connector = connector(values);

        assertThatThrownBy(() -> connector.notifyShipment(new Shipment(Long.toString(order.entityId()), null,
                List.of(), List.of(new TrackingNumber("ups", "1Z180", null)), null, false, null, "key-180", 2)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.AUTHENTICATION))
                .hasMessageContaining("Magento_Sales::shipment");
        assertThat(posts()).isEmpty();

        ShipmentResult first = connector.notifyShipment(shipment(order, "1Z181"));
        assertThat(first.alreadyExisted()).isFalse();
    }

    @Test
    void aFirstCompactShipmentOfAnImportedOrderIsOneRequest() {
        Order order = order(line(Catalog.SIMPLE, 2), line(Catalog.CONFIGURABLE_CHILD, 1),
                line(Catalog.BUNDLE_DYNAMIC_TOGETHER, 1), line(Catalog.BUNDLE_FIXED_SEPARATELY, 1),
                line(Catalog.VIRTUAL, 1));
        Magento2Connector connector = connector(true);
        connector.notifyShipment(shipment(order, "1Z900", sku(Catalog.SIMPLE, "1")));
        Shipment everything = shipment(order, "1Z901");
        sandbox.requestLog().clear();

        ShipmentResult result = connector.notifyShipment(everything);

        // The bundles' shipment types are read once per connector; the order itself is not read again.
        assertThat(sandbox.requestLog().entries()).extracting(request -> request.method() + " " + request.path())
                .filteredOn(request -> !request.equals("GET /rest/V1/products"))
                .containsExactly("POST /rest/V1/order/" + order.entityId() + "/ship");
        assertThat(result.shipped()).extracting(ShipmentResult.Shipped::sku)
                .contains(Catalog.SIMPLE, Catalog.CONFIGURABLE_CHILD).doesNotContain(Catalog.VIRTUAL);
        // Every physical item is shipped; a bundle shipped separately keeps its parent (a dummy) at 0, as Magento does.
        assertThat(sandbox.store().order(order.entityId()).items())
                .filteredOn(item -> !item.productType().equals("virtual") && !item.sku().equals(Catalog.BUNDLE_FIXED_SEPARATELY))
                .allSatisfy(item -> assertThat(item.qtyShipped()).as(item.sku()).isEqualTo(item.qtyOrdered()));
    }

    @Test
    void aStaleImportedCopyIsDecidedOnTheFreshOrder() {
        Order order = order(line(Catalog.SIMPLE, 3));
        Magento2Connector connector = connector(true);
        Shipment stale = shipment(order, "1Z910", sku(Catalog.SIMPLE, "2"));
        connector.notifyShipment(shipment(order, "1Z911", sku(Catalog.SIMPLE, "2")));
        sandbox.requestLog().clear();

        assertThatThrownBy(() -> connector.notifyShipment(stale))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED))
                .hasMessageContaining(order.incrementId())
                .hasMessageContaining(Catalog.SIMPLE)
                .hasMessageContaining("2 requested, 1 left to ship");
        assertThat(sandbox.requestLog().entries()).extracting(request -> request.method() + " " + request.path())
                .containsExactly("POST /rest/V1/order/" + order.entityId() + "/ship",
                        "GET /rest/V1/orders/" + order.entityId(), "GET /rest/V1/shipments");
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    // --- helpers

    private Magento2Connector connector(boolean compact) {
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.COMPACT_SHIP_NOTIFICATION, compact);
        return connector(values);
    }

    private Magento2Connector connector(Map<String, Object> values) {
        Magento2Connector connector = new Magento2Connector(Magento2TestSupport.config(values),
                Magento2TestSupport.context());
        resources.add(connector);
        return connector;
    }

    /** A fresh sandbox with one invoiced order of these lines; the request log starts empty. */
    private Order order(NewOrder.Line... lines) {
        if (sandbox == null) {
            sandbox = MagentoSandbox.builder().port(0).seed(5).orderCount(1).token(TOKEN, Acl.ALL)
                    .token(NO_PRODUCTS_TOKEN, Set.of(Acl.ORDERS_VIEW, Acl.SHIP, Acl.SHIPMENT)).build();
            sandbox.start();
            resources.add(sandbox);
        }
        Order order = sandbox.store().addOrder(NewOrder.of(lines).asInvoiced());
        sandbox.requestLog().clear();
        return order;
    }

    private static NewOrder.Line line(String sku, double qty) {
        return NewOrder.Line.of(sku, qty);
    }

    private static ShipmentLine sku(String sku, String quantity) {
        return new ShipmentLine(sku, null, new BigDecimal(quantity));
    }

    /** A first attempt, carrying the order as the host imported it just now (as the host's outbox does). */
    private Shipment shipment(Order order, String trackingNumber, ShipmentLine... lines) {
        return new Shipment(Long.toString(order.entityId()), null, List.of(lines),
                List.of(new TrackingNumber("ups", trackingNumber, null)), null, false, null, "key-" + trackingNumber, 1,
                imported(order));
    }

    /** The order as an import maps it (the read shows in the request log as {@code GET /V1/orders/{id}}). */
    private io.storelink.api.Order imported(Order order) {
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(sandbox.baseUrl()),
                Magento2TestSupport.context())) {
            return new Magento2OrderMapper(false, Map.of()).toOrder(client.order(order.entityId()));
        }
    }

    private static OrderItem item(Order order, String sku, boolean child) {
        return order.items().stream().filter(item -> item.sku().equals(sku) && item.hasParent() == child)
                .findFirst().orElseThrow();
    }

    private static OrderItem bundleParent(Order order, int index) {
        return order.items().stream().filter(item -> item.productType().equals("bundle")).toList().get(index);
    }

    private static String id(OrderItem item) {
        return Long.toString(item.itemId());
    }

    private double qtyShipped(Order order, OrderItem item) {
        return sandbox.store().order(order.entityId()).item(item.itemId()).qtyShipped();
    }

    private List<LoggedRequest> posts() {
        return sandbox.requestLog().entries().stream().filter(request -> request.method().equals("POST")).toList();
    }

    private JsonNode lastPostBody() {
        List<LoggedRequest> posts = posts().stream().filter(post -> !post.path().endsWith("/emails")).toList();
        try {
            return JSON.readTree(posts.get(posts.size() - 1).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The order_item_ids of the last ship request, from /ship's items or /V1/shipment's entity.items. */
    private List<Long> shippedItemIds() {
        JsonNode body = lastPostBody();
        JsonNode items = body.has("entity") ? body.path("entity").path("items") : body.path("items");
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("order_item_id").asLong()));
        return ids;
    }
}
