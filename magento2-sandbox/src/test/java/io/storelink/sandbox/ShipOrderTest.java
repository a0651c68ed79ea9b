package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.storelink.sandbox.NewOrder.Line;
import static org.assertj.core.api.Assertions.assertThat;

final class ShipOrderTest {
    private static final String ERRORS = "Shipment Document Validation Error(s):\n";
    private static final String NO_PRODUCTS = "You can't create a shipment without products.";

    private MagentoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.started(0);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void shipsASimpleLineAndReturnsTheShipmentIdAsAString() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 2)));

        SandboxClient.Reply reply = ship(order, items(item(order, 0), 1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("\"1\"");
        Order after = sandbox.store().order(order.entityId());
        assertThat(after.items().get(0).qtyShipped()).isEqualTo(1);
        assertThat(after.state()).isEqualTo("processing");
        assertThat(after.status()).isEqualTo("processing");
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    @Test
    void refusesMoreThanTheUnshippedQuantity() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 2)));

        SandboxClient.Reply reply = ship(order, items(item(order, 0), 3));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo(ERRORS
                + "The quantity to ship must not be greater than the unshipped quantity for product SKU \"24-MB01\".\n"
                + NO_PRODUCTS);
        assertThat(sandbox.store().shipmentCount()).isZero();
    }

    @Test
    void refusesAnOrderWithNothingLeftToShip() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        assertThat(ship(order, "{\"items\":[]}").status()).isEqualTo(200);

        SandboxClient.Reply reply = ship(order, items(item(order, 0), 1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"message\":\"Shipment Document Validation Error(s):\\n"
                + "The order does not allow a shipment to be created.\\nYou can't create a shipment without products.\"}");
    }

    @Test
    void refusesAVirtualOnlyOrder() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.VIRTUAL, 1), Line.of(Catalog.DOWNLOADABLE, 1)));

        SandboxClient.Reply reply = ship(order, items(item(order, 0), 1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText())
                .isEqualTo(ERRORS + "The order does not allow a shipment to be created.\n" + NO_PRODUCTS);
    }

    @Test
    void refusesHeldAndCanceledOrdersByStatus() {
        Order held = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        sandbox.store().setStatus(held.entityId(), "holded", "holded");
        Order canceled = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        sandbox.store().setStatus(canceled.entityId(), "canceled", "canceled");

        assertThat(ship(held, items(item(held, 0), 1)).json().path("message").asText())
                .isEqualTo(ERRORS + "A shipment cannot be created when an order has a status of holded");
        assertThat(ship(canceled, "{}").json().path("message").asText())
                .isEqualTo(ERRORS + "A shipment cannot be created when an order has a status of canceled");
    }

    @Test
    void shipsAConfigurableByItsParentLineAndUpdatesTheChild() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.CONFIGURABLE_CHILD, 2)));
        OrderItem parent = order.items().get(0);
        OrderItem child = order.items().get(1);
        assertThat(parent.productType()).isEqualTo("configurable");
        assertThat(child.parentItemId()).isEqualTo(parent.itemId());

        assertThat(ship(order, items(parent.itemId(), 2)).status()).isEqualTo(200);

        Order after = sandbox.store().order(order.entityId());
        assertThat(after.items()).extracting(OrderItem::qtyShipped).containsExactly(2.0, 2.0);
        assertThat(sandbox.store().shipments(order.entityId()).get(0).items())
                .extracting(Shipment.Item::orderItemId).containsExactly(parent.itemId());
    }

    @Test
    void skipsAConfigurableChildSentAlone() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.CONFIGURABLE_CHILD, 1)));

        SandboxClient.Reply reply = ship(order, items(item(order, 1), 1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo(ERRORS + NO_PRODUCTS);
    }

    @Test
    void shipsABundleTogetherByItsParentAndItsChildrenFollow() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.BUNDLE_FIXED_TOGETHER, 2)));
        OrderItem parent = order.items().get(0);
        assertThat(parent.sku()).isEqualTo(Catalog.BUNDLE_FIXED_TOGETHER);

        assertThat(ship(order, items(parent.itemId(), 1)).status()).isEqualTo(200);

        Order after = sandbox.store().order(order.entityId());
        assertThat(after.items()).extracting(OrderItem::sku, OrderItem::qtyOrdered, OrderItem::qtyShipped).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CAMP-SET", 2.0, 1.0),
                org.assertj.core.groups.Tuple.tuple("CAMP-TENT", 2.0, 1.0),
                org.assertj.core.groups.Tuple.tuple("CAMP-MAT", 4.0, 2.0));
        assertThat(ship(order, items(item(order, 2), 1)).json().path("message").asText())
                .as("a child of a bundle shipped together is a dummy").isEqualTo(ERRORS + NO_PRODUCTS);
    }

    @Test
    void shipsABundleSeparatelyByItsChildren() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.BUNDLE_DYNAMIC_SEPARATELY, 1)));
        assertThat(order.items().get(0).sku()).isEqualTo("OFFICE-KIT-OFF-LAMP-OFF-CUSHION");

        assertThat(ship(order, items(item(order, 0), 1)).json().path("message").asText())
                .as("the parent of a bundle shipped separately is a dummy").isEqualTo(ERRORS + NO_PRODUCTS);
        assertThat(ship(order, items(item(order, 2), 2)).status()).isEqualTo(200);

        Order after = sandbox.store().order(order.entityId());
        assertThat(after.items()).extracting(OrderItem::qtyShipped).containsExactly(0.0, 0.0, 2.0);
    }

    @Test
    void ignoresUnknownOrderItemIds() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));

        SandboxClient.Reply reply = ship(order, items(9999, 1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).isEqualTo(ERRORS + NO_PRODUCTS);
    }

    @Test
    void shipsEverythingRemainingForAnEmptyItemsArray() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 3), Line.of(Catalog.VIRTUAL, 1),
                Line.of(Catalog.BUNDLE_DYNAMIC_TOGETHER, 1), Line.of(Catalog.DECIMAL_SIMPLE, 2.5)));
        ship(order, items(item(order, 0), 1));

        assertThat(ship(order, "{\"items\":[]}").status()).isEqualTo(200);

        Order after = sandbox.store().order(order.entityId());
        after.items().forEach(line -> assertThat(line.qtyShipped()).as(line.sku())
                .isEqualTo(line.isVirtual() ? 0 : line.qtyOrdered()));
    }

    @Test
    void movesStatesAsMagentoDoes() {
        Order pending = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        Order invoiced = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 2)).asInvoiced());

        ship(pending, "{}");
        ship(invoiced, items(item(invoiced, 0), 1));
        assertThat(sandbox.store().order(invoiced.entityId()).state()).isEqualTo("processing");
        ship(invoiced, items(item(invoiced, 0), 1));

        assertThat(sandbox.store().order(pending.entityId()).status()).as("shipped but not invoiced").isEqualTo("processing");
        Order complete = sandbox.store().order(invoiced.entityId());
        assertThat(complete.state()).isEqualTo("complete");
        assertThat(complete.status()).isEqualTo("complete");
    }

    @Test
    void refusesATrackWithoutNumber() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));

        SandboxClient.Reply reply = ship(order, "{\"tracks\":[{\"title\":\"UPS\",\"carrier_code\":\"ups\"}]}");

        assertThat(reply.json().path("message").asText()).isEqualTo(ERRORS + "Please enter a tracking number.");
    }

    @Test
    void answersAnUnknownOrderWith404() {
        SandboxClient.Reply reply = client.post("/rest/V1/order/77/ship", "{}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("message").asText())
                .isEqualTo("The entity that was requested doesn't exist. Verify the entity and try again.");
    }

    @Test
    void truncatesQuantitiesOfWholeNumberLinesAndKeepsDecimalOnes() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 2), Line.of(Catalog.DECIMAL_SIMPLE, 2.5)));

        ship(order, "{\"items\":[{\"order_item_id\":" + item(order, 0) + ",\"qty\":1.5},{\"order_item_id\":\""
                + item(order, 1) + "\",\"qty\":\"1.25\"}]}");

        assertThat(sandbox.store().order(order.entityId()).items()).extracting(OrderItem::qtyShipped).containsExactly(1.0, 1.25);
    }

    @Test
    void storesTracksAndTheComment() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));

        String id = ship(order, "{\"items\":[],\"notify\":true,\"appendComment\":true,"
                + "\"comment\":{\"comment\":\"Shipped by warehouse\",\"is_visible_on_front\":0},"
                + "\"tracks\":[{\"track_number\":\"1Z999\",\"title\":\"United Parcel Service\",\"carrier_code\":\"ups\"}]}").json().asText();

        JsonNode shipment = client.get("/rest/V1/shipment/" + id).json();
        assertThat(shipment.path("order_id").asLong()).isEqualTo(order.entityId());
        assertThat(shipment.path("tracks").get(0).path("track_number").asText()).isEqualTo("1Z999");
        assertThat(shipment.path("comments").get(0).path("comment").asText()).isEqualTo("Shipped by warehouse");
        assertThat(shipment.path("comments").get(0).path("is_customer_notified").asInt()).isEqualTo(1);
        assertThat(shipment.path("items").get(0).path("sku").asText()).isEqualTo(Catalog.SIMPLE);
    }

    @Test
    void showsTheShipmentInTheOrderPayload() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.CONFIGURABLE_CHILD, 1)));
        ship(order, "{}");

        JsonNode json = client.get("/rest/V1/orders/" + order.entityId()).json();

        assertThat(json.path("items").get(1).path("qty_shipped").asInt()).isEqualTo(1);
        assertThat(json.path("items").get(1).path("parent_item").path("qty_shipped").asInt()).isEqualTo(1);
        assertThat(json.path("state").asText()).isEqualTo("processing");
    }

    private SandboxClient.Reply ship(Order order, String body) {
        return client.post("/rest/V1/order/" + order.entityId() + "/ship", body);
    }

    private static long item(Order order, int index) {
        return order.items().get(index).itemId();
    }

    private static String items(long itemId, double qty) {
        return "{\"items\":[{\"order_item_id\":" + itemId + ",\"qty\":" + qty + "}]}";
    }
}
