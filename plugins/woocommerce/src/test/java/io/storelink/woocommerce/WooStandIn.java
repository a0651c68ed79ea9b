package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.PlatformContext;
import io.storelink.api.Secret;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A stand-in WooCommerce store on WireMock over loopback HTTP: the REST index, orders of one status served in pages
 * of 100 oldest id first with X-WP-Total and X-WP-TotalPages, order notes kept by {@link WooNotes} when
 * {@link #serveNotes()} is called, and a 401 for any request without the test key pair.
 */
final class WooStandIn implements AutoCloseable {

    static final String KEY = "ck_test_0123456789";
    static final String SECRET = "cs_test_9876543210";
    static final String API = "/wp-json/wc/v3";

    static final ObjectMapper JSON = new ObjectMapper();

    /** The order notes the store holds, for the stubs that keep them ({@link #serveNotes()}). */
    final WooNotes notes = new WooNotes();

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(notes));

    WooStandIn() {
        server.start();
        serveIndex();
    }

    URI url() {
        return URI.create("http://localhost:" + server.port());
    }

    /** What the host passes to a connection, here with short limits. */
    static PlatformContext context(long maxResponseBytes) {
        return context(maxResponseBytes, Duration.ofSeconds(10));
    }

    static PlatformContext context(long maxResponseBytes, Duration deadline) {
        return new PlatformContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public String userAgent() {
                return "Storelink-test";
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration requestDeadline() {
                return deadline;
            }

            @Override
            public long maxResponseBytes() {
                return maxResponseBytes;
            }
        };
    }

    ConnectionConfig config() {
        return config(url(), KEY, SECRET);
    }

    static ConnectionConfig config(URI url, String key, String secret) {
        return new ConnectionConfig("shop", Map.of(
                WooCommercePlatform.STORE_URL, url,
                WooCommercePlatform.CONSUMER_KEY, Secret.of(key),
                WooCommercePlatform.CONSUMER_SECRET, Secret.of(secret),
                WooCommercePlatform.ORDER_IMPORT_STATUS, "processing",
                WooCommercePlatform.SHIPPED_STATUS, "completed"));
    }

    WooConnector connect() {
        return new WooConnector(WooConfig.from(config()), context(1024 * 1024));
    }

    private void serveIndex() {
        server.stubFor(get(urlPathEqualTo("/wp-json/")).willReturn(okJson("{\"name\":\"Shop\",\"namespaces\":"
                + "[\"oembed/1.0\",\"wc/v1\",\"wc/v2\",\"wc/v3\",\"wp/v2\"]}")));
        server.stubFor(any(urlPathMatching(API + "/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry, you cannot list "
                        + "resources.\",\"data\":{\"status\":401}}")));
    }

    MappingBuilder authorized(MappingBuilder request) {
        return request.withBasicAuth(KEY, SECRET).atPriority(5);
    }

    /**
     * Serves these orders as the processing orders, in pages of 100, with the list that a scan limited by
     * {@code modified_after} gets: the orders modified after {@code modifiedAfter} (none when {@code null}).
     */
    void serveOrders(List<ObjectNode> orders, List<ObjectNode> modifiedAfter) {
        int total = orders.size();
        int pages = Math.max(1, (total + 99) / 100);
        for (int page = 1; page <= pages; page++) {
            ArrayNode slice = JSON.createArrayNode();
            orders.subList(Math.min(total, (page - 1) * 100), Math.min(total, page * 100)).forEach(slice::add);
            server.stubFor(authorized(ordersList()
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("modified_after", absent()))
                    .willReturn(okJson(slice.toString())
                            .withHeader("X-WP-Total", Integer.toString(total))
                            .withHeader("X-WP-TotalPages", Integer.toString(pages))));
        }
        // The one-order pages at each page boundary, which the connector reads to see whether orders moved.
        pastTheEnd(ordersList().withQueryParam("page", equalTo(Integer.toString(pages + 1))));
        for (int position = 100; position <= total + 100; position += 100) {
            ArrayNode one = JSON.createArrayNode();
            if (position > total) {
                pastTheEnd(ordersList("1").withQueryParam("page", equalTo(Integer.toString(position))));
                continue;
            }
            one.add(orders.get(position - 1));
            server.stubFor(authorized(ordersList("1")
                    .withQueryParam("page", equalTo(Integer.toString(position)))
                    .withQueryParam("modified_after", absent()))
                    .willReturn(okJson(one.toString()).withHeader("X-WP-Total", Integer.toString(total))
                            .withHeader("X-WP-TotalPages", Integer.toString(total))));
        }
        // The first page of one order, which the connection test reads with and without the status (the store
        // holds no order of another status, so both lists are these orders).
        ArrayNode first = JSON.createArrayNode();
        orders.stream().limit(1).forEach(first::add);
        server.stubFor(authorized(get(urlPathEqualTo(API + "/orders"))
                .withQueryParam("per_page", equalTo("1"))
                .withQueryParam("page", absent())
                .withQueryParam("modified_after", absent()))
                .willReturn(okJson(first.toString()).withHeader("X-WP-Total", Integer.toString(total))
                        .withHeader("X-WP-TotalPages", Integer.toString(total))));
        ArrayNode modified = JSON.createArrayNode();
        modifiedAfter.forEach(modified::add);
        server.stubFor(authorized(ordersList()
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("modified_after", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .withQueryParam("dates_are_gmt", equalTo("true")))
                .willReturn(okJson(modified.toString())
                        .withHeader("X-WP-Total", Integer.toString(modifiedAfter.size()))
                        .withHeader("X-WP-TotalPages", "1")));
    }

    /**
     * Keeps order notes: a note POSTed to an order is stored and listed back by a GET of the order's notes, and each
     * order id reads as {@link #order(long)} (a PUT answers the order with the status it sets, not stored).
     */
    void serveNotes() {
        server.stubFor(authorized(post(urlPathMatching(API + "/orders/\\d+/notes")))
                .willReturn(aResponse().withTransformers(WooNotes.NAME)));
        server.stubFor(authorized(get(urlPathMatching(API + "/orders/\\d+/notes")))
                .willReturn(aResponse().withTransformers(WooNotes.NAME)));
        server.stubFor(authorized(get(urlPathMatching(API + "/orders/\\d+")))
                .willReturn(aResponse().withTransformers(WooNotes.NAME)));
        server.stubFor(authorized(put(urlPathMatching(API + "/orders/\\d+")))
                .willReturn(aResponse().withTransformers(WooNotes.NAME)));
    }

    /** A page past the end of the list is refused, as WordPress does (docs/woocommerce-rest-api.md §3). */
    private void pastTheEnd(MappingBuilder request) {
        server.stubFor(authorized(request.withQueryParam("modified_after", absent())).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"rest_post_invalid_page_number\",\"message\":\"The page number requested "
                        + "is larger than the number of pages available.\",\"data\":{\"status\":400}}")));
    }

    static MappingBuilder ordersList() {
        return ordersList("100");
    }

    static MappingBuilder ordersList(String perPage) {
        return get(urlPathEqualTo(API + "/orders"))
                .withQueryParam("status", equalTo("processing"))
                .withQueryParam("per_page", equalTo(perPage))
                .withQueryParam("orderby", equalTo("id"))
                .withQueryParam("order", equalTo("asc"));
    }

    /** An order as WooCommerce REST v3 returns it, with two lines: SKU-A x2 (line id*10+1) and SKU-B x1. */
    static ObjectNode order(long id) {
        ObjectNode order = JSON.createObjectNode();
        order.put("id", id);
        order.put("number", Long.toString(id));
        order.put("status", "processing");
        order.put("currency", "EUR");
        order.put("date_created", "2026-03-21T17:46:41");
        order.put("date_created_gmt", "2026-03-21T16:46:41");
        order.put("date_modified_gmt", "2026-03-22T08:00:00");
        order.put("discount_total", "0.00");
        order.put("shipping_total", "4.90");
        order.put("total_tax", "5.32");
        order.put("total", "38.12");
        order.put("customer_id", 0);
        ObjectNode billing = order.putObject("billing");
        billing.put("first_name", "Ada").put("last_name", "Lovelace").put("company", "")
                .put("address_1", "1 Analytical Way").put("address_2", "").put("city", "London").put("state", "")
                .put("postcode", "N1 9GU").put("country", "GB").put("email", "ada@example.com")
                .put("phone", "+44 20 0000 0000");
        ObjectNode shipping = order.putObject("shipping");
        shipping.put("first_name", "Ada").put("last_name", "Lovelace").put("company", "Engines Ltd")
                .put("address_1", "2 Difference Road").put("address_2", "Unit 3").put("city", "Leeds")
                .put("state", "").put("postcode", "LS1 1AA").put("country", "GB");
        ArrayNode lines = order.putArray("line_items");
        lines.addObject().put("id", id * 10 + 1).put("name", "Gear").put("product_id", 31).put("variation_id", 0)
                .put("quantity", 2).put("subtotal", "19.90").put("total", "19.90").put("sku", "SKU-A")
                .put("price", 9.95);
        lines.addObject().put("id", id * 10 + 2).put("name", "Lever").put("product_id", 32).put("variation_id", 0)
                .put("quantity", 1).put("subtotal", "8.00").put("total", "8.00").put("sku", "SKU-B").put("price", 8);
        order.putArray("shipping_lines").addObject().put("id", 5).put("method_title", "Flat rate")
                .put("method_id", "flat_rate").put("total", "4.90");
        return order;
    }

    static List<ObjectNode> orders(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(WooStandIn::order).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
