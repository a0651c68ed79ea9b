package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class OrderCorruptionsTest {
    private static final String ALL_ORDERS = "/rest/V1/orders?searchCriteria[pageSize]=10"
            + "&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC";

    private MagentoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.started(5);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void servesAFieldOfOneOrderWithAWrongTypedValueInEveryAnswer() {
        sandbox.orderCorruptions().replace(3, "items[0].qty_ordered", "\"abc\"");
        sandbox.orderCorruptions().replace(3, "grand_total", "{\"value\": 1}");

        JsonNode one = client.get("/rest/V1/orders/3").json();
        JsonNode listed = client.get(ALL_ORDERS).json().path("items").get(2);

        for (JsonNode order : new JsonNode[] {one, listed}) {
            assertThat(order.path("entity_id").asLong()).isEqualTo(3);
            assertThat(order.path("items").get(0).path("qty_ordered").textValue()).isEqualTo("abc");
            assertThat(order.path("grand_total").isObject()).isTrue();
        }
        JsonNode other = client.get("/rest/V1/orders/4").json();
        assertThat(other.path("items").get(0).path("qty_ordered").isNumber()).isTrue();
        assertThat(other.path("grand_total").isNumber()).isTrue();
    }

    @Test
    void removesAFieldOrALineButSearchesTheOrderAsItIs() {
        sandbox.orderCorruptions().remove(2, "increment_id");
        sandbox.orderCorruptions().remove(2, "items[0]");
        int lines = sandbox.store().order(2).items().size();

        JsonNode page = client.get(ALL_ORDERS + "&searchCriteria[filter_groups][0][filters][0][field]=increment_id"
                + "&searchCriteria[filter_groups][0][filters][0][value]=" + sandbox.store().order(2).incrementId())
                .json();

        assertThat(page.path("total_count").asInt()).isEqualTo(1);
        assertThat(page.path("items").get(0).has("increment_id")).isFalse();
        assertThat(page.path("items").get(0).path("items")).hasSize(lines - 1);
    }

    @Test
    void leavesAPathTheOrderDoesNotHaveAloneAndClears() {
        sandbox.orderCorruptions().remove(1, "items[99].sku");
        sandbox.orderCorruptions().replace(1, "no_such_field", "1");
        String before = client.get("/rest/V1/orders/2").body();
        sandbox.orderCorruptions().replace(2, "status", "[]");

        assertThat(client.get("/rest/V1/orders/1").json().has("no_such_field")).isFalse();
        assertThat(sandbox.orderCorruptions().active()).hasSize(3);
        sandbox.orderCorruptions().clear();
        assertThat(client.get("/rest/V1/orders/2").body()).isEqualTo(before);
    }

    @Test
    void refusesAPathOrAValueItCannotRead() {
        assertThatThrownBy(() -> sandbox.orderCorruptions().remove(1, "items[x].sku"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items[x].sku");
        assertThatThrownBy(() -> sandbox.orderCorruptions().replace(1, "sku", "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON value");
    }
}
