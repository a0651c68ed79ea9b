package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.RangedImport;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;
import io.storelink.sdk.InvalidValueException;
import io.storelink.sdk.PageNumberPager;
import io.storelink.sdk.StoreHttp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** One WooCommerce connection: the connection test, the order import and ship notifications. */
final class WooConnector implements StoreConnector, RangedImport {

    static final String API = "/wp-json/wc/v3";

    /** The most orders WooCommerce returns in one page (docs/woocommerce-rest-api.md §3). */
    static final int PER_PAGE = 100;

    /** How far before a scan's start the next scan looks for modified orders: the store's clock may differ (§6). */
    static final Duration RESCAN_OVERLAP = Duration.ofMinutes(15);

    private static final DateTimeFormatter GMT_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final PageNumberPager PAGES =
            PageNumberPager.of(PER_PAGE).totalHeaders("X-WP-Total", "X-WP-TotalPages");

    private final WooConfig config;
    private final StoreHttp http;

    WooConnector(WooConfig config, PlatformContext context) {
        this.config = config;
        // §2: HTTP Basic with the key pair over https.
        this.http = StoreHttp.builder("WooCommerce store", config.storeUrl(), context)
                .basic(config.consumerKey(), config.consumerSecret())
                .errors(this::refine)
                .build();
    }

    /** §7: WooCommerce's answers, with the remedy a person needs. */
    private ConnectorException refine(StoreHttp.Response answer, ConnectorException standard) {
        String code = answer.jsonIfAny().map(body -> body.path("code").asText("")).orElse("");
        if (standard.kind() == ErrorKind.AUTHENTICATION) {
            return ConnectorException.of(ErrorKind.AUTHENTICATION, standard.getMessage() + "; expected the consumer "
                    + "key and secret of a REST API key with Read/Write permission");
        }
        // A 404 on the order list, or one that is no REST route, means the API is not where the store URL says.
        if (answer.status() == 404 && (code.equals("rest_no_route") || code.isEmpty()
                || answer.what().endsWith(API + "/orders"))) {
            return ConnectorException.of(ErrorKind.CONFIGURATION, standard.getMessage() + "; expected the WooCommerce "
                    + "REST API under " + config.storeUrl() + API + " (check the store URL, that WooCommerce is "
                    + "active and that permalinks are not 'Plain')");
        }
        return standard;
    }

    @Override
    public ConnectionCheck check() {
        return new WooConnectionCheck(config, http).run();
    }

    /**
     * One open-ended range, read page by page: the page token carries the scan's state ({@link WooCursor}).
     *
     * <p>Why not parallel ranges over page numbers: WooCommerce pages by offset, and an order that leaves the import
     * statuses during the run (shipped, cancelled) moves every later order one place up, so a page read after
     * another range's page was planned would skip orders. One range read in order can look back one order before
     * each page and step back when the list moved (docs/woocommerce-rest-api.md §6).
     */
    @Override
    public ImportPlan planImport(ImportRequest request) {
        WooCursor.parse(config.connectionName(), request.cursor()); // a foreign cursor fails the plan, not a page
        return ImportPlan.single(ImportRange.ALL);
    }

    @Override
    public OrderPage fetchPage(PageRequest request) {
        Scan page = read(WooCursor.parse(config.connectionName(),
                request.firstPage() ? request.cursor() : request.pageToken()), request.runStartedAt());
        String next = page.next().format();
        return new OrderPage(page.orders(), page.failed(), page.hasMore() ? next : null, next, page.remaining());
    }

    /** One page of a scan and where the scan goes on. */
    private record Scan(List<Order> orders, List<OrderBatch.Failure> failed, WooCursor next, boolean hasMore,
                        long remaining) {
    }

