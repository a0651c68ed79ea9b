package io.storelink.magento2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;
import io.storelink.sdk.StoreHttp;
import org.apache.hc.core5.http.HttpHeaders;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The Magento 2 REST API, one method per endpoint, on the SDK's {@link StoreHttp}: it sends the access token as a
 * bearer token, keeps the host's deadline and response cap, and stops a request when its thread is interrupted or the
 * connector closed. What is Magento's own stays here: every path is under {@code <Store URL>/rest/V1} (reads never
 * use a store code in the path), a refused answer is reported with Magento's {@code message} and its {@code %1}
 * parameters filled in, a 401 with the Magento 2.4.4 bearer-token hint, a wrong Store URL (a 404 with no route, a
 * redirect) and a failed TLS handshake as {@link ErrorKind#CONFIGURATION}. Answers come back as package-private
 * records.
 *
 * <p>The client does not retry ({@code retries(0)}), the host does, with its own backoff and the store's
 * {@code Retry-After}.
 */
final class Magento2Client implements AutoCloseable {

    /** Magento's answer to a path that is no REST route, also to a wrong Store URL path. */
    static final String NO_ROUTE = "Request does not match any route.";

    static final String BEARER_HINT = "On Magento 2.4.4 and above an Integration access token is refused as a bearer "
            + "token unless Stores > Configuration > Services > OAuth > Consumer Settings > \"Allow OAuth Access Tokens "
            + "to be used as standalone Bearer tokens\" is Yes (bin/magento config:set "
            + "oauth/consumer/enable_integration_as_bearer 1); the same 401 comes from a revoked token or an "
            + "integration without the ACL resource named above.";

    private static final String ADDRESS_FIELDS = "firstname,lastname,company,street,city,region,region_code,postcode,"
            + "country_id,telephone,email";

    /** One order's fields that {@link Magento2OrderMapper} reads, for {@code GET /V1/orders/{id}}. */
    static final String ONE_ORDER_FIELDS = "entity_id,increment_id,created_at,updated_at,state,status,store_id,"
            + "store_name,order_currency_code,base_currency_code,grand_total,subtotal,shipping_amount,tax_amount,"
            + "discount_amount,customer_email,customer_firstname,customer_lastname,customer_is_guest,customer_id,"
            + "is_virtual,relation_parent_id,shipping_description,payment[method],"
            + "billing_address[" + ADDRESS_FIELDS + "],"
            + "items[item_id,parent_item_id,product_id,product_type,sku,name,qty_ordered,qty_shipped,qty_refunded,"
            + "qty_canceled,price,is_virtual,is_qty_decimal],"
            + "extension_attributes[shipping_assignments[shipping[address[" + ADDRESS_FIELDS + "],method]]]";

    /** What {@link Magento2OrderMapper} reads, so Magento sends nothing else ({@code fields=}). */
    static final String ORDER_FIELDS = "items[" + ONE_ORDER_FIELDS + "],total_count";

    /** What the ship notification reads of an order's shipments. */
    static final String SHIPMENT_FIELDS = "items[entity_id,order_id,email_sent,items[order_item_id,qty],"
            + "tracks[track_number,title,carrier_code]],total_count";

    /** Where every request goes, below the Store URL: the default store view's REST API. */
    private static final String REST = "/rest/V1";

    private final Magento2Config config;
    private final Duration timeout;
    private final StoreHttp http;
    private final ObjectMapper json;

    Magento2Client(Magento2Config config, PlatformContext context) {
        this.config = requireNonNull(config, "config is null");
        this.timeout = context.requestTimeout();
        this.http = StoreHttp.builder("Magento store", config.storeUrl(), context).bearer(config.accessToken())
                .retries(0).errors(this::failure).build();
        this.json = http.json();
    }

    private static final String MAY_HAVE_REACHED = "; the request may have reached the store";

    private static final String NOT_REST_API = ", not the Magento REST API; if this persists, check the Store URL";

    private static final String TOO_LARGE = ". A page of at most 300 orders is a few megabytes, so the store or a proxy "
            + "in front of it sent something else, or the host's response cap is set too low";

    /** {@code GET /V1/orders}: one page of orders with the fields the mapper reads, and the unpaged count. */
    Magento2OrderData.Page searchOrders(Magento2SearchCriteria criteria) {
        String what = "GET /V1/orders";
        Magento2OrderReader.Result page = getOrders("/orders", query(criteria, ORDER_FIELDS), what,
                Magento2OrderReader::page);
        if (page.totalCount() == null) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE,
                    "Magento answered GET /V1/orders without total_count; the response is incomplete");
        }
        if (page.orders().isEmpty() && page.totalCount() > 0) {
            // Magento answers a page past the end with the last page again, never with none: an empty page that
            // counts orders is an answer gone wrong, and taken as the end it would close the run with nothing found.
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "Magento store " + config.storeUrl()
                    + " answered " + what + " with no orders but a total_count of " + page.totalCount()
                    + "; the response is incomplete");
        }
        return new Magento2OrderData.Page(page.orders(), page.totalCount());
    }

    /**
     * Reads a 2xx answer holding orders with {@link Magento2OrderReader}, straight from the bytes; one that is not
     * JSON fails as {@link #json} makes it fail.
     */
    private <T> T readOrders(StoreHttp.Response raw, String what, OrderJsonReader<T> reader) {
        byte[] body = raw.body();
        if (body.length == 0) {
            throw notJson(raw, what, NOT_REST_API);
        }
        try (JsonParser parser = json.getFactory().createParser(body)) {
            return reader.read(parser);
        } catch (IOException notOrders) {
            // Jackson's parse failures and the reader's own refusals: not the JSON we expect.
            json(raw, what, NOT_REST_API);
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "Magento store " + config.storeUrl()
                    + " answered " + what + " with JSON that is not orders: " + notOrders.getMessage(), notOrders);
        } catch (RuntimeException bug) {
            throw readerBug(what, bug);
        }
    }

    /**
     * What a reader that throws anything but an {@link IOException} is: a bug in the plugin, whatever the store sent.
     * Not retried, since the same answer would fail the same way, and never blamed on the store.
     */
    private ConnectorException readerBug(String what, RuntimeException bug) {
        return ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The Magento 2 plugin failed reading the "
                + "answer of Magento store " + config.storeUrl() + " to " + what + " (" + bug + "); this is a bug in "
                + "the plugin, not a problem of the store", bug);
    }

    /** Reads orders from a parser; an {@link IOException} means the JSON is not what was expected. */
    @FunctionalInterface
    interface OrderJsonReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** {@code GET} a path and read its 2xx answer with {@code reader}, as {@link #readOrders} does. */
    <T> T getOrders(String path, List<String[]> query, String what, OrderJsonReader<T> reader) {
        return readOrders(send(http.get(REST + path).query(parameters(query)), what, ""), what, reader);
    }

    /**
     * {@code GET /V1/orders} asking for one {@code entity_id} and the count: how many orders match, and the first
     * one's id as sorted (0 when none matches or its id is unreadable).
     */
    Magento2OrderData.Extent ordersExtent(Magento2SearchCriteria criteria) {
        JsonNode body = getJson("/orders", query(criteria, "items[entity_id],total_count"), "GET /V1/orders");
        JsonNode first = body.path("items").path(0).path("entity_id");
        return new Magento2OrderData.Extent(totalCount(body),
                first.canConvertToLong() || first.isTextual() ? Math.max(first.asLong(), 0) : 0);
    }

    /** {@code GET /V1/orders} asking for {@code total_count} only: how many orders match. */
    long countOrders(Magento2SearchCriteria criteria) {
        return totalCount(getJson("/orders", query(criteria, "total_count"), "GET /V1/orders"));
    }

    /** {@code GET /V1/orders/{id}}: one order, fresh, with the fields the mapper reads. 404 means no such order. */
    Magento2OrderData order(long entityId) {
        String what = "GET /V1/orders/" + entityId;
        return getOrders("/orders/" + entityId, List.<String[]>of(new String[] {"fields", ONE_ORDER_FIELDS}), what,
                parser -> {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        throw new IOException("expected an order object");
                    }
                    return Magento2OrderReader.order(parser);
                });
    }

    /** {@code GET /V1/orders?...increment_id eq <number>&pageSize=1}: the {@code entity_id} of the order so numbered. */
    Optional<Long> orderIdByNumber(String incrementId) {
        Magento2SearchCriteria criteria = Magento2SearchCriteria.builder().where("increment_id", "eq", incrementId)
                .pageSize(1).build();
        JsonNode body = getJson("/orders", query(criteria, "items[entity_id,increment_id],total_count"),
                "GET /V1/orders");
        for (JsonNode order : body.path("items")) {
            Long id = longValue(order, "entity_id");
            if (id != null && incrementId.equals(text(order, "increment_id"))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code POST /V1/order/{id}/ship} (needs {@code Magento_Sales::ship}): Magento validates quantities and creates
     * the shipment with its tracks.
     *
     * @return the new shipment's {@code entity_id}; Magento sends it as a JSON string ({@code "3"}) or a number
     */
    String shipOrder(long orderId, Magento2ShipmentData.ShipOrder request) {
        ObjectNode body = json.createObjectNode();
        body.set("items", items(request.items()));
        body.put("notify", request.notifyCustomer());
        if (request.comment() != null) {
            body.put("appendComment", true);
            body.putObject("comment").put("comment", request.comment()).put("is_visible_on_front", 0);
        }
        ArrayNode tracks = body.putArray("tracks");
        for (Magento2ShipmentData.Track track : request.tracks()) {
            tracks.addObject().put("track_number", track.trackNumber()).put("title", track.title())
                    .put("carrier_code", track.carrierCode());
        }
        String what = "POST /V1/order/" + orderId + "/ship";
        JsonNode answer = postJson("/order/" + orderId + "/ship", body, what);
        String id = answer.isValueNode() ? answer.asText().trim() : "";
        if (!id.matches("[0-9]+")) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "Magento store " + config.storeUrl()
                    + " answered " + what + " without a shipment id: " + truncate(answer.toString()));
        }
        return id;
    }

    /**
     * {@code POST /V1/shipment} (needs {@code Magento_Sales::shipment}): saves the shipment as given, tracks and
     * comment included, <b>without any quantity check</b>.
     */
    Magento2ShipmentData createShipment(Magento2ShipmentData.NewShipment request) {
        ObjectNode body = json.createObjectNode();
        ObjectNode entity = body.putObject("entity");
        entity.put("order_id", request.orderId());
        entity.set("items", items(request.items()));
        ArrayNode tracks = entity.putArray("tracks");
        for (Magento2ShipmentData.Track track : request.tracks()) {
            tracks.addObject().put("order_id", request.orderId()).put("track_number", track.trackNumber())
                    .put("title", track.title()).put("carrier_code", track.carrierCode())
                    .put("description", track.title()).put("qty", 1).put("weight", 0);
        }
        ArrayNode comments = entity.putArray("comments");
        if (request.comment() != null) {
            comments.addObject().put("comment", request.comment()).put("is_visible_on_front", 0)
                    .put("is_customer_notified", request.notifyCustomer() ? 1 : 0);
        }
        String what = "POST /V1/shipment";
        Magento2ShipmentData shipment = shipment(postJson("/shipment", body, what));
        if (shipment.entityId() == null) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "Magento store " + config.storeUrl()
                    + " answered " + what + " without the shipment's entity_id");
        }
        return shipment;
    }

    /** {@code POST /V1/shipment/{id}/emails}: sends the shipment e-mail to the customer. */
    void emailShipment(long shipmentId) {
        postJson("/shipment/" + shipmentId + "/emails", json.createObjectNode(),
                "POST /V1/shipment/" + shipmentId + "/emails");
    }

    /** {@code GET /V1/shipments?...order_id eq <id>} (needs {@code Magento_Sales::shipment}): the order's shipments. */
    List<Magento2ShipmentData> shipments(long orderId) {
        Magento2SearchCriteria criteria = Magento2SearchCriteria.builder()
                .where("order_id", "eq", Long.toString(orderId)).sortBy("entity_id", true).build();
        JsonNode body = getJson("/shipments", query(criteria, SHIPMENT_FIELDS), "GET /V1/shipments");
        List<Magento2ShipmentData> shipments = new ArrayList<>();
        for (JsonNode shipment : body.path("items")) {
            shipments.add(shipment(shipment));
        }
        return shipments;
    }

    /**
     * {@code GET /V1/products?...entity_id in <ids>} (needs {@code Magento_Catalog::products}): the products' types
     * and a bundle's {@code shipment_type} custom attribute.
     */
    List<Magento2ShipmentData.Product> products(Collection<Long> productIds) {
        Magento2SearchCriteria criteria = Magento2SearchCriteria.builder()
                .where("entity_id", "in", productIds.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .sortBy("entity_id", true).build();
        JsonNode body = getJson("/products", query(criteria, "items[id,sku,type_id,custom_attributes],total_count"),
                "GET /V1/products");
        List<Magento2ShipmentData.Product> products = new ArrayList<>();
        for (JsonNode product : body.path("items")) {
            Long id = longValue(product, "id");
            if (id == null) {
                continue;
            }
            String shipmentType = null;
            for (JsonNode attribute : product.path("custom_attributes")) {
                if ("shipment_type".equals(text(attribute, "attribute_code"))) {
                    shipmentType = text(attribute, "value");
                }
            }
            products.add(new Magento2ShipmentData.Product(id, text(product, "sku"), text(product, "type_id"),
                    shipmentType));
        }
        return products;
    }

    /** {@code GET /V1/store/storeViews}; needs the {@code Magento_Backend::store} ACL resource. */
    List<Magento2OrderData.StoreView> storeViews() {
        JsonNode body = getJson("/store/storeViews", List.of(), "GET /V1/store/storeViews");
        List<Magento2OrderData.StoreView> views = new ArrayList<>();
        for (JsonNode view : body) {
            Long id = longValue(view, "id");
            String code = text(view, "code");
            if (id != null && code != null) {
                views.add(new Magento2OrderData.StoreView(id, code, text(view, "name")));
            }
        }
        return views;
    }

    /**
     * {@code GET /V1/orders?searchCriteria[pageSize]=1}, for the connection test: what came back, whatever it was.
     * Never throws for an HTTP status or a body; a transport failure comes back as {@link Probe#transportFailure()}.
     */
    Probe probeOrders() {
        Magento2SearchCriteria criteria = Magento2SearchCriteria.builder().pageSize(1).build();
        StoreHttp.Response raw;
        try {
            raw = send(http.get(REST + "/orders").query(parameters(query(criteria, "items[entity_id],total_count")))
                    .anyStatus(), "GET /V1/orders", "");
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.CANCELLED) {
                throw e;
            }
            return new Probe(0, false, false, null, null, null, e.getMessage());
        }
        JsonNode body = raw.jsonIfAny().orElse(null);
        boolean isJson = body != null && (body.isObject() || body.isArray());
        Long total = isJson && body.has("total_count") ? longValue(body, "total_count") : null;
        return new Probe(raw.status(), looksLikeHtml(raw), isJson, isJson ? magentoMessage(body) : null, total,
                raw.header(HttpHeaders.LOCATION).orElse(null), null);
    }

    /**
     * Opens a TCP connection to the store, and a TLS session for https, without sending anything.
     *
     * @return empty when the store can be reached, else what failed, for people
     */
    Optional<String> reach() {
        String host = config.storeUrl().getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress address;
        try {
            address = InetAddress.getByName(bareHost);
        } catch (UnknownHostException e) {
            return Optional.of("The host name " + bareHost + " cannot be resolved (DNS).");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, config.port()), millis);
            if (config.isHttps()) {
                handshake(socket, bareHost, millis);
            }
            return Optional.empty();
        } catch (SSLException e) {
            return Optional.of("The TLS handshake with " + bareHost + ":" + config.port() + " failed: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return Optional.of("Connecting to " + bareHost + ":" + config.port() + " timed out after " + timeout + ".");
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of("Cannot connect to " + bareHost + ":" + config.port() + " (" + address.getHostAddress()
                    + "): " + e.getMessage());
        }
    }

    /** Stops the requests in flight at once (they fail with {@link ErrorKind#CANCELLED}) and every later one. */
    @Override
    public void close() {
        http.close();
    }

    /**
     * The one place an HTTP status becomes an {@link ErrorKind}.
     *
     * @param status the HTTP status of a failed request
     * @param message Magento's rendered message, or {@code null} when the body was none of Magento's
     * @return why the request failed
     */
    static ErrorKind errorKind(int status, String message) {
        // Magento's own 404 for a path that is no route, or none of Magento's at all, and a redirect: the Store URL.
        if (status == 404 && (message == null || message.equals(NO_ROUTE)) || status >= 300 && status < 400) {
            return ErrorKind.CONFIGURATION;
        }
        return StoreHttp.errorKind(status);
    }

    /**
     * Fills Magento's placeholders: {@code %1, %2...} from a parameters list, {@code %name} from a parameters object
     * (and {@code %1...} from its values in order, as Magento does).
     */
    static String render(String message, Object parameters) {
        if (message == null) {
            return null;
        }
        String rendered = message;
        if (parameters instanceof List<?> list) {
            for (int index = list.size(); index >= 1; index--) {
                rendered = rendered.replace("%" + index, String.valueOf(list.get(index - 1)));
            }
            return rendered;
        }
        if (parameters instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            List<Map.Entry<?, ?>> longestFirst = new ArrayList<>(entries);
            longestFirst.sort(Comparator.comparingInt((Map.Entry<?, ?> entry) -> entry.getKey().toString().length())
                    .reversed());
            for (Map.Entry<?, ?> entry : longestFirst) {
                rendered = rendered.replace("%" + entry.getKey(), String.valueOf(entry.getValue()));
            }
            for (int index = entries.size(); index >= 1; index--) {
                rendered = rendered.replace("%" + index, String.valueOf(entries.get(index - 1).getValue()));
            }
        }
        return rendered;
    }

    private JsonNode getJson(String path, List<String[]> query, String what) {
        return json(send(http.get(REST + path).query(parameters(query)), what, ""), what, NOT_REST_API);
    }

    /**
     * A {@code POST}, never re-sent by the client: a write that may have reached the store is only retried by the host,
     * with the next attempt number, so the caller can look for what the first one created.
     */
    private JsonNode postJson(String path, JsonNode requestBody, String what) {
        return json(send(http.post(REST + path, requestBody), what, MAY_HAVE_REACHED), what, MAY_HAVE_REACHED);
    }

    /**
     * Sends a request named as Magento's documentation names it. A refusal comes from {@link #failure} as is; a
     * request that got no answer gets Magento's hints: {@code hint}, a TLS failure as {@link ErrorKind#CONFIGURATION}
     * (the same handshake fails the same way again) and what an answer above the response cap means.
     */
    private StoreHttp.Response send(StoreHttp.Request request, String what, String hint) {
        requireSecureTransport();
        try {
            return request.named(what).send();
        } catch (HttpFailure refused) {
            throw refused;
        } catch (ConnectorException e) {
            if (e.getCause() instanceof SSLException) {
                throw ConnectorException.of(ErrorKind.CONFIGURATION, e.getMessage() + ". Check the Store URL and that "
                        + "the store's TLS certificate is valid for its host name", e.getCause());
            }
            // Besides a refusal, only the response cap is REMOTE_REJECTED.
            String more = (e.kind() == ErrorKind.REMOTE_REJECTED ? TOO_LARGE : "")
                    + (e.kind() == ErrorKind.PLUGIN_FAILURE ? "" : hint);
            throw more.isEmpty() ? e : new ConnectorException(e.kind(), e.isRetriable(), e.getMessage() + more,
                    e.getCause(), e.retryAfter().orElse(null));
        }
    }

    /** The JSON body of a 2xx answer; a body that is not JSON is thrown, {@code hint} appended. */
    private JsonNode json(StoreHttp.Response raw, String what, String hint) {
        return raw.jsonIfAny().orElseThrow(() -> notJson(raw, what, hint));
    }

    private ConnectorException notJson(StoreHttp.Response raw, String what, String hint) {
        return ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "Magento store " + config.storeUrl() + " answered "
                + what + " with " + (looksLikeHtml(raw) ? "an HTML page" : "a body that is not JSON") + " ("
                + raw.header(HttpHeaders.CONTENT_TYPE).orElse(null) + ")" + hint);
    }

    private static boolean looksLikeHtml(StoreHttp.Response raw) {
        if (raw.header(HttpHeaders.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        byte[] body = raw.body();
        return new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).trim().startsWith("<");
    }

    /**
     * The {@link StoreHttp.ErrorMapper}: a failed answer with Magento's rendered message, its kind by
     * {@link #errorKind(int, String)} and the hint that kind calls for; the store's {@code Retry-After} as the SDK read
     * it.
     */
    private ConnectorException failure(StoreHttp.Response raw, ConnectorException standard) {
        String magentoMessage = raw.jsonIfAny().map(Magento2Client::magentoMessage).orElse(null);
        ErrorKind kind = errorKind(raw.status(), magentoMessage);
        String said = magentoMessage == null ? "" : ": " + magentoMessage;
        String prefix = "Magento store " + config.storeUrl() + " answered " + raw.what() + " with HTTP " + raw.status()
                + said;
        String location = raw.header(HttpHeaders.LOCATION).orElse(null);
        String message = switch (kind) {
            case AUTHENTICATION -> prefix + ". " + BEARER_HINT;
            case CONFIGURATION -> raw.status() == 404
                    ? prefix + ". Check the Store URL: the REST API is expected under " + config.restBase()
                            + " (use https://host/index.php when the store has no URL rewrites)."
                    : prefix + (location == null ? "" : " to " + location) + ". Check the Store URL (https, www, a path).";
            default -> prefix;
        };
        Duration retryAfter = kind == ErrorKind.REMOTE_UNAVAILABLE ? standard.retryAfter().orElse(null) : null;
        return new HttpFailure(kind, message, retryAfter, raw.status(), magentoMessage);
    }

    private void requireSecureTransport() {
        if (!config.transportIsSecure()) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + config.connectionName()
                    + ": the Store URL " + config.storeUrl() + " uses plain http; the access token is sent only over "
                    + "https (plain http is allowed for localhost only). Change the Store URL to https://.");
        }
    }

    private static List<String[]> query(Magento2SearchCriteria criteria, String fields) {
        List<String[]> query = new ArrayList<>(criteria.parameters());
        query.add(new String[] {"fields", fields});
        return query;
    }

    private static Map<String, String> parameters(List<String[]> query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        query.forEach(parameter -> parameters.put(parameter[0], parameter[1]));
        return parameters;
    }

    private static long totalCount(JsonNode body) {
        Long total = longValue(body, "total_count");
        if (total == null) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE,
                    "Magento answered GET /V1/orders without total_count; the response is incomplete");
        }
        return total;
    }

    /** Magento's error body {@code {"message", "parameters"}}, rendered; {@code null} if the body is none. */
    private static String magentoMessage(JsonNode body) {
        String message = text(body, "message");
        if (message == null) {
            return null;
        }
        JsonNode parameters = body.get("parameters");
        if (parameters == null || parameters.isNull()) {
            return message;
        }
        if (parameters.isArray()) {
            List<String> values = new ArrayList<>();
            parameters.forEach(value -> values.add(value.asText()));
            return render(message, values);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : parameters.properties()) {
            values.put(field.getKey(), field.getValue().asText());
        }
        return render(message, values);
    }

    private ArrayNode items(List<Magento2ShipmentData.Item> items) {
        ArrayNode array = json.createArrayNode();
        for (Magento2ShipmentData.Item item : items) {
            array.addObject().put("order_item_id", item.orderItemId()).put("qty", item.qty());
        }
        return array;
    }

    private static Magento2ShipmentData shipment(JsonNode shipment) {
        List<Magento2ShipmentData.Item> items = new ArrayList<>();
        for (JsonNode item : shipment.path("items")) {
            Long orderItemId = longValue(item, "order_item_id");
            BigDecimal qty = decimal(item, "qty");
            if (orderItemId != null && qty != null) {
                items.add(new Magento2ShipmentData.Item(orderItemId, qty));
            }
        }
        List<Magento2ShipmentData.Track> tracks = new ArrayList<>();
        for (JsonNode track : shipment.path("tracks")) {
            String number = text(track, "track_number");
            if (number != null) {
                tracks.add(new Magento2ShipmentData.Track(number, text(track, "title"), text(track, "carrier_code")));
            }
        }
        String emailSent = text(shipment, "email_sent");
        return new Magento2ShipmentData(longValue(shipment, "entity_id"), longValue(shipment, "order_id"),
                emailSent != null && !emailSent.equals("0") && !emailSent.equals("false"), items, tracks);
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        return value == null ? null : value.longValue();
    }

    private static void handshake(Socket socket, String host, int millis) throws IOException,
            GeneralSecurityException {
        SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                .createSocket(socket, host, socket.getPort(), false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(millis);
        tls.startHandshake();
    }

    /**
     * What {@code GET /V1/orders?searchCriteria[pageSize]=1} gave: an HTTP answer ({@code status > 0}), or a
     * transport failure.
     *
     * @param status the HTTP status, or 0 when no answer came
     * @param html whether the body is an HTML page
     * @param json whether the body is JSON
     * @param magentoMessage Magento's rendered error message, or {@code null}
     * @param totalCount {@code total_count}, or {@code null}
     * @param location the {@code Location} of a redirect, or {@code null}
     * @param transportFailure what failed when no answer came, or {@code null}
     */
    record Probe(int status, boolean html, boolean json, String magentoMessage, Long totalCount, String location,
                 String transportFailure) {
    }

    /**
     * A refusal or failure the store answered with an HTTP status; keeps the status and Magento's rendered message for
     * callers that tell refusals apart. Never leaves the plugin as such: callers that catch it add context.
     */
    static final class HttpFailure extends ConnectorException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String magentoMessage;

        HttpFailure(ErrorKind kind, String message, Duration retryAfter, int status, String magentoMessage) {
            super(kind, message, null, retryAfter);
            this.status = status;
            this.magentoMessage = magentoMessage;
        }

        int status() {
            return status;
        }

        /** @return Magento's message with its placeholders filled, or {@code null} when the body had none */
        String magentoMessage() {
            return magentoMessage;
        }
    }
}
