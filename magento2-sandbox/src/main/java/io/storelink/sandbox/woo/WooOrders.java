package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sample orders as WooCommerce REST v3 answers them (docs/woocommerce-rest-api.md §4), made up from a seed: ids
 * ascending with gaps (orders share WordPress's post ids), one to three lines, a customer or a guest, billing and
 * shipping addresses, money as strings, dates twice (site time and GMT), in the statuses processing, on-hold and
 * completed.
 */
final class WooOrders {
    /** The site's time zone: not UTC, so a client that reads the local dates as GMT is off by an hour or two. */
    static final ZoneId SITE_ZONE = ZoneId.of("Europe/Berlin");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Product(long id, long variationId, String sku, String name, String price) {}

    private static final Product[] PRODUCTS = {
        new Product(31, 0, "WOO-BEANIE", "Beanie", "18.00"),
        new Product(32, 0, "WOO-BELT", "Belt", "55.00"),
        new Product(33, 0, "WOO-CAP", "Cap", "16.00"),
        new Product(34, 0, "WOO-SUNGLASSES", "Sunglasses", "90.00"),
        new Product(35, 0, "WOO-HOODIE-LOGO", "Hoodie with Logo", "45.00"),
        new Product(36, 41, "WOO-VNECK-RED", "V-Neck T-Shirt - Red", "20.00"),
        new Product(36, 42, "WOO-VNECK-BLUE", "V-Neck T-Shirt - Blue", "15.00"),
        new Product(37, 0, "WOO-ALBUM", "Album", "15.00"),
    };
    private static final String[] FIRST_NAMES = {"Ada", "Grace", "Alan", "Emmy", "Niklaus", "Barbara", "Edsger",
        "Frances", "Tony", "Radia"};
    private static final String[] LAST_NAMES = {"Lovelace", "Hopper", "Turing", "Noether", "Wirth", "Liskov",
        "Dijkstra", "Allen", "Hoare", "Perlman"};
    /** address_1, city, state (a code), postcode, country, phone. */
    private static final String[][] PLACES = {
        {"1 Analytical Way", "London", "", "N1 9GU", "GB", "+44 20 7946 0000"},
        {"Unter den Linden 77", "Berlin", "BE", "10117", "DE", "+49 30 1234567"},
        {"10 Rue de Rivoli", "Paris", "", "75001", "FR", "+33 1 23 45 67 89"},
        {"500 Pine Street", "Seattle", "WA", "98101", "US", "206-555-0147"},
        {"Damrak 1", "Amsterdam", "", "1012 LG", "NL", "+31 20 555 0100"},
    };
    private static final BigDecimal FREE_SHIPPING_FROM = new BigDecimal("100.00");
    private static final BigDecimal FLAT_RATE = new BigDecimal("4.90");

    private WooOrders() {}

    /** {@code count} orders created over {@code window}, ending five minutes before {@code now}, oldest first. */
    static List<ObjectNode> generate(long seed, int count, Duration window, Instant now) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ObjectNode> orders = new ArrayList<>(count);
        Instant end = now.minus(Duration.ofMinutes(5));
        long slot = count == 0 ? 0 : Math.max(1, window.toSeconds() / count);
        long id = 1000;
        long lineId = 1;
        for (int i = 0; i < count; i++) {
            id += 1 + random.nextInt(3);
            Instant created = end.minus(window).plusSeconds(i * slot + random.nextLong(slot));
            int roll = random.nextInt(100);
            String status = roll < 55 ? "processing" : roll < 70 ? "on-hold" : "completed";
            ObjectNode order = order(random, id, status, created, now);
            ArrayNode lines = (ArrayNode) order.get("line_items");
            int lineCount = 1 + random.nextInt(3);
            for (int n = 0; n < lineCount; n++) {
                lines.add(line(lineId++, PRODUCTS[random.nextInt(PRODUCTS.length)], 1 + random.nextInt(3)));
            }
            totals(order);
            orders.add(order);
        }
        return orders;
    }

    private static ObjectNode order(SplittableRandom random, long id, String status, Instant created, Instant now) {
        boolean guest = random.nextInt(100) < 30;
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String[] place = PLACES[random.nextInt(PLACES.length)];
        Instant modified = min(created.plusSeconds(60 + random.nextInt(6 * 3600)), now);
        ObjectNode order = NODES.objectNode();
        order.put("id", id).put("parent_id", 0).put("number", Long.toString(id))
                .put("order_key", "wc_order_" + Long.toString(Math.abs(random.nextLong()), 36))
                .put("created_via", "checkout").put("version", "9.8.5").put("status", status).put("currency", "EUR");
        putDate(order, "date_created", created);
        putDate(order, "date_modified", modified);
        order.put("prices_include_tax", false).put("customer_id", guest ? 0 : 2 + random.nextInt(500))
                .put("customer_ip_address", "127.0.0.1").put("customer_user_agent", "sandbox")
                .put("customer_note", random.nextInt(5) == 0 ? "Please leave it with the neighbour." : "");
        ObjectNode billing = address(order.putObject("billing"), first, last, "", place);
        billing.put("email", (first + "." + last + "@example.com").toLowerCase(Locale.ROOT));
        address(order.putObject("shipping"), first, last, random.nextInt(4) == 0 ? "Engines Ltd" : "", place);
        boolean paid = !status.equals("on-hold");
        order.put("payment_method", paid ? "stripe" : "bacs")
                .put("payment_method_title", paid ? "Credit card" : "Direct bank transfer")
                .put("transaction_id", paid ? "ch_" + Long.toString(Math.abs(random.nextLong()), 36) : "");
        putDate(order, "date_paid", paid ? created.plusSeconds(5) : null);
        putDate(order, "date_completed", status.equals("completed") ? modified : null);
        order.putArray("meta_data");
        order.putArray("line_items");
        order.putArray("tax_lines");
        order.putArray("fee_lines");
        order.putArray("coupon_lines");
        order.putArray("refunds");
        return order;
    }

    private static ObjectNode address(ObjectNode node, String first, String last, String company, String[] place) {
        return node.put("first_name", first).put("last_name", last).put("company", company)
                .put("address_1", place[0]).put("address_2", "").put("city", place[1]).put("state", place[2])
                .put("postcode", place[3]).put("country", place[4]).put("phone", place[5]);
    }

    private static ObjectNode line(long lineId, Product product, int quantity) {
        BigDecimal total = new BigDecimal(product.price()).multiply(BigDecimal.valueOf(quantity));
        ObjectNode line = NODES.objectNode().put("id", lineId).put("name", product.name())
                .put("product_id", product.id()).put("variation_id", product.variationId()).put("quantity", quantity)
                .put("tax_class", "").put("subtotal", money(total)).put("subtotal_tax", "0.00")
                .put("total", money(total)).put("total_tax", "0.00");
        line.putArray("taxes");
        line.putArray("meta_data");
        // price is a JSON number (the line total over its quantity), unlike the money strings.
        return line.put("sku", product.sku()).put("price", total.divide(BigDecimal.valueOf(quantity), 2,
                RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** Shipping (flat rate, free from 100.00) and the order's money fields, from its lines. */
    private static void totals(ObjectNode order) {
        BigDecimal subtotal = BigDecimal.ZERO;
        for (var line : order.get("line_items")) {
            subtotal = subtotal.add(new BigDecimal(line.path("total").asText()));
        }
        boolean free = subtotal.compareTo(FREE_SHIPPING_FROM) >= 0;
        BigDecimal shipping = free ? BigDecimal.ZERO : FLAT_RATE;
        ObjectNode method = order.putArray("shipping_lines").addObject().put("id", order.path("id").asLong() * 10)
                .put("method_title", free ? "Free shipping" : "Flat rate")
                .put("method_id", free ? "free_shipping" : "flat_rate").put("instance_id", free ? "2" : "1")
                .put("total", money(shipping)).put("total_tax", "0.00");
        method.putArray("taxes");
        method.putArray("meta_data");
        order.put("discount_total", "0.00").put("discount_tax", "0.00").put("shipping_total", money(shipping))
                .put("shipping_tax", "0.00").put("cart_tax", "0.00").put("total", money(subtotal.add(shipping)))
                .put("total_tax", "0.00");
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Sets {@code field} in the site's time and {@code field_gmt} in GMT, both without an offset; null for none. */
    static void putDate(ObjectNode node, String field, Instant instant) {
        if (instant == null) {
            node.putNull(field);
            node.putNull(field + "_gmt");
            return;
        }
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        node.put(field, DATE.format(seconds.atZone(SITE_ZONE)));
        node.put(field + "_gmt", DATE.format(seconds.atOffset(ZoneOffset.UTC)));
    }

    /** A {@code *_gmt} date of an order, or null. */
    static Instant gmt(ObjectNode order, String field) {
        String text = order.path(field + "_gmt").asText("");
        return text.isEmpty() ? null : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
