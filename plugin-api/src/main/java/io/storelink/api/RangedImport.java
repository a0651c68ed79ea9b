package io.storelink.api;

/**
 * An import the host runs: the connector plans a run as ordered ranges and reads one page of one range at a time;
 * the host decides how many pages are on the network at once, retries a failed page (not the run), stores the pages
 * in plan order and commits the cursor with their orders.
 *
 * <p>A {@link StoreConnector} that also implements this interface is imported this way and its
 * {@link StoreConnector#fetchOrders(ImportRequest)} is never called. A connector that does not is imported through
 * {@code fetchOrders}, one batch after another, as in API 1.0 and 1.1.
 *
 * <p><b>What the host guarantees.</b>
 * <ul>
 *   <li>{@link #planImport(ImportRequest)} is called once per run, first, with the last stored cursor.</li>
 *   <li>{@link #fetchPage(PageRequest)} may be called from several host threads at once, for different ranges of the
 *       plan, never more at once than the store's request concurrency in host configuration
 *       ({@code storelink.import.concurrency}, default 2). Pages of one range are asked for one after another, each
 *       with the page token the page before returned.</li>
 *   <li>Pages are stored strictly in plan order: every page of range 0, then every page of range 1, and so on. The
 *       cursor stored with a page is that page's {@link OrderPage#cursor()}, so a page's cursor may assume that
 *       everything before it in the plan is stored. After a crash the next run plans again from that cursor.</li>
 *   <li>A page that fails with a retriable {@link ConnectorException} is asked for again with the same request,
 *       under the host's backoff; the pages already read are kept.</li>
 * </ul>
 *
 * <p><b>What the connector guarantees.</b> Every order that is ready to ship when the run starts is in some range;
 * ranges may overlap (the host keeps each order once), but no order may fall between two. The last range should be
 * open-ended, so orders created during the run come with it. A range's page tokens never repeat.
 *
 * @since 1.2.0
 */
public interface RangedImport {

    /**
     * Plans a run: which ranges to read, in order. Called once at the start of every run; may make requests (a count,
     * the highest id) to cut the ranges evenly, and may be retried as a whole when it fails for a passing reason.
     *
     * <p>An API that can only page forward returns {@link ImportPlan#single(ImportRange)}: one open-ended range,
     * read page by page.
     *
     * @param request the stored cursor ({@code null} on a connection's first import) and the run's start
     * @return the plan, with at least one range
     */
    ImportPlan planImport(ImportRequest request);

    /**
     * Reads one page of one range of the plan.
     *
     * @param request the range, the page token ({@code null} for the range's first page) and the run's start
     * @return the page, its next page token ({@code null} once the range is done) and the cursor to store with it
     */
    OrderPage fetchPage(PageRequest request);

    /**
     * Whether every request this connector sends enters {@link PlatformContext#requestGate()} and reads its answer
     * within it (the plugin SDK's {@code StoreHttp} does). The host then runs up to two more {@link #fetchPage} calls
     * than {@code storelink.import.concurrency}, so a page is parsed and mapped while the next request is on the
     * network, and the gate still keeps the store's requests at that number. Say {@code false} (the default) if any
     * request bypasses the gate: the host then runs only as many calls as requests it allows.
     *
     * @return whether the connector's requests go through the gate
     * @since 1.2.0
     */
    default boolean requestsThroughGate() {
        return false;
    }
}
