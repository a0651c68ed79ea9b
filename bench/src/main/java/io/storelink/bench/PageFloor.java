package io.storelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The import's floor, fixed by the harness and independent of what the import does: the {@code GET /V1/orders}
 * pages a well-behaved client needs to read N orders, and nothing else.
 *
 * <ul>
 *   <li>{@link #pages(int) ceil(N / 300)} pages of {@value #PAGE_SIZE}, Magento's largest page size
 *       ({@code docs/magento2-rest-api.md} §0.4), {@code currentPage} 1 to k, sorted by {@code entity_id ASC} with its
 *       direction (§0.6, §2.1);</li>
 *   <li>the orders in the statuses the harness's connection imports ({@link Engine#ALL_STATUSES}), with the field
 *       list {@link #FIELDS} (§2.1), written here as a constant: the fields the Magento 2 plugin maps;</li>
 *   <li>{@value #CONCURRENCY} requests in flight: the harness's store-politeness policy, the most it considers fair
 *       to put on one merchant's store at once. It is set here, not read from the plugin.</li>
 * </ul>
 *
 * Pages are independent of each other ({@code currentPage}, not a keyset), so both slots are busy from the first
 * request to the last: nothing a client could do with {@value #CONCURRENCY} in flight gets the same bytes sooner.
 */
final class PageFloor {

    /** Magento's default maximum {@code searchCriteria[pageSize]}; a larger one is a 400 on some releases. */
    static final int PAGE_SIZE = 300;

    /** The harness's store-politeness policy: requests in flight against one store. */
    static final int CONCURRENCY = 2;

    private static final String ADDRESS = "firstname,lastname,company,street,city,region,region_code,postcode,"
            + "country_id,telephone,email";

    /** The fields one order needs for an import (what the Magento 2 plugin maps), and the unpaged count. */
    static final String FIELDS = "items[entity_id,increment_id,created_at,updated_at,state,status,store_id,"
            + "store_name,order_currency_code,base_currency_code,grand_total,subtotal,shipping_amount,tax_amount,"
            + "discount_amount,customer_email,customer_firstname,customer_lastname,customer_is_guest,customer_id,"
            + "is_virtual,relation_parent_id,shipping_description,payment[method],billing_address[" + ADDRESS + "],"
            + "items[item_id,parent_item_id,product_id,product_type,sku,name,qty_ordered,qty_shipped,qty_refunded,"
            + "qty_canceled,price,is_virtual,is_qty_decimal],"
            + "extension_attributes[shipping_assignments[shipping[address[" + ADDRESS + "],method]]]],total_count";

    private PageFloor() {
    }

    /** @return how many pages hold {@code orders} orders: ceil(orders / {@value #PAGE_SIZE}) */
    static int pages(int orders) {
        return (orders + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    /** @return the path and query of each page, in page order, for a store holding {@code orders} matching orders */
    static List<String> urls(int orders) {
        List<String> urls = new ArrayList<>();
        for (int page = 1; page <= pages(orders); page++) {
            urls.add("/rest/V1/orders?" + parameter("searchCriteria[filter_groups][0][filters][0][field]", "status")
                    + '&' + parameter("searchCriteria[filter_groups][0][filters][0][value]", Engine.ALL_STATUSES)
                    + '&' + parameter("searchCriteria[filter_groups][0][filters][0][condition_type]", "in")
                    + '&' + parameter("searchCriteria[sortOrders][0][field]", "entity_id")
                    + '&' + parameter("searchCriteria[sortOrders][0][direction]", "ASC")
                    + '&' + parameter("searchCriteria[pageSize]", Integer.toString(PAGE_SIZE))
                    + '&' + parameter("searchCriteria[currentPage]", Integer.toString(page))
                    + '&' + parameter("fields", FIELDS));
        }
        return urls;
    }

    /**
     * Reads the floor's pages once, untimed, and checks that together they hold each of the store's {@code orders}
     * orders exactly once: a floor that read less would be no floor.
     */
    static void requireEveryOrder(FloorClient client, SandboxProcess sandbox, int orders) {
        ObjectMapper json = new ObjectMapper();
        Set<Long> seen = new HashSet<>();
        int read = 0;
        for (String url : urls(orders)) {
            JsonNode page;
            try {
                page = json.readTree(client.getText(sandbox.baseUrl() + url));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (page.path("total_count").asLong(-1) != orders) {
                throw new IllegalStateException("the floor's page says total_count " + page.path("total_count")
                        + ", not " + orders + ": " + url);
            }
            for (JsonNode order : page.path("items")) {
                seen.add(order.path("entity_id").asLong());
                read++;
            }
        }
        if (read != orders || seen.size() != orders) {
            throw new IllegalStateException("the floor's " + pages(orders) + " pages hold " + read + " orders, "
                    + seen.size() + " distinct, not " + orders);
        }
    }

    private static String parameter(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + '=' + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
