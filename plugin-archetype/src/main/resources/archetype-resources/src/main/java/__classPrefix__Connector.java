package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderLine;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.RangedImport;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;
import io.storelink.api.TrackingNumber;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection to a ${platformName} store, over its REST API:
 * <ul>
 *   <li>{@code GET /api/orders?status=..&after_id=..&limit=..} lists orders of a status by ascending id after an
 *       id (keyset paging) and answers {@code {"orders": [...], "has_more": true|false}};</li>
 *   <li>{@code POST /api/orders/{id}/shipments} with an {@code Idempotency-Key} header creates a shipment (201), or
 *       answers a key it has seen with the shipment it created for it (200).</li>
 * </ul>
 * The import is a {@link RangedImport} with one open-ended range, read page by page: the cursor is the id of the
 * last order stored, so a run resumes after it and a second run finds only newer orders.
 */
final class ${classPrefix}Connector implements StoreConnector, RangedImport {

    /** Orders per page; the host stores each page with its cursor. */
    static final int PAGE_SIZE = 50;

    private final ${classPrefix}Settings settings;
    private final ${classPrefix}Http http;

    ${classPrefix}Connector(${classPrefix}Settings settings, PlatformContext context) {
        this.settings = settings;
        this.http = new ${classPrefix}Http(settings, context);
    }