    /**
     * One page of the orders in the import statuses, oldest id first, continuing after the last order id the cursor
     * names. Why page numbers with an id check and no date filter: docs/woocommerce-rest-api.md §6.
     */
    private Scan read(WooCursor cursor, Instant runStartedAt) {
        Instant scanStarted = cursor.scanStarted() != null ? cursor.scanStarted() : runStartedAt;
        int page = cursor.page();
        // §6: before reading page N, look at the one order just before it (the last of page N-1). When orders ahead
        // left the import statuses since the last page, that order is newer than the last one taken and the
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
        List<Order> orders = new ArrayList<>();
        List<OrderBatch.Failure> failed = new ArrayList<>();
        long lastId = cursor.lastId();
        PageNumberPager.Step step = new PageNumberPager.Step(page, 0, -1, 0);
        if (!listEndsBefore) {
            StoreHttp.Response answer = PAGES.apply(listOrders(cursor.since()), page).send();
            JsonNode rows = orderList(answer);
            for (JsonNode row : rows) {
                long id = WooOrderMapper.id(row);
                if (id >= 0 && id <= cursor.lastId()) {
                    continue;
                }
                try {
                    orders.add(WooOrderMapper.map(row));
                } catch (InvalidValueException e) {
                    failed.add(new OrderBatch.Failure(WooOrderMapper.label(row), e.getMessage()));
                }
                lastId = Math.max(lastId, id);
            }
            step = PAGES.next(page, answer, rows.size());
        }
        // At the end of a scan the next one starts from the first page again, limited to orders modified since
        // shortly before this scan started: an older order may enter the import status later, which modifies it
        // (§6). The sequence keeps every cursor and page token of a run new, as the host requires.
        WooCursor next = step.hasMore()
                ? new WooCursor(lastId, page + 1, cursor.sequence() + 1, cursor.since(), scanStarted)
                : new WooCursor(0, 1, cursor.sequence() + 1, scanStarted.minus(RESCAN_OVERLAP), null);
        return new Scan(orders, failed, next, step.hasMore(), step.remaining());
    }

    /** The order at one position of the list (id -1: none there) and the list's length (-1: not said). */
    private record Probe(long id, long total) {
    }

    private Probe probe(long position, Instant since) {
        StoreHttp.Response answer;
        try {
            answer = PageNumberPager.of(1).apply(listOrders(since), position).send();
        } catch (ConnectorException e) {
            if (e.kind() != ErrorKind.REMOTE_REJECTED) {
                throw e;
            }
            // §3: a page past the end of the list may be refused with HTTP 400 instead of answered empty. Any other
            // refusal comes back from the page read after stepping back.
            return new Probe(-1, -1);
        }
        JsonNode rows = orderList(answer);
        return new Probe(rows.isEmpty() ? -1 : WooOrderMapper.id(rows.get(0)), answer.headerLong("X-WP-Total", -1));
    }

    /** The order list of the import statuses, oldest id first, without its page parameters. */
    private StoreHttp.Request listOrders(Instant since) {
        StoreHttp.Request request = http.get(API + "/orders")
                .query("status", String.join(",", config.importStatuses()))
                .query("orderby", "id")
                .query("order", "asc");
        if (since != null) {
            // §3: modified_after with dates_are_gmt compares with date_modified_gmt.
            request.query("modified_after", GMT_SECONDS.format(since)).query("dates_are_gmt", "true");
        }
        return request;
    }

    private JsonNode orderList(StoreHttp.Response answer) {
        JsonNode rows = answer.json();
        if (!rows.isArray()) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                    + " answered " + answer.what() + " without a JSON array of orders");
        }
        return rows;
    }

    @Override
    public ShipmentResult notifyShipment(Shipment shipment) {
        return new WooShipmentNotifier(config, http).notify(shipment);
    }

    /** Every request goes through the plugin SDK's {@code StoreHttp}, which holds a request slot only while it sends. */
    @Override
    public boolean requestsThroughGate() {
        return true;
    }

    @Override
    public void close() {
        http.close();
    }
}
