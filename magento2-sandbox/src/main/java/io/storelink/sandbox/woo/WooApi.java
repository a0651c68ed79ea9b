package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.sandbox.HttpExchange;
import io.storelink.sandbox.HttpRequest;
import io.storelink.sandbox.HttpResponse;
import io.storelink.sandbox.HttpServer;
import io.storelink.sandbox.PhpQuery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The WordPress REST routes the sandbox serves: the index {@code /wp-json/} and, under {@code /wp-json/wc/v3}, the
 * order list, one order (read and status update) and its notes (list and add). Key pairs are checked first, as
 * WooCommerce does; a request without one gets the route's own 401. Errors have WordPress's shape
 * {@code {"code", "message", "data": {"status"}}} (docs/woocommerce-rest-api.md §7).
 */
final class WooApi implements HttpServer.Handler {
    static final List<String> STATUSES = List.of("pending", "processing", "on-hold", "completed", "cancelled",
            "refunded", "failed", "checkout-draft");
    private static final String API = "/wc/v3";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A WordPress REST error, thrown by the handlers and answered as its JSON. */
    static final class WooError extends RuntimeException {
        private final ObjectNode body;

        WooError(int status, String code, String message, ObjectNode data) {
            super(message, null, false, false);
            this.body = NODES.objectNode().put("code", code).put("message", message);
            body.set("data", (data == null ? NODES.objectNode() : data).put("status", status));
        }

        HttpResponse response() {
            return HttpResponse.json(body.path("data").path("status").asInt(), body);
        }
    }

    private final WooStore store;
    private final Map<String, String> keys;
    private final Supplier<URI> baseUrl;

    WooApi(WooStore store, Map<String, String> keys, Supplier<URI> baseUrl) {
        this.store = requireNonNull(store, "store is null");
        this.keys = Map.copyOf(keys);
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
    }

    @Override
    public void handle(HttpRequest request, HttpExchange exchange) throws IOException {
        exchange.send(answer(request));
    }

    HttpResponse answer(HttpRequest request) {
        if (!request.path().equals("/wp-json") && !request.path().startsWith("/wp-json/")) {
            return HttpResponse.html(404, "<html><body><h1>Page not found</h1></body></html>");
        }
        try {
            return route(request, request.path().substring("/wp-json".length()).replaceAll("/+$", ""));
        } catch (WooError e) {
            return e.response();
        }
    }

    private HttpResponse route(HttpRequest request, String route) {
        String method = request.method();
        boolean edit = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (route.isEmpty() && method.equals("GET")) {
            return HttpResponse.json(200, index());
        }
        ObjectNode params = params(request);
        boolean authenticated = route.startsWith("/wc/") && authenticate(request, params);
        String[] parts = route.startsWith(API + "/orders") ? route.substring(API.length() + 1).split("/") : new String[0];
        if (parts.length == 1 && parts[0].equals("orders") && method.equals("GET")) {
            permit(authenticated, "view", "Sorry, you cannot list resources.");
            return list(params);
        }
        if (parts.length == 2 && (method.equals("GET") || edit)) {
            long id = id(parts[1]);
            if (method.equals("GET")) {
                permit(authenticated, "view", "Sorry, you cannot view this resource.");
                return HttpResponse.json(200, existing(store.order(id)));
            }
            permit(authenticated, "edit", "Sorry, you are not allowed to edit this resource.");
            existing(store.order(id));
            String status = params.has("status") ? choice(params, "status", null, STATUSES) : null;
            return HttpResponse.json(200, status == null ? store.order(id) : store.setStatus(id, status));
        }
        if (parts.length == 3 && parts[2].equals("notes") && (method.equals("GET") || method.equals("POST"))) {
            long id = id(parts[1]);
            if (method.equals("GET")) {
                permit(authenticated, "view", "Sorry, you cannot list resources.");
                return HttpResponse.json(200, notes(id));
            }
            permit(authenticated, "create", "Sorry, you are not allowed to create resources.");
            String note = params.path("note").asText("");
            if (note.isBlank()) {
                throw new WooError(400, "rest_missing_callback_param", "Missing parameter(s): note",
                        NODES.objectNode().set("params", NODES.arrayNode().add("note")));
            }
            boolean customer = flag(params, "customer_note");
            notes(id);
            ObjectNode added = store.addNote(id, note, customer);
            return HttpResponse.json(201, added).withHeader("Location",
                    baseUrl.get() + "/wp-json" + API + "/orders/" + id + "/notes/" + added.path("id").asLong());
        }
        throw new WooError(404, "rest_no_route", "No route was found matching the URL and request method.", null);
    }

    private ObjectNode index() {
        ObjectNode index = NODES.objectNode().put("name", "Storelink WooCommerce sandbox")
                .put("description", "A stand-in WooCommerce store").put("url", baseUrl.get().toString())
                .put("home", baseUrl.get().toString()).put("timezone_string", WooOrders.SITE_ZONE.getId());
        ArrayNode namespaces = index.putArray("namespaces");
        List.of("oembed/1.0", "wc/v1", "wc/v2", "wc/v3", "wc/store/v1", "wp/v2").forEach(namespaces::add);
        index.putObject("authentication");
        return index;
    }