    /** Two steps: the API answers at the store URL, and it accepts the API key for reading orders. */
    @Override
    public ConnectionCheck check() {
        String reachable = ${classPrefix}Platform.ID + ".api-reachable";
        String reachableTitle = "The store's API answers at " + settings.storeUrl();
        String accepted = ${classPrefix}Platform.ID + ".key-accepted";
        String acceptedTitle = "The store accepts the API key for reading orders";
        try {
            http.get("/api/orders", Map.of("status", settings.importStatus(), "after_id", "0", "limit", "1"));
            return new ConnectionCheck(List.of(
                    ConnectionCheck.Step.passed(reachable, reachableTitle, "GET /api/orders answered"),
                    ConnectionCheck.Step.passed(accepted, acceptedTitle, "orders can be listed")));
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.AUTHENTICATION) {
                return new ConnectionCheck(List.of(
                        ConnectionCheck.Step.passed(reachable, reachableTitle, "GET /api/orders answered"),
                        ConnectionCheck.Step.failed(accepted, acceptedTitle, e.getMessage(),
                                "Create an API key with read and write access to orders in the store's admin "
                                        + "and enter it as " + ${classPrefix}Platform.API_KEY)));
            }
            return new ConnectionCheck(List.of(
                    ConnectionCheck.Step.failed(reachable, reachableTitle, e.getMessage(),
                            "Check " + ${classPrefix}Platform.STORE_URL + " (the store's address, without /api) "
                                    + "and that the store is up, then run the test again"),
                    ConnectionCheck.Step.skipped(accepted, acceptedTitle, "the API did not answer")));
        }
    }

    /** The API can only page forward, so a run is one range from the stored cursor on. */
    @Override
    public ImportPlan planImport(ImportRequest request) {
        return ImportPlan.single(ImportRange.ALL);
    }

    /**
     * The same pages one after another, for a host that does not run ranged imports yet (it calls this instead of
     * {@link #fetchPage(PageRequest)}; a host that does never calls it).
     */
    @Override
    public OrderBatch fetchOrders(ImportRequest request) {
        OrderPage page = fetchPage(new PageRequest(ImportRange.ALL, null, request.cursor(), request.runStartedAt()));
        return new OrderBatch(page.orders(), page.cursor(), page.hasMore(), page.remaining(), -1, page.failed());
    }

    @Override
    public OrderPage fetchPage(PageRequest request) {
        String afterId = request.pageToken() != null ? request.pageToken()
                : request.cursor() != null ? request.cursor() : "0";
        JsonNode answer = http.get("/api/orders", Map.of("status", settings.importStatus(), "after_id", afterId,
                "limit", String.valueOf(PAGE_SIZE))).body();
        if (answer == null || !answer.path("orders").isArray()) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "GET /api/orders at " + settings.storeUrl()
                    + " answered without an orders list");
        }
        List<Order> orders = new ArrayList<>();
        List<OrderBatch.Failure> failed = new ArrayList<>();
        String lastId = afterId;
        for (JsonNode node : answer.path("orders")) {
            String id = node.path("id").asText("");
            try {
                orders.add(${classPrefix}Orders.order(node));
            } catch (IllegalArgumentException unreadable) {
                failed.add(new OrderBatch.Failure(id.isEmpty() ? "(no id)" : id, unreadable.getMessage()));
            }
            if (!id.isEmpty()) {
                lastId = id;
            }
        }
        boolean more = answer.path("has_more").asBoolean(false) && !lastId.equals(afterId);
        OrderPage page = more ? OrderPage.more(orders, lastId, lastId) : OrderPage.last(orders, lastId);
        return page.withFailed(failed);
    }

    /**
     * Sends the shipment with the host's idempotency key, the same on every attempt: after a lost answer the store
     * answers the retry with the shipment the first attempt created instead of creating a second one.
     */
    @Override
    public ShipmentResult notifyShipment(Shipment shipment) {
        if (shipment.platformOrderId() == null) {
            throw ConnectorException.of(ErrorKind.NOT_FOUND, "Order " + shipment.orderLabel() + " was not imported, "
                    + "so its ${platformName} id is unknown; the API addresses orders by id");
        }
        List<Map<String, Object>> tracking = new ArrayList<>();
        for (TrackingNumber number : shipment.tracking()) {
            Map<String, Object> track = new LinkedHashMap<>();
            track.put("carrier", number.carrierCode());
            track.put("number", number.number());
            track.put("title", number.title());
            tracking.add(track);
        }
        List<ShipmentResult.Shipped> shipped = shippedLines(shipment);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ShipmentResult.Shipped line : shipped) {
            lines.add(Map.of("line_id", line.lineId(), "sku", line.sku(), "quantity", line.quantity()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracking", tracking);
        body.put("lines", lines);
        body.put("notify_customer", shipment.notifyCustomer());
        body.put("comment", shipment.comment());

        ${classPrefix}Http.Answer answer = http.post("/api/orders/" + shipment.platformOrderId() + "/shipments", body,
                shipment.idempotencyKey());
        String id = answer.body() == null ? "" : answer.body().path("id").asText("");
        if (id.isEmpty()) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "The store answered the shipment of order "
                    + shipment.orderLabel() + " without a shipment id");
        }
        return new ShipmentResult(id, shipped, answer.status() == 200);
    }

    /** The shipped lines in the imported order's terms; no lines means everything still to ship. */
    private static List<ShipmentResult.Shipped> shippedLines(Shipment shipment) {
        List<OrderLine> imported = shipment.importedOrder() == null ? List.of() : shipment.importedOrder().lines();
        List<ShipmentResult.Shipped> shipped = new ArrayList<>();
        if (shipment.lines().isEmpty()) {
            for (OrderLine line : imported) {
                if (line.kind().isShippable() && line.quantityToShip().signum() > 0) {
                    shipped.add(new ShipmentResult.Shipped(line.lineId(), line.sku(), line.quantityToShip()));
                }
            }
            return shipped;
        }
        for (ShipmentLine wanted : shipment.lines()) {
            OrderLine line = imported.stream()
                    .filter(l -> l.lineId().equals(wanted.lineId()) || l.sku().equals(wanted.sku()))
                    .findFirst()
                    .orElseThrow(() -> ConnectorException.of(ErrorKind.REMOTE_REJECTED, "Order "
                            + shipment.orderLabel() + " has no line " + wanted.label() + " to ship"));
            shipped.add(new ShipmentResult.Shipped(line.lineId(), line.sku(), wanted.quantity()));
        }
        return shipped;
    }

    /** Nothing to release: the JDK's HttpClient has no close before Java 21 and lets its threads go when idle. */
    @Override
    public void close() {
    }
}
