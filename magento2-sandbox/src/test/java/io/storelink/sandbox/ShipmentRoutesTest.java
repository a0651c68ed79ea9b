package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.storelink.sandbox.NewOrder.Line;
import static org.assertj.core.api.Assertions.assertThat;

final class ShipmentRoutesTest {
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
    void createsShipmentsWithoutQuantityChecks() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        long itemId = order.items().get(0).itemId();
        String body = "{\"entity\":{\"order_id\":" + order.entityId() + ",\"items\":[{\"order_item_id\":" + itemId
                + ",\"qty\":1}],\"tracks\":[],\"comments\":[]}}";

        JsonNode first = client.post("/rest/V1/shipment", body).json();
        SandboxClient.Reply second = client.post("/rest/V1/shipment/", body);

        assertThat(first.path("entity_id").asInt()).isEqualTo(1);
        assertThat(first.path("order_id").asLong()).isEqualTo(order.entityId());
        assertThat(first.path("items").get(0).path("sku").asText()).isEqualTo(Catalog.SIMPLE);
        assertThat(second.status()).as("over-shipping is accepted").isEqualTo(200);
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(2);
        assertThat(sandbox.store().order(order.entityId()).items().get(0).qtyShipped()).isEqualTo(2);
    }

    @Test
    void addsATrackToAShipment() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        String id = client.post("/rest/V1/order/" + order.entityId() + "/ship", "{}").json().asText();

        JsonNode track = client.post("/rest/V1/shipment/track", "{\"entity\":{\"order_id\":" + order.entityId()
                + ",\"parent_id\":" + id + ",\"weight\":0,\"qty\":1,\"description\":\"WH/OUT/0001\","
                + "\"track_number\":\"1Z999AA10123456784\",\"title\":\"UPS\",\"carrier_code\":\"ups\"}}").json();

        assertThat(track.path("entity_id").asInt()).isPositive();
        assertThat(track.path("created_at").asText()).isEqualTo("2025-06-01 12:00:00");
        assertThat(track.path("parent_id").asText()).isEqualTo(id);
        JsonNode shipment = client.get("/rest/V1/shipment/" + id).json();
        assertThat(shipment.path("tracks").get(0).path("track_number").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(client.post("/rest/V1/shipment/track", "{\"entity\":{\"parent_id\":99}}").status()).isEqualTo(400);
    }

    @Test
    void sendsShipmentEmails() {
        Order order = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        String id = client.post("/rest/V1/order/" + order.entityId() + "/ship", "{}").json().asText();

        SandboxClient.Reply reply = client.post("/rest/V1/shipment/" + id + "/emails", "");

        assertThat(reply.body()).isEqualTo("true");
        assertThat(client.get("/rest/V1/shipment/" + id).json().path("email_sent").asInt()).isEqualTo(1);
        assertThat(client.post("/rest/V1/shipment/99/emails", "").status()).isEqualTo(404);
    }

    @Test
    void searchesShipmentsByOrder() {
        Order first = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 2)));
        Order second = sandbox.store().addOrder(NewOrder.of(Line.of(Catalog.SIMPLE, 1)));
        long itemId = first.items().get(0).itemId();
        client.post("/rest/V1/order/" + first.entityId() + "/ship", "{\"items\":[{\"order_item_id\":" + itemId + ",\"qty\":1}],"
                + "\"tracks\":[{\"track_number\":\"T1\",\"title\":\"DHL\",\"carrier_code\":\"dhl\"}]}");
        client.post("/rest/V1/order/" + second.entityId() + "/ship", "{}");
        client.post("/rest/V1/order/" + first.entityId() + "/ship", "{}");

        JsonNode json = client.get("/rest/V1/shipments?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                + "&searchCriteria[filter_groups][0][filters][0][value]=" + first.entityId()
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=eq").json();

        assertThat(json.path("total_count").asInt()).isEqualTo(2);
        assertThat(json.path("items").get(0).path("tracks").get(0).path("track_number").asText()).isEqualTo("T1");
        assertThat(json.path("items").get(0).path("items").get(0).path("qty").asInt()).isEqualTo(1);
    }

    @Test
    void answersAnUnknownShipmentWith404() {
        assertThat(client.get("/rest/V1/shipment/5").status()).isEqualTo(404);
    }
}
