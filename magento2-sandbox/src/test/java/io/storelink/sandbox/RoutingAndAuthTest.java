package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

final class RoutingAndAuthTest {
    private static final String NO_ROUTE = "{\"message\":\"Request does not match any route.\"}";
    private static final String SEARCH = "?searchCriteria[pageSize]=1";

    private MagentoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.started(10);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void servesEveryRestPrefixAndStoreCode() {
        for (String prefix : new String[] {"/rest", "/rest/default", "/rest/de", "/rest/fr", "/rest/all",
            "/index.php/rest", "/index.php/rest/de", "/index.php/rest/all"}) {
            SandboxClient.Reply reply = client.get(prefix + "/V1/orders" + SEARCH);

            assertThat(reply.status()).as(prefix).isEqualTo(200);
            assertThat(reply.json().path("total_count").asInt()).as("a store code does not filter orders").isEqualTo(10);
        }
    }

    @Test
    void answersAnUnknownStoreCodeOrRouteWithNoRoute() {
        for (String path : new String[] {"/rest/nosuchstore/V1/orders" + SEARCH, "/rest/admin/V1/orders" + SEARCH,
            "/rest/V1/nothing", "/rest/V2/orders" + SEARCH, "/index.php/rest/xx/V1/orders/1"}) {
            SandboxClient.Reply reply = client.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).isEqualTo(NO_ROUTE);
        }
        assertThat(client.post("/rest/V1/orders", "{}").body()).as("wrong method").isEqualTo(NO_ROUTE);
    }

    @Test
    void answersNoRouteBeforeCheckingTheToken() {
        assertThat(client.withToken(null).get("/rest/xx/V1/orders" + SEARCH).status()).isEqualTo(404);
    }

    @Test
    void answersAnUnknownOrderWithNoSuchEntity() {
        SandboxClient.Reply reply = client.get("/rest/V1/orders/999");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo(
                "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and try again.\"}");
    }

    @Test
    void rejectsANonNumericOrderId() {
        SandboxClient.Reply reply = client.get("/rest/V1/orders/abc");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("parameters").path("type").asText()).isEqualTo("int");
    }

    @Test
    void servesAStorefrontPageOutsideRest() {
        SandboxClient.Reply home = client.get("/");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        assertThat(client.get("/V1/orders").status()).isEqualTo(404);
    }

    @Test
    void rejectsIntegrationTokensWhenBearerIsDisabled() {
        sandbox.setBearerDisabled(true);

        SandboxClient.Reply orders = client.get("/rest/V1/orders" + SEARCH);
        SandboxClient.Reply ship = client.post("/rest/V1/order/1/ship", "{}");

        assertThat(orders.status()).isEqualTo(401);
        assertThat(orders.body()).isEqualTo("{\"message\":\"The consumer isn't authorized to access %resources.\","
                + "\"parameters\":{\"resources\":\"Magento_Sales::actions_view\"}}");
        assertThat(ship.status()).isEqualTo(401);
        assertThat(ship.json().path("parameters").path("resources").asText()).isEqualTo("Magento_Sales::ship");

        sandbox.setBearerDisabled(false);
        assertThat(client.get("/rest/V1/orders" + SEARCH).status()).isEqualTo(200);
    }

    @Test
    void givesTheSame401ForAMissingUnknownOrUnderprivilegedToken() {
        sandbox.grant("reader", Set.of(Acl.ORDERS_VIEW));
        String expected = "{\"message\":\"The consumer isn't authorized to access %resources.\","
                + "\"parameters\":{\"resources\":\"Magento_Sales::actions_view\"}}";

        assertThat(client.withToken(null).get("/rest/V1/orders" + SEARCH).body()).isEqualTo(expected);
        assertThat(client.withToken("nope").get("/rest/V1/orders" + SEARCH).body()).isEqualTo(expected);
        assertThat(client.withToken("reader").get("/rest/V1/orders" + SEARCH).status()).isEqualTo(200);

        SandboxClient.Reply ship = client.withToken("reader").post("/rest/V1/order/1/ship", "{}");
        assertThat(ship.status()).isEqualTo(401);
        assertThat(ship.json().path("parameters").path("resources").asText()).isEqualTo(Acl.SHIP);
        assertThat(client.withToken("reader").get("/rest/V1/shipments?searchCriteria=").json()
                .path("parameters").path("resources").asText()).isEqualTo(Acl.SHIPMENT);
        assertThat(client.withToken("reader").get("/rest/V1/store/storeViews").json()
                .path("parameters").path("resources").asText()).isEqualTo(Acl.STORE);
        assertThat(client.withToken("reader").get("/rest/V1/products/24-MB01").json()
                .path("parameters").path("resources").asText()).isEqualTo(Acl.PRODUCTS);
    }

    @Test
    void checksTheTokenBeforeTheArguments() {
        assertThat(client.withToken(null).get("/rest/V1/orders").status()).isEqualTo(401);
    }

    @Test
    void listsStoreViewsIncludingAdmin() {
        JsonNode views = client.get("/rest/V1/store/storeViews").json();

        assertThat(views).hasSize(4);
        assertThat(views.get(0).toString()).isEqualTo(
                "{\"id\":0,\"code\":\"admin\",\"name\":\"Admin\",\"website_id\":0,\"store_group_id\":0,\"is_active\":1}");
        assertThat(views.get(2).path("code").asText()).isEqualTo("de");
        assertThat(views.get(2).path("id").asInt()).isEqualTo(2);
    }

    @Test
    void listsStoreConfigsWithTheBaseUrl() {
        JsonNode configs = client.get("/rest/V1/store/storeConfigs").json();

        assertThat(configs).hasSize(3);
        assertThat(configs.get(1).path("locale").asText()).isEqualTo("de_DE");
        assertThat(configs.get(0).path("base_url").asText()).isEqualTo(sandbox.baseUrl() + "/");
    }

    @Test
    void exposesTheBundleShipmentTypeOnProducts() {
        JsonNode together = client.get("/rest/V1/products/" + Catalog.BUNDLE_DYNAMIC_TOGETHER).json();
        JsonNode separately = client.get("/rest/V1/products/" + Catalog.BUNDLE_FIXED_SEPARATELY).json();

        assertThat(together.path("type_id").asText()).isEqualTo("bundle");
        assertThat(together.path("custom_attributes").toString())
                .contains("{\"attribute_code\":\"shipment_type\",\"value\":\"0\"}")
                .contains("{\"attribute_code\":\"sku_type\",\"value\":\"0\"}")
                .contains("{\"attribute_code\":\"price_type\",\"value\":\"0\"}");
        assertThat(separately.path("custom_attributes").toString())
                .contains("{\"attribute_code\":\"shipment_type\",\"value\":\"1\"}")
                .contains("{\"attribute_code\":\"sku_type\",\"value\":\"1\"}");
        assertThat(client.get("/rest/V1/products/NOPE").status()).isEqualTo(404);
    }

    @Test
    void searchesProductsByEntityId() {
        long productId = sandbox.store().catalog().bySku(Catalog.BUNDLE_DYNAMIC_SEPARATELY).orElseThrow().id();

        JsonNode json = client.get("/rest/V1/products?searchCriteria[filter_groups][0][filters][0][field]=entity_id"
                + "&searchCriteria[filter_groups][0][filters][0][value]=" + productId).json();

        assertThat(json.path("total_count").asInt()).isEqualTo(1);
        assertThat(json.path("items").get(0).path("sku").asText()).isEqualTo(Catalog.BUNDLE_DYNAMIC_SEPARATELY);
    }
}
