package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.api.PlatformContext;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One WooCommerce connection: the connection test, the order import and ship notifications. */
final class WooConnector implements StoreConnector {

    /** The most orders WooCommerce returns in one page (docs/woocommerce-rest-api.md §3). */
    static final int PER_PAGE = 100;

    /** How far before a scan's start the next scan looks for modified orders: the store's clock may differ (§6). */
    static final Duration RESCAN_OVERLAP = Duration.ofMinutes(15);

    private static final DateTimeFormatter GMT_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final WooConfig config;
    private final WooClient client;

    WooConnector(WooConfig config, PlatformContext context) {
        this.config = config;
        this.client = new WooClient(config, context);
    }

    @Override
    public ConnectionCheck check() {
        return new WooConnectionCheck(config, client).run();
    }

    /**
     * One page of the orders in the import statuses, oldest id first, continuing after the last order id the cursor
     * names. Why page numbers with an id check and no date filter: docs/woocommerce-rest-api.md §6.
     */
    @Override
    public OrderBatch fetchOrders(ImportRequest request) {
        WooCursor cursor = WooCursor.parse(config.connectionName(), request.cursor());
        Instant scanStarted = cursor.scanStarted() != null ? cursor.scanStarted() : request.runStartedAt();
        int page = cursor.page();
        // §6: before reading page N, look at the one order just before it (the last of page N-1). When orders ahead
        // left the import statuses since the last batch, that order is newer than the last one taken and the
        // orders in between moved to the previous page: step back until none can be skipped.
        boolean listEndsBefore = false;
        while (page > 1) {
            Probe before = probe((long) (page - 1) * PER_PAGE, cursor.since());
            if (before.id() >= 0 && before.id() <= cursor.lastId()) {
                // Every order up to page N was taken; when the list now ends there, page N would be past its end.
                listEndsBefore = before.total() >= 0 && before.total() <= (long) (page - 1) * PER_PAGE;
                break;
            }
            page--;
        }
        WooClient.Answer answer = listEndsBefore ? null : listOrders(page, PER_PAGE, cursor.since());
        JsonNode rows = answer == null ? JsonNodeFactory.instance.arrayNode() : answer.body();
        List<Order> orders = new ArrayList<>();
        List<OrderBatch.Failure> failed = new ArrayList<>();
        long lastId = cursor.lastId();
        for (JsonNode row : rows) {
            long id = WooOrderMapper.id(row);
            if (id >= 0 && id <= cursor.lastId()) {
                continue;
            }
            try {
                orders.add(WooOrderMapper.map(row));
            } catch (WooOrderMapper.Unreadable e) {
                failed.add(new OrderBatch.Failure(e.orderId(), e.getMessage()));
            }
            lastId = Math.max(lastId, id);
        }
        long totalPages = answer == null ? page : answer.headerLong("X-WP-TotalPages", page);
        long total = answer == null ? -1 : answer.headerLong("X-WP-Total", -1);
        boolean hasMore = page < totalPages && rows.size() >= PER_PAGE;
        // At the end of a scan the next one starts from the first page again, limited to orders modified since
        // shortly before this scan started: an older order may enter the import status later, which modifies it
        // (§6). The sequence keeps every cursor of a run new, as the host requires.
        WooCursor next = hasMore
                ? new WooCursor(lastId, page + 1, cursor.sequence() + 1, cursor.since(), scanStarted)
                : new WooCursor(0, 1, cursor.sequence() + 1, scanStarted.minus(RESCAN_OVERLAP), null);
        long remaining = hasMore && total >= 0 ? Math.max(0, total - (long) page * PER_PAGE) : hasMore ? -1 : 0;
        return new OrderBatch(orders, next.format(), hasMore, remaining, -1, failed);
    }

    /** The order at one position of the list (id -1: none there) and the list's length (-1: not said). */
    private record Probe(long id, long total) {
    }

    private Probe probe(long position, Instant since) {
        WooClient.Answer answer;
        try {
            answer = listOrders(position, 1, since);
        } catch (ConnectorException e) {
            if (e.kind() != ErrorKind.REMOTE_REJECTED) {
                throw e;
            }
            // §3: a page past the end of the list may be refused with HTTP 400 instead of answered empty. Any other
            // refusal comes back from the page read after stepping back.
            return new Probe(-1, -1);
        }
        JsonNode rows = answer.body();
        return new Probe(rows.isEmpty() ? -1 : WooOrderMapper.id(rows.get(0)), answer.headerLong("X-WP-Total", -1));
    }

    private WooClient.Answer listOrders(long page, int perPage, Instant since) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", String.join(",", config.importStatuses()));
        query.put("per_page", Integer.toString(perPage));
        query.put("page", Long.toString(page));
        query.put("orderby", "id");
        query.put("order", "asc");
        if (since != null) {
            // §3: modified_after with dates_are_gmt compares with date_modified_gmt.
            query.put("modified_after", GMT_SECONDS.format(since));
            query.put("dates_are_gmt", "true");
        }
        WooClient.Answer answer = client.get("/orders", query, true);
        if (answer.body() == null || !answer.body().isArray()) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                    + " answered GET /wp-json/wc/v3/orders page " + page + " without a JSON array of orders");
        }
        return answer;
    }

    @Override
    public ShipmentResult notifyShipment(Shipment shipment) {
        return new WooShipmentNotifier(config, client).notify(shipment);
    }

    @Override
    public void close() {
        client.close();
    }
}
