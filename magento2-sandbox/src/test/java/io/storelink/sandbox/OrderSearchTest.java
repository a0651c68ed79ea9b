package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

final class OrderSearchTest {
    private static final String ORDERS = "/rest/V1/orders?";
    private static final String FILTER = "searchCriteria[filter_groups][0][filters][0]";

    private static MagentoSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.started(40);
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void returnsItemsSearchCriteriaAndTotalCount() {
        JsonNode json = client.get(ORDERS + "searchCriteria[pageSize]=5&searchCriteria[currentPage]=1").json();

        assertThat(json.path("items")).hasSize(5);
        assertThat(json.path("total_count").asInt()).isEqualTo(40);
        assertThat(json.path("search_criteria").toString())
                .isEqualTo("{\"filter_groups\":[],\"page_size\":5,\"current_page\":1}");
    }

    @Test
    void acceptsAnEmptySearchCriteriaAndReturnsEverythingWithoutPageSize() {
        JsonNode json = client.get(ORDERS + "searchCriteria=").json();

        assertThat(json.path("items")).hasSize(40);
        assertThat(json.path("total_count").asInt()).isEqualTo(40);
    }

    @Test
    void rejectsAMissingSearchCriteria() {
        SandboxClient.Reply reply = client.get("/rest/V1/orders");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(
                "{\"message\":\"%fieldName is a required field.\",\"parameters\":{\"fieldName\":\"searchCriteria\"}}");
    }

    @Test
    void rejectsAPageSizeAbove300() {
        SandboxClient.Reply reply = client.get(ORDERS + "searchCriteria[pageSize]=301");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(
                "{\"message\":\"Maximum SearchCriteria pageSize is %max\",\"parameters\":{\"max\":300}}");
        assertThat(client.get(ORDERS + "searchCriteria[pageSize]=300").status()).isEqualTo(200);
    }

    @Test
    void returnsTheLastPageAgainForAPagePastTheEnd() {
        JsonNode last = client.get(sortedPage(7, 6)).json();
        JsonNode past = client.get(sortedPage(7, 99)).json();

        assertThat(entityIds(past)).containsExactly(36L, 37L, 38L, 39L, 40L).isEqualTo(entityIds(last));
        assertThat(past.path("total_count").asInt()).isEqualTo(40);
        assertThat(past.path("search_criteria").path("current_page").asInt()).isEqualTo(99);
    }

