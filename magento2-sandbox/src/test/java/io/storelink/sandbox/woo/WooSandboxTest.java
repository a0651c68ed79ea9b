package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The WooCommerce sandbox over real HTTP on loopback, as a client of the REST API v3 sees it. */
final class WooSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KEY = "ck_test_0123";
    private static final String SECRET = "cs_test_4567";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final WooSandbox sandbox = WooSandbox.builder().seed(7).orderCount(45).key(KEY, SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();

    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Reply send(String method, String pathAndQuery, String json, String key, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.url(pathAndQuery))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private Reply get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery, null, KEY, SECRET);
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.body().path("code").asText()).isEqualTo(code);
        assertThat(reply.body().path("message").asText()).isNotBlank();
        assertThat(reply.body().path("data").path("status").asInt()).isEqualTo(status);
    }

    @Test
    void theIndexOffersWcV3WithoutAKeyPair() throws Exception {
        Reply index = send("GET", "/wp-json/", null, null, null);

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body().path("namespaces")).extracting(JsonNode::asText).contains("wc/v3");
        assertThat(index.body().path("url").asText()).isEqualTo(sandbox.baseUrl().toString());
    }

    @Test
    void refusesAMissingOrWrongKeyPairAndTakesItAsBasicOrAsQueryParameters() throws Exception {
        assertError(send("GET", "/wp-json/wc/v3/orders", null, null, null), 401, "woocommerce_rest_cannot_view");
        assertError(send("POST", "/wp-json/wc/v3/orders/1/notes", "{}", null, null), 401,
                "woocommerce_rest_cannot_create");
        Reply wrongKey = send("GET", "/wp-json/wc/v3/orders", null, "ck_other", SECRET);
        assertError(wrongKey, 401, "woocommerce_rest_authentication_error");
        assertThat(wrongKey.body().path("message").asText()).isEqualTo("Consumer key is invalid.");
        Reply wrongSecret = send("GET", "/wp-json/wc/v3/orders", null, KEY, "cs_other");
        assertThat(wrongSecret.body().path("message").asText()).isEqualTo("Consumer secret is invalid.");

        Reply byQuery = send("GET", "/wp-json/wc/v3/orders?consumer_key=" + KEY + "&consumer_secret=" + SECRET,
                null, null, null);
        assertThat(byQuery.status()).isEqualTo(200);
        assertThat(byQuery.body()).hasSize(10);
        assertError(get("/wp-json/wc/v3/refunds"), 404, "rest_no_route");
    }

    @Test
    void listsTheOrdersOfAStatusInPagesOldestIdFirstWithTheTotals() throws Exception {
        List<Long> processing = sandbox.orderIds("processing");
        assertThat(processing).hasSizeGreaterThan(12);
        int pages = (processing.size() + 4) / 5;

        List<Long> seen = new ArrayList<>();
        for (int page = 1; page <= pages + 1; page++) {
            Reply reply = get("/wp-json/wc/v3/orders?status=processing&per_page=5&page=" + page
                    + "&orderby=id&order=asc");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("X-WP-Total")).isEqualTo(Integer.toString(processing.size()));
            assertThat(reply.header("X-WP-TotalPages")).isEqualTo(Integer.toString(pages));
            reply.body().forEach(order -> {
                assertThat(order.path("status").asText()).isEqualTo("processing");
                seen.add(order.path("id").asLong());
            });
        }
        assertThat(seen).isEqualTo(processing).isSorted();

        Reply several = get("/wp-json/wc/v3/orders?status=processing,on-hold&per_page=100");
        assertThat(several.header("X-WP-Total")).isEqualTo(Integer.toString(processing.size()
                + sandbox.orderIds("on-hold").size()));
        List<String> created = new ArrayList<>();
        several.body().forEach(order -> created.add(order.path("date_created_gmt").asText()));
        assertThat(created).as("newest first by default").isSortedAccordingTo((a, b) -> b.compareTo(a));

        assertError(get("/wp-json/wc/v3/orders?per_page=101"), 400, "rest_invalid_param");
        assertError(get("/wp-json/wc/v3/orders?status=shipped"), 400, "rest_invalid_param");
        assertError(get("/wp-json/wc/v3/orders?orderby=price"), 400, "rest_invalid_param");
    }

    @Test
    void modifiedAfterFiltersOnTheGmtModificationDate() throws Exception {
        JsonNode all = get("/wp-json/wc/v3/orders?per_page=100").body();
        Instant cut = Instant.parse("2026-02-15T00:00:00Z");
        long newer = 0;
        for (JsonNode order : all) {
            newer += LocalDateTime.parse(order.path("date_modified_gmt").asText()).toInstant(ZoneOffset.UTC)
                    .isAfter(cut) ? 1 : 0;
        }
        assertThat(newer).isBetween(1L, (long) all.size() - 1);

        Reply gmt = get("/wp-json/wc/v3/orders?per_page=100&modified_after=2026-02-15T00:00:00&dates_are_gmt=true");
        assertThat(gmt.body()).hasSize((int) newer);
        Reply offset = get("/wp-json/wc/v3/orders?per_page=100&modified_after=2026-02-15T01:00:00%2B01:00");
        assertThat(offset.body()).hasSize((int) newer);
        assertError(get("/wp-json/wc/v3/orders?modified_after=yesterday"), 400, "rest_invalid_param");
    }

    @Test
    void ordersCarryLinesAddressesCustomerAndTotalsFromTheSeed() throws Exception {
        JsonNode orders = get("/wp-json/wc/v3/orders?per_page=100&orderby=id&order=asc").body();
        assertThat(orders).hasSize(45);
        List<String> statuses = new ArrayList<>();
        for (JsonNode order : orders) {
            statuses.add(order.path("status").asText());
            assertThat(order.path("number").asText()).isEqualTo(order.path("id").asText());
            assertThat(order.path("line_items")).isNotEmpty().allSatisfy(line -> {
                assertThat(line.path("sku").asText()).startsWith("WOO-");
                assertThat(line.path("quantity").asInt()).isPositive();
                assertThat(line.path("price").isNumber()).isTrue();
            });
            BigDecimal sum = new BigDecimal(order.path("shipping_total").asText());
            for (JsonNode line : order.path("line_items")) {
                sum = sum.add(new BigDecimal(line.path("total").asText()));
            }
            assertThat(new BigDecimal(order.path("total").asText())).isEqualByComparingTo(sum);
            assertThat(order.path("shipping").path("address_1").asText()).isNotBlank();
            assertThat(order.path("shipping").path("country").asText()).hasSize(2);
            assertThat(order.path("billing").path("email").asText()).endsWith("@example.com");
            assertThat(order.path("date_created").asText()).isNotEqualTo(order.path("date_created_gmt").asText());
        }
        assertThat(statuses).contains("processing", "on-hold", "completed");

        WooSandbox same = WooSandbox.builder().seed(7).orderCount(45).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        WooSandbox other = WooSandbox.builder().seed(8).orderCount(45).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        assertThat(same.orderIds("processing")).isEqualTo(sandbox.orderIds("processing"))
                .isNotEqualTo(other.orderIds("processing"));
    }

    @Test
    void aShipmentIsANoteAndAStatusChange() throws Exception {
        long id = sandbox.orderIds("processing").get(0);
        String notes = "/wp-json/wc/v3/orders/" + id + "/notes";

        Reply added = send("POST", notes, "{\"note\":\"Shipped. Tracking: UPS 1Z999.\",\"customer_note\":true}",
                KEY, SECRET);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().path("id").isIntegralNumber()).isTrue();
        assertThat(added.body().path("customer_note").asBoolean()).isTrue();
        assertThat(added.header("Location")).endsWith(notes + "/" + added.body().path("id").asLong());

        Reply updated = send("PUT", "/wp-json/wc/v3/orders/" + id, "{\"status\":\"completed\"}", KEY, SECRET);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("status").asText()).isEqualTo("completed");
        assertThat(updated.body().path("date_completed_gmt").asText()).isEqualTo("2026-03-01T12:00:00");
        assertThat(get("/wp-json/wc/v3/orders/" + id).body().path("status").asText()).isEqualTo("completed");
        assertThat(sandbox.orderIds("processing")).doesNotContain(id);

        JsonNode listed = get(notes).body();
        assertThat(listed).extracting(note -> note.path("note").asText()).containsExactly(
                "Order status changed from Processing to Completed.", "Shipped. Tracking: UPS 1Z999.");
        assertThat(sandbox.notes(id)).hasSize(2);

        assertError(send("POST", notes, "{\"customer_note\":true}", KEY, SECRET), 400, "rest_missing_callback_param");
        assertError(send("POST", notes, "{not json", KEY, SECRET), 400, "rest_invalid_json");
        assertError(send("PUT", "/wp-json/wc/v3/orders/" + id, "{\"status\":\"shipped\"}", KEY, SECRET), 400,
                "rest_invalid_param");
        assertError(get("/wp-json/wc/v3/orders/999999"), 404, "woocommerce_rest_shop_order_invalid_id");
        assertError(get("/wp-json/wc/v3/orders/999999/notes"), 404, "woocommerce_rest_order_invalid_id");
        assertError(send("PUT", "/wp-json/wc/v3/orders/" + id, "{}", null, null), 401, "woocommerce_rest_cannot_edit");
    }

    @Test
    void answersOutsideTheRestApiWithAnHtmlNotFound() throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(sandbox.url("/shop/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }
}