    private HttpResponse list(ObjectNode params) {
        boolean gmt = flag(params, "dates_are_gmt");
        Set<String> statuses = new LinkedHashSet<>();
        JsonNode status = params.path("status");
        for (JsonNode value : status.isContainerNode() ? status : NODES.arrayNode().add(status.asText("any"))) {
            for (String one : value.asText().split(",")) {
                if (!one.isBlank() && !one.trim().equals("any")) {
                    statuses.add(choice(NODES.objectNode().put("status", one.trim()), "status", null, STATUSES));
                }
            }
        }
        String orderby = choice(params, "orderby", "date", List.of("date", "id", "include", "title", "slug",
                "modified"));
        int perPage = number(params, "per_page", 10, 100);
        WooStore.Page page = store.list(new WooStore.Query(statuses, date(params, "modified_after", gmt),
                date(params, "modified_before", gmt), date(params, "after", gmt), date(params, "before", gmt),
                orderby.equals("id") ? WooStore.Sort.ID : orderby.equals("modified") ? WooStore.Sort.MODIFIED
                        : WooStore.Sort.DATE,
                choice(params, "order", "desc", List.of("asc", "desc")).equals("asc"),
                number(params, "page", 1, Integer.MAX_VALUE), perPage));
        ArrayNode rows = NODES.arrayNode();
        page.orders().forEach(rows::add);
        return HttpResponse.json(200, rows).withHeader("X-WP-Total", Integer.toString(page.total()))
                .withHeader("X-WP-TotalPages", Integer.toString((page.total() + perPage - 1) / perPage));
    }

    private ArrayNode notes(long id) {
        List<ObjectNode> notes = store.notes(id);
        if (notes == null) {
            throw new WooError(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.", null);
        }
        ArrayNode array = NODES.arrayNode();
        notes.forEach(array::add);
        return array;
    }

    private static ObjectNode existing(ObjectNode order) {
        if (order == null) {
            throw new WooError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", null);
        }
        return order;
    }

    /**
     * §2: the key pair as HTTP Basic or as the {@code consumer_key} and {@code consumer_secret} parameters. A wrong
     * pair is refused at once; no pair at all leaves the request anonymous, and the route refuses it.
     */
    private boolean authenticate(HttpRequest request, ObjectNode params) {
        String key = params.path("consumer_key").asText(null);
        String secret = params.path("consumer_secret").asText(null);
        String header = request.header("authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                pair = "";
            }
            int colon = pair.indexOf(':');
            key = colon < 0 ? pair : pair.substring(0, colon);
            secret = colon < 0 ? "" : pair.substring(colon + 1);
        }
        if (key == null) {
            return false;
        }
        String expected = keys.get(key);
        if (expected == null) {
            throw new WooError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.", null);
        }
        if (secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new WooError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.", null);
        }
        return true;
    }

    private static void permit(boolean authenticated, String action, String message) {
        if (!authenticated) {
            throw new WooError(401, "woocommerce_rest_cannot_" + action, message, null);
        }
    }

    /** The query's parameters, with a JSON or form body's over them, as WordPress merges them. */
    private static ObjectNode params(HttpRequest request) {
        ObjectNode params = MAPPER.valueToTree(PhpQuery.parse(request.rawQuery()));
        String type = request.header("content-type") == null ? "" : request.header("content-type");
        if (type.contains("application/x-www-form-urlencoded")) {
            params.setAll((ObjectNode) MAPPER.valueToTree(PhpQuery.parse(request.bodyText())));
        } else if (request.body().length > 0 && type.contains("json")) {
            try {
                JsonNode body = MAPPER.readTree(request.body());
                if (body instanceof ObjectNode object) {
                    params.setAll(object);
                }
            } catch (IOException e) {
                throw new WooError(400, "rest_invalid_json", "Invalid JSON body passed.", null);
            }
        }
        return params;
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WooError(404, "rest_no_route", "No route was found matching the URL and request method.", null);
        }
    }

    private static String choice(ObjectNode params, String name, String fallback, List<String> allowed) {
        String value = params.path(name).asText(fallback);
        if (!allowed.contains(value)) {
            throw invalid(name, name + " is not one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    private static int number(ObjectNode params, String name, int fallback, int max) {
        String text = params.path(name).asText(Integer.toString(fallback)).trim();
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw invalid(name, name + " is not of type integer.");
        }
        throw invalid(name, max == Integer.MAX_VALUE ? name + " must be greater than or equal to 1"
                : name + " must be between 1 (inclusive) and " + max + " (inclusive)");
    }

    private static boolean flag(ObjectNode params, String name) {
        String text = params.path(name).asText("false");
        if (List.of("true", "1").contains(text)) {
            return true;
        }
        if (List.of("false", "0", "").contains(text)) {
            return false;
        }
        throw invalid(name, name + " is not of type boolean.");
    }

    /** An ISO 8601 date-time; without an offset it is GMT when {@code dates_are_gmt}, else the site's time. */
    private static Instant date(ObjectNode params, String name, boolean gmt) {
        String text = params.path(name).asText("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                LocalDateTime local = LocalDateTime.parse(text);
                return gmt ? local.toInstant(ZoneOffset.UTC) : local.atZone(WooOrders.SITE_ZONE).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(name, "Invalid date.");
            }
        }
    }

    private static WooError invalid(String name, String reason) {
        ObjectNode data = NODES.objectNode();
        data.putObject("params").put(name, reason);
        return new WooError(400, "rest_invalid_param", "Invalid parameter(s): " + name, data);
    }
}
