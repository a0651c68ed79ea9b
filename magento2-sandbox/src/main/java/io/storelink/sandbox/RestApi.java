package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The Magento 2 REST routes the sandbox serves, in Magento's order of checks: route (404), token and ACL (401),
 * arguments (400), entity (404). Successful bodies go through {@code fields=} trimming.
 */
final class RestApi {
    private final SandboxStore store;
    private final Authorization authorization;
    private final Supplier<URI> baseUrl;
    private final OrderJson orderJson;
    private final OrderCorruptions corruptions;
    private final Router router = new Router();

    RestApi(SandboxStore store, Authorization authorization, Supplier<URI> baseUrl, OrderCorruptions corruptions) {
        this.store = requireNonNull(store, "store is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.corruptions = requireNonNull(corruptions, "corruptions is null");
        this.orderJson = new OrderJson(store.catalog());
        router.add("GET", "/V1/orders", Acl.ORDERS_VIEW, this::searchOrders)
                .add("GET", "/V1/orders/{id}", Acl.ORDERS_VIEW, this::getOrder)
                .add("POST", "/V1/order/{orderId}/ship", Acl.SHIP, this::shipOrder)
                .add("POST", "/V1/shipment", Acl.SHIPMENT, this::createShipment)
                .add("POST", "/V1/shipment/track", Acl.SHIPMENT, this::addTrack)
                .add("POST", "/V1/shipment/{id}/emails", Acl.SHIPMENT, this::sendEmail)
                .add("GET", "/V1/shipment/{id}", Acl.SHIPMENT, this::getShipment)
                .add("GET", "/V1/shipments", Acl.SHIPMENT, this::searchShipments)
                .add("GET", "/V1/store/storeViews", Acl.STORE, request -> CatalogJson.storeViews())
                .add("GET", "/V1/store/storeConfigs", Acl.STORE, request -> CatalogJson.storeConfigs(baseUrl.get()))
                .add("GET", "/V1/products/{sku}", Acl.PRODUCTS, this::getProduct)
                .add("GET", "/V1/products", Acl.PRODUCTS, this::searchProducts);
    }

    /** The path faults are matched against: the route path of a REST URL, else the path itself. */
    static String routePath(String path) {
        return Router.restPath(path).map(Router.RestPath::routePath).orElse(path);
    }

    HttpResponse handle(HttpRequest request) {
        Optional<Router.RestPath> restPath = Router.restPath(request.path());
        if (restPath.isEmpty()) {
            return request.path().equals("/") || request.path().equals("/index.php")
                    ? StorefrontPage.home() : StorefrontPage.notFound();
        }
        try {
            Router.Match match = router.match(request.method(), restPath.get().routePath())
                    .orElseThrow(ApiException::noRoute);
            authorization.check(request.header("authorization"), match.route().resource());
            Map<String, Object> query = PhpQuery.parse(request.rawQuery());
            JsonNode body = match.route().handler().handle(new ApiRequest(match.parameters(), query, request.body()));
            Object fields = query.get("fields");
            if (fields instanceof String && !((String) fields).isBlank()) {
                body = FieldsFilter.parse((String) fields).apply(body);
            }
            return HttpResponse.json(200, body);
        } catch (ApiException e) {
            return HttpResponse.json(e.status(), e.body());
        } catch (RuntimeException e) {
            String reportId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            ObjectNode body = Json.object().put("message",
                    MagentoMessages.INTERNAL_ERROR.replace("%1", reportId));
            return HttpResponse.json(500, body);
        }
    }

    private JsonNode searchOrders(ApiRequest request) {
        SearchCriteria criteria = SearchCriteria.fromQuery(request.query());
        return searchResult(criteria, SearchEngine.search(store.orders(), criteria, orderJson::field), this::render);
    }

    private JsonNode getOrder(ApiRequest request) {
        return store.findOrder(request.id("id")).map(this::render).orElseThrow(ApiException::noSuchEntity);
    }

    /** An order as Magento renders it, with whatever a test broke in its JSON. */
    private ObjectNode render(Order order) {
        return corruptions.apply(order.entityId(), orderJson.render(order));
    }

    private JsonNode shipOrder(ApiRequest request) {
        long orderId = request.id("orderId");
        JsonNode body = request.body();
        Map<Long, Double> items = new LinkedHashMap<>();
        for (JsonNode item : body.path("items")) {
            Long itemId = Json.integer(item, "order_item_id");
            if (itemId != null) {
                Double qty = Json.number(item, "qty");
                items.put(itemId, qty == null ? 0 : qty);
            }
        }
        JsonNode comment = body.get("comment");
        ShipOrderRequest.CommentRequest commentRequest = comment == null || Json.text(comment, "comment") == null ? null
                : new ShipOrderRequest.CommentRequest(Json.text(comment, "comment"),
                        comment.path("is_visible_on_front").asInt() == 1);
        ShipOrderRequest shipRequest = new ShipOrderRequest(items, tracks(body.path("tracks")), commentRequest,
                body.path("notify").asBoolean(false), body.path("appendComment").asBoolean(false));
        return TextNode.valueOf(Long.toString(store.shipOrder(orderId, shipRequest).entityId()));
    }

    private JsonNode createShipment(ApiRequest request) {
        JsonNode entity = entity(request);
        Long orderId = Json.integer(entity, "order_id");
        if (orderId == null) {
            throw ApiException.badRequest(MagentoMessages.SHIPMENT_NOT_SAVED);
        }
        List<Shipment.Item> items = new ArrayList<>();
        for (JsonNode item : entity.path("items")) {
            Long orderItemId = Json.integer(item, "order_item_id");
            Double qty = Json.number(item, "qty");
            if (orderItemId != null) {
                items.add(new Shipment.Item(0, 0, orderItemId, null, null, null, qty == null ? 0 : qty, null, null));
            }
        }
        List<ShipOrderRequest.CommentRequest> comments = new ArrayList<>();
        for (JsonNode comment : entity.path("comments")) {
            String text = Json.text(comment, "comment");
            if (text != null) {
                comments.add(new ShipOrderRequest.CommentRequest(text, comment.path("is_visible_on_front").asInt() == 1));
            }
        }
        return ShipmentJson.render(store.createShipment(orderId, items, tracks(entity.path("tracks")), comments));
    }

    private JsonNode addTrack(ApiRequest request) {
        JsonNode entity = entity(request);
        Long shipmentId = Json.integer(entity, "parent_id");
        if (shipmentId == null) {
            throw ApiException.badRequest(MagentoMessages.TRACK_NOT_SAVED);
        }
        return ShipmentJson.track(store.addTrack(shipmentId, track(entity)));
    }

    private JsonNode sendEmail(ApiRequest request) {
        store.sendShipmentEmail(request.id("id"));
        return BooleanNode.TRUE;
    }

    private JsonNode getShipment(ApiRequest request) {
        return store.shipment(request.id("id")).map(ShipmentJson::render).orElseThrow(ApiException::noSuchEntity);
    }

    private JsonNode searchShipments(ApiRequest request) {
        SearchCriteria criteria = SearchCriteria.fromQuery(request.query());
        return searchResult(criteria, SearchEngine.search(store.shipments(), criteria, ShipmentJson::field),
                ShipmentJson::render);
    }

    private JsonNode getProduct(ApiRequest request) {
        Catalog catalog = store.catalog();
        return catalog.bySku(request.parameter("sku"))
                .map(product -> CatalogJson.product(catalog, product))
                .orElseThrow(() -> new ApiException(404, MagentoMessages.NO_SUCH_PRODUCT, null));
    }

    private JsonNode searchProducts(ApiRequest request) {
        Catalog catalog = store.catalog();
        SearchCriteria criteria = SearchCriteria.fromQuery(request.query());
        return searchResult(criteria, SearchEngine.search(catalog.products(), criteria,
                (product, field) -> CatalogJson.productField(catalog, product, field)),
                product -> CatalogJson.product(catalog, product));
    }

    private static <T> JsonNode searchResult(SearchCriteria criteria, SearchEngine.Page<T> page,
                                             Function<T, ObjectNode> renderer) {
        ArrayNode items = Json.array();
        page.items().forEach(item -> items.add(renderer.apply(item)));
        ObjectNode json = Json.object();
        json.set("items", items);
        json.set("search_criteria", criteria.toJson());
        json.put("total_count", page.totalCount());
        return json;
    }

    private static JsonNode entity(ApiRequest request) {
        JsonNode entity = request.body().get("entity");
        if (entity == null || !entity.isObject()) {
            throw ApiException.requiredField("entity");
        }
        return entity;
    }

    private static List<ShipOrderRequest.TrackRequest> tracks(JsonNode tracks) {
        List<ShipOrderRequest.TrackRequest> result = new ArrayList<>();
        tracks.forEach(track -> result.add(track(track)));
        return result;
    }

    private static ShipOrderRequest.TrackRequest track(JsonNode track) {
        return new ShipOrderRequest.TrackRequest(Json.text(track, "track_number"), Json.text(track, "title"),
                Json.text(track, "carrier_code"), Json.text(track, "description"), Json.number(track, "qty"),
                Json.number(track, "weight"));
    }
}
