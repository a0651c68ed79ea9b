package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.api.PlatformContext;
import io.storelink.api.RangedImport;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.StoreConnector;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A live link to one Magento 2 store: its client, the connection test, the order import and the ship notifications,
 * wired by hand. The import is a {@link RangedImport}: the host plans a run, reads its ranges' pages (several at
 * once, on its own threads) and stores them in plan order; the plugin keeps no threads of its own.
 */
final class Magento2Connector implements StoreConnector, RangedImport {

    private final Magento2Client client;
    private final Magento2ConnectionCheck check;
    private final Magento2OrderImport orderImport;
    private final Magento2ShipmentNotifier shipmentNotifier;
    /** Where {@link #fetchOrders} stands in its plan, or {@code null} between runs; only the fetching thread uses it. */
    private Sequential sequential;

    Magento2Connector(Magento2Config config, PlatformContext context) {
        requireNonNull(config, "config is null");
        this.client = new Magento2Client(config, requireNonNull(context, "context is null"));
        Magento2StoreViews storeViews = new Magento2StoreViews(config, client);
        this.check = new Magento2ConnectionCheck(config, client, storeViews);
        this.orderImport = new Magento2OrderImport(config, client, storeViews);
        this.shipmentNotifier = new Magento2ShipmentNotifier(config, client);
    }

    @Override
    public ConnectionCheck check() {
        return check.run();
    }

    @Override
    public ImportPlan planImport(ImportRequest request) {
        return orderImport.planImport(requireNonNull(request, "request is null"));
    }

    @Override
    public OrderPage fetchPage(PageRequest request) {
        return orderImport.fetchPage(requireNonNull(request, "request is null"));
    }

    /**
     * The import for a host that does not run a {@link RangedImport} itself: a plan's pages one after another, one
     * per batch, in plan order. A batch asked for from any cursor but the one the batch before returned (a run's
     * first batch, a new process, a retry after a failure) plans again from that cursor; within a run the plan goes
     * on from the in-run key, so nothing is read twice or skipped.
     */
    @Override
    public OrderBatch fetchOrders(ImportRequest request) {
        requireNonNull(request, "request is null");
        Sequential run = sequential;
        long heldBack = -1;
        if (run == null || request.firstBatchOfRun() || !run.continues(request)) {
            sequential = null;
            ImportPlan plan = planImport(request);
            run = new Sequential(request, plan.ranges(), plan.expected());
            heldBack = plan.heldBack();
            sequential = run;
        }
        OrderPage page = fetchPage(new PageRequest(run.ranges.get(run.index), run.pageToken, run.planCursor,
                run.runStart));
        run.read(page);
        sequential = run.done() ? null : run;
        return new OrderBatch(page.orders(), page.cursor(), !run.done(), run.done() ? 0 : run.left, heldBack,
                page.failed());
    }

    /** How far {@link #fetchOrders} has read its plan. */
    private static final class Sequential {
        private final Instant runStart;
        private final String planCursor;
        private final List<ImportRange> ranges;
        private int index;
        private String pageToken;
        private String lastCursor;
        private long left;

        Sequential(ImportRequest request, List<ImportRange> ranges, long expected) {
            this.runStart = request.runStartedAt();
            this.planCursor = request.cursor();
            this.lastCursor = request.cursor();
            this.ranges = ranges;
            this.left = Math.max(expected, 0);
        }

        boolean continues(ImportRequest request) {
            return request.runStartedAt().equals(runStart)
                    && Objects.equals(request.cursor(), lastCursor);
        }

        void read(OrderPage page) {
            left = Math.max(left - page.orders().size() - page.failed().size(), 0);
            lastCursor = page.cursor();
            pageToken = page.nextPageToken();
            if (pageToken == null) {
                index++;
            }
        }

        boolean done() {
            return index == ranges.size();
        }
    }

    @Override
    public ShipmentResult notifyShipment(Shipment shipment) {
        return shipmentNotifier.notifyShipment(requireNonNull(shipment, "shipment is null"));
    }

    /**
     * Stops whatever is in flight at once, each call ending as {@code CANCELLED}: the host also closes a connector
     * whose call outran its time limit, from another thread, while that call still runs.
     */
    @Override
    public void close() {
        client.close();
    }
}