    @Test
    void treatsPageZeroAsPageOne() {
        assertThat(entityIds(client.get(sortedPage(3, 0)).json())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sortsDescendingWhenNoDirectionIsGiven() {
        JsonNode json = client.get(ORDERS + "searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[pageSize]=3").json();

        assertThat(entityIds(json)).containsExactly(40L, 39L, 38L);
        assertThat(json.path("search_criteria").path("sort_orders").toString()).isEqualTo("[{\"field\":\"entity_id\"}]");
    }

    @Test
    void appliesSortOrdersInTurn() {
        JsonNode json = client.get(ORDERS + "searchCriteria[sortOrders][0][field]=store_id&searchCriteria[sortOrders][0][direction]=ASC"
                + "&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=DESC").json();

        List<long[]> keys = new ArrayList<>();
        json.path("items").forEach(order -> keys.add(new long[] {order.path("store_id").asLong(), order.path("entity_id").asLong()}));
        for (int i = 1; i < keys.size(); i++) {
            long[] previous = keys.get(i - 1);
            long[] current = keys.get(i);
            assertThat(previous[0] < current[0] || previous[0] == current[0] && previous[1] > current[1]).isTrue();
        }
    }

    @Test
    void acceptsSnakeAndCamelCaseSpellings() {
        String snake = ORDERS + "searchCriteria[filter_groups][0][filters][0][field]=status&searchCriteria[filter_groups][0][filters][0][value]=processing"
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=eq&searchCriteria[sort_orders][0][field]=entity_id"
                + "&searchCriteria[sort_orders][0][direction]=ASC&searchCriteria[page_size]=2&searchCriteria[current_page]=2";
        String camel = ORDERS + "searchCriteria[filterGroups][0][filters][0][field]=status&searchCriteria[filterGroups][0][filters][0][value]=processing"
                + "&searchCriteria[filterGroups][0][filters][0][conditionType]=eq&searchCriteria[sortOrders][0][field]=entity_id"
                + "&searchCriteria[sortOrders][0][direction]=ASC&searchCriteria[pageSize]=2&searchCriteria[currentPage]=2";

        JsonNode snakeJson = client.get(snake).json();
        assertThat(snakeJson).isEqualTo(client.get(camel).json());
        assertThat(snakeJson.path("items")).hasSize(2);
        assertThat(snakeJson.path("total_count").asInt()).isEqualTo(count(order -> "processing".equals(order.status())));
        assertThat(snakeJson.path("search_criteria").path("filter_groups").get(0).path("filters").get(0).toString())
                .isEqualTo("{\"field\":\"status\",\"value\":\"processing\",\"condition_type\":\"eq\"}");
    }

    @Test
    void defaultsTheConditionToEq() {
        JsonNode json = client.get(ORDERS + FILTER + "[field]=entity_id&" + FILTER + "[value]=7").json();

        assertThat(entityIds(json)).containsExactly(7L);
        assertThat(json.path("search_criteria").path("filter_groups").get(0).path("filters").get(0).path("condition_type").asText())
                .isEqualTo("eq");
    }

    @Test
    void supportsEveryConditionType() {
        assertThat(ids("entity_id", "eq", "5")).containsExactly(5L);
        assertThat(ids("entity_id", "neq", "5")).hasSize(39).doesNotContain(5L);
        assertThat(ids("entity_id", "in", "3,12,99")).containsExactly(3L, 12L);
        assertThat(ids("entity_id", "nin", "3,12")).hasSize(38).doesNotContain(3L, 12L);
        assertThat(ids("entity_id", "gt", "38")).containsExactly(39L, 40L);
        assertThat(ids("entity_id", "gteq", "38")).containsExactly(38L, 39L, 40L);
        assertThat(ids("entity_id", "lt", "3")).containsExactly(1L, 2L);
        assertThat(ids("entity_id", "lteq", "3")).containsExactly(1L, 2L, 3L);
        assertThat(ids("entity_id", "from", "39")).containsExactly(39L, 40L);
        assertThat(ids("entity_id", "to", "2")).containsExactly(1L, 2L);
        assertThat(ids("increment_id", "like", "2%")).hasSize(count(order -> order.storeId() == 2));
        assertThat(ids("customer_email", "like", "%EXAMPLE.NET")).hasSize(count(order -> order.customer().isGuest()));
        assertThat(ids("customer_id", "null", "")).hasSize(count(order -> order.customer().isGuest()));
        assertThat(ids("customer_id", "notnull", "")).hasSize(count(order -> !order.customer().isGuest()));
    }

    @Test
    void comparesNumericFieldsAsNumbers() {
        assertThat(ids("entity_id", "lt", "10")).hasSize(9);
        assertThat(ids("store_id", "gteq", "2")).hasSize(count(order -> order.storeId() >= 2));
    }

    @Test
    void leavesOrdersWithANullFieldOutOfComparisons() {
        assertThat(ids("customer_id", "neq", "0")).hasSize(count(order -> !order.customer().isGuest()));
    }

    @Test
    void comparesDatesAsUtcDateTimeStrings() {
        Order middle = sandbox.store().order(20);
        String at = Json.formatDateTime(middle.createdAt());
        Instant createdAt = middle.createdAt();

        assertThat(ids("created_at", "lteq", at)).hasSize(count(order -> !order.createdAt().isAfter(createdAt))).contains(20L);
        assertThat(ids("created_at", "gt", at)).hasSize(count(order -> order.createdAt().isAfter(createdAt))).doesNotContain(20L);
        assertThat(ids("created_at", "gteq", at.substring(0, 10))).contains(20L);
    }

    @Test
    void orsFiltersInsideAGroupAndAndsGroups() {
        String query = ORDERS
                + "searchCriteria[filter_groups][0][filters][0][field]=status&searchCriteria[filter_groups][0][filters][0][value]=pending"
                + "&searchCriteria[filter_groups][0][filters][1][field]=status&searchCriteria[filter_groups][0][filters][1][value]=processing"
                + "&searchCriteria[filter_groups][1][filters][0][field]=store_id&searchCriteria[filter_groups][1][filters][0][value]=1";

        JsonNode json = client.get(query).json();

        int expected = count(order -> (order.status().equals("pending") || order.status().equals("processing")) && order.storeId() == 1);
        assertThat(expected).isPositive();
        assertThat(json.path("total_count").asInt()).isEqualTo(expected);
        json.path("items").forEach(order -> {
            assertThat(order.path("status").asText()).isIn("pending", "processing");
            assertThat(order.path("store_id").asInt()).isEqualTo(1);
        });
    }

    @Test
    void trimsTheResponseToTheRequestedFields() {
        JsonNode json = client.get(ORDERS + "searchCriteria[pageSize]=2&fields=items[entity_id,increment_id],total_count").json();

        assertThat(json.fieldNames()).toIterable().containsExactly("items", "total_count");
        assertThat(json.path("items").get(0).fieldNames()).toIterable().containsExactly("entity_id", "increment_id");
    }

    @Test
    void trimsNestedFields() {
        JsonNode json = client.get(ORDERS + FILTER + "[field]=entity_id&" + FILTER + "[value]=1"
                + "&fields=items[entity_id,items[sku,qty_ordered],extension_attributes[shipping_assignments]]").json();

        assertThat(json.fieldNames()).toIterable().containsExactly("items");
        JsonNode order = json.path("items").get(0);
        assertThat(order.fieldNames()).toIterable().containsExactly("entity_id", "items", "extension_attributes");
        assertThat(order.path("items").get(0).fieldNames()).toIterable().containsExactly("qty_ordered", "sku");
        assertThat(order.path("extension_attributes").fieldNames()).toIterable().containsExactly("shipping_assignments");
    }

    @Test
    void searchesOrdersAddedWhileRunning() {
        long before = client.get(ORDERS + "searchCriteria=").json().path("total_count").asLong();
        MagentoSandbox other = TestSandboxes.started(0);
        try {
            SandboxClient otherClient = new SandboxClient(other);
            other.store().generateOrders(3);

            assertThat(otherClient.get(ORDERS + "searchCriteria=").json().path("total_count").asInt()).isEqualTo(3);
            assertThat(before).isEqualTo(40);
        } finally {
            other.close();
        }
    }

    private static String sortedPage(int pageSize, int page) {
        return ORDERS + "searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC"
                + "&searchCriteria[pageSize]=" + pageSize + "&searchCriteria[currentPage]=" + page;
    }

    private static List<Long> ids(String field, String condition, String value) {
        return entityIds(client.get(ORDERS + FILTER + "[field]=" + field + "&" + FILTER + "[value]=" + value.replace("%", "%25")
                + "&" + FILTER + "[condition_type]=" + condition
                + "&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC").json());
    }

    private static List<Long> entityIds(JsonNode json) {
        List<Long> ids = new ArrayList<>();
        json.path("items").forEach(order -> ids.add(order.path("entity_id").asLong()));
        return ids;
    }

    private static int count(Predicate<Order> predicate) {
        return (int) sandbox.store().orders().stream().filter(predicate).count();
    }
}
