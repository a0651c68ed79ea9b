package ${package};

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
import io.storelink.sdk.InvalidValueException;
import io.storelink.sdk.JsonReader;
import io.storelink.sdk.KeysetPager;
import io.storelink.sdk.StoreHttp;

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
 * All HTTP goes through the plugin SDK's {@link StoreHttp}: bearer authentication, the host's timeouts, deadline and
 * size limit, the store's answers mapped to the error kinds the host acts on (429 and 5xx REMOTE_UNAVAILABLE with
 * the store's Retry-After, 401 and 403 AUTHENTICATION), and a GET that failed for a passing reason sent again
 * before the failure reaches the host. The import is a {@link RangedImport} with one open-ended range, read page by
 * page with a {@link KeysetPager}: the cursor is the id of the last order stored, so a run resumes after it and a
 * second run finds only newer orders.
 */
final class ${classPrefix}Connector implements StoreConnector, RangedImport {

    /** Orders per page; the host stores each page with its cursor. */
    static final int PAGE_SIZE = 50;

    /** {@code after_id=<last id stored>&limit=50}; a page shorter than the limit is the last. */
    private static final KeysetPager PAGES = KeysetPager.of("after_id", "limit", PAGE_SIZE);

    private final ${classPrefix}Settings settings;
    private final StoreHttp http;

    ${classPrefix}Connector(${classPrefix}Settings settings, PlatformContext context) {
        this.settings = settings;
        this.http = StoreHttp.builder("${platformName} store", settings.storeUrl(), context)
                .bearer(settings.apiKey())
                .errors((answer, standard) -> standard.kind() != ErrorKind.AUTHENTICATION ? standard
                        : ConnectorException.of(ErrorKind.AUTHENTICATION, standard.getMessage()
                                + "; expected an API key with read and write access to orders"))
                .build();
    }

    /** Two steps: the API answers at the store URL, and it accepts the API key for reading orders. */
    @Override
    public ConnectionCheck check() {
        String reachable = ${classPrefix}Platform.ID + ".api-reachable";
        String reachableTitle = "The store's API answers at " + settings.storeUrl();
        String accepted = ${classPrefix}Platform.ID + ".key-accepted";
        String acceptedTitle = "The store accepts the API key for reading orders";
        try {
            orders().query("after_id", "0").query("limit", "1").send();
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

    @Override
    public OrderPage fetchPage(PageRequest request) {
        String after = request.firstPage() ? request.cursor() : request.pageToken();
        if (after == null) {
            after = "0"; // the first import: every order
        }
        JsonReader answer = JsonReader.of(PAGES.apply(orders(), after).json());
        List<Order> orders = new ArrayList<>();
        List<OrderBatch.Failure> failed = new ArrayList<>();
        try {
            List<JsonReader> rows = answer.requireArray("orders");
            for (JsonReader row : rows) {
                try {
                    orders.add(${classPrefix}Orders.order(row));
                } catch (InvalidValueException unreadable) {
                    String id = row.node().path("id").asText("");
                    failed.add(new OrderBatch.Failure(id.isEmpty() ? "(no id)" : id, unreadable.getMessage()));
                }
            }
            String next = PAGES.next(rows, row -> row.requireText("id"));
            if (Boolean.FALSE.equals(answer.bool("has_more"))) {
                next = null; // the store says so: no need to ask for an empty page
            }
            String cursor = rows.isEmpty() ? after : rows.get(rows.size() - 1).requireText("id");
            OrderPage page = next != null ? OrderPage.more(orders, next, cursor) : OrderPage.last(orders, cursor);
            return page.withFailed(failed);
        } catch (InvalidValueException e) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "${platformName} store " + settings.storeUrl()
                    + " answered GET /api/orders with a list the plugin cannot page through: " + e.getMessage());
        }
    }

    /** The orders of the import status, before the page parameters. */
    private StoreHttp.Request orders() {
        return http.get("/api/orders").query("status", settings.importStatus());
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

        // A POST is never sent twice by the SDK; the host sends it again, with the same key, after a lost answer.
        StoreHttp.Response answer = http.post("/api/orders/" + shipment.platformOrderId() + "/shipments", body)
                .header("Idempotency-Key", shipment.idempotencyKey())
                .send();
        String id = answer.jsonIfAny().map(json -> json.path("id").asText("")).orElse("");
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

    /** Releases the connection pool; a request still running stops as CANCELLED. */
    @Override
    public void close() {
        http.close();
    }
}
