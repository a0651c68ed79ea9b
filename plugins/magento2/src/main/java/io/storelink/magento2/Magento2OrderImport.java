package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The order import: which orders {@code GET /V1/orders} is asked for, how a run is cut into id ranges for the host,
 * and how the cursor moves.
 *
 * <p><b>The query.</b> Every request has these filter groups (groups are ANDed, filters in a group ORed):
 * <ol>
 *   <li>{@code status in <Order Import Status>};</li>
 *   <li>{@code created_at lteq <cutoff>}, the cutoff being the run's start less Delay Orders Imported By, as a UTC
 *       {@code yyyy-MM-dd HH:mm:ss} string (Magento keeps UTC whatever the store's time zone);</li>
 *   <li>{@code store_id eq <id>} when a Store View Code is set (the store code in a REST URL does not filter
 *       orders), the id coming from {@code GET /V1/store/storeViews};</li>
 *   <li>after a complete run, one OR group for what changed since: {@code entity_id gt <lastId>} (orders no run
 *       returned yet) OR {@code updated_at gteq <previous run start - overlap>} (orders that reached the status
 *       late, or changed during the previous run) OR {@code created_at gteq <previous cutoff - overlap>} (orders
 *       the delay held back last time);</li>
 *   <li>within a range, the keyset: {@code entity_id gt <last id read, or the range's lower bound>} and, but in the
 *       last range, {@code entity_id lteq <the range's upper bound>}.</li>
 * </ol>
 * sorted by {@code entity_id ASC} (always with its direction; Magento's default is DESC), {@code pageSize} at most
 * 300 and always {@code currentPage=1}: the keyset, not an offset, moves through the set, so orders that enter or
 * leave it during the run shift nothing. A range ends when {@code total_count} says the page held all that was left
 * of it; no request for an empty page is made.
 *
 * <p><b>The plan.</b> {@link #planImport} makes one {@code pageSize=1} request sorted {@code entity_id DESC}, which
 * gives both how many orders the run matches ({@code total_count}) and the highest of their ids, {@code M}. A run
 * that fits in a page is one range, {@code (after, +inf)}. A bigger one is cut into one range per page of orders,
 * of about equal id width, between where the run starts and {@code M}; the last range has no upper bound, so orders
 * created during the run come with it. The host reads the ranges, several at once, and stores their pages in plan
 * order (see {@link io.storelink.api.RangedImport}); the plugin itself reads one page per call, on the host's
 * thread. A range that holds more than a page is keyset-paged like a run, its page token being the last id read.
 *
 * <p><b>Why nothing is skipped.</b> An order that matches at some moment either has an id above {@code lastId}, or
 * was updated (status change) after the previous run started, or was created after the previous cutoff; the overlap
 * of {@value #OVERLAP_MINUTES} minutes absorbs clock skew between Storelink and the store and orders saved while a
 * run was reading. The cursor a page carries is stored only once every page before it in the plan is stored, so:
 * <ul>
 *   <li>a page of any range but the last moves only the in-run key, to the range's upper bound once the range is
 *       done, else to the last id read: every matching id above the run's start and up to there is stored;</li>
 *   <li>the last range's final page records the run as complete, with {@code lastId} the larger of {@code M} and
 *       the last id read. Every id up to {@code M} lies in a range stored before (or in this one), and every id up
 *       to the last one read was read, so the next run's {@code entity_id gt lastId} leaves out only ids this run
 *       covered. An order this run passed over because it did not match when its range was read, and matches now,
 *       changed since: its {@code updated_at} is after this run's start. One created after its range was read has a
 *       higher id than any read, or a {@code created_at} after this run's cutoff. Both are in the next run's OR
 *       group.</li>
 * </ul>
 * After a crash the next run (a new run start) reads everything again since the last complete run, whatever in-run
 * key it finds; a plan asked for within the same run ({@code firstBatchOfRun} false, the run's start unchanged) goes
 * on from the in-run key. Orders may come twice; the host keeps each once.
 *
 * <p><b>Unreadable orders.</b> An order missing, or holding a wrong-typed value for, a field the canonical order needs
 * ({@link Magento2OrderMapper.UnreadableOrder}) is returned as an {@link OrderBatch.Failure} naming the field, and the
 * import goes on; the host records it in the run as unreadable. A page with no readable {@code entity_id} at all
 * fails, since the keyset could not move past it; a bug in the mapper is a {@code PLUGIN_FAILURE}.
 *
 * <p><b>Counts.</b> A plan expects {@code total_count} orders; {@code heldBack}, counted when a plan starts a run,
 * is one extra {@code pageSize=1} count of orders in the import statuses created after the cutoff (0 without a
 * delay, -1 when a plan goes on with a run). A page's {@code remaining} is its range's {@code total_count} less the
 * page.
 *
 * <p>Holds no state of its own: pages of different ranges may be read from several threads at once.
 */
final class Magento2OrderImport {

    static final long OVERLAP_MINUTES = 10;

    private static final Duration OVERLAP = Duration.ofMinutes(OVERLAP_MINUTES);

    private final Magento2Config config;
    private final Magento2Client client;
    private final Magento2StoreViews storeViews;

    Magento2OrderImport(Magento2Config config, Magento2Client client, Magento2StoreViews storeViews) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.storeViews = requireNonNull(storeViews, "storeViews is null");
    }

    /** Plans a run: one request for its size and highest id (and one for the held-back count with a delay). */
    ImportPlan planImport(ImportRequest request) {
        Run run = run(request.cursor(), request.runStartedAt());
        boolean continuing = !request.firstBatchOfRun() && run.cursor().continues(request.runStartedAt());
        long after = continuing ? run.cursor().after() : 0;
        Magento2OrderData.Extent extent = client.ordersExtent(run.above(after).sortBy("entity_id", false)
                .pageSize(1).build());
        long heldBack = continuing ? -1 : heldBack(run.storeId(), run.cutoff());
        return new ImportPlan(ranges(after, extent), extent.totalCount(), heldBack);
    }

    /** Cuts {@code (after, M]} into one range per page of orders, the last one open-ended. */
    private List<ImportRange> ranges(long after, Magento2OrderData.Extent extent) {
        long top = Math.max(extent.highestId(), after);
        long count = Math.min((extent.totalCount() + config.pageSize() - 1) / config.pageSize(),
                ImportPlan.MAX_RANGES);
        List<ImportRange> ranges = new ArrayList<>();
        long lower = after;
        for (long index = 1; index < count; index++) {
            long upper = after + (top - after) * index / count;
            if (upper > lower) {
                ranges.add(new Range(lower, upper, top).token());
                lower = upper;
            }
        }
        ranges.add(new Range(lower, Long.MAX_VALUE, top).token());
        return ranges;
    }

    /** Reads one page of a range: the orders above the page token (or the range's lower bound) up to its upper. */
    OrderPage fetchPage(PageRequest request) {
        Range range = Range.parse(request.range());
        long after = request.firstPage() ? range.lower() : Range.id(request.pageToken(), request.pageToken());
        Run run = run(request.cursor(), request.runStartedAt());
        Magento2SearchCriteria.Builder criteria = run.above(after);
        if (!range.last()) {
            criteria.where("entity_id", "lteq", Long.toString(range.upper()));
        }
        Magento2OrderData.Page page = client.searchOrders(criteria.sortBy("entity_id", true)
                .pageSize(config.pageSize()).build());
        Magento2OrderMapper mapper = new Magento2OrderMapper(config.includeBundleParent(), storeViews.codesById());
        List<Order> orders = new ArrayList<>(page.items().size());
        List<OrderBatch.Failure> failed = new ArrayList<>();
        long highestId = after;
        for (Magento2OrderData order : page.items()) {
            // One unreadable order is reported and skipped; it must not hold back every order after it.
            try {
                orders.add(mapper.toOrder(order));
            } catch (Magento2OrderMapper.UnreadableOrder e) {
                failed.add(new OrderBatch.Failure(e.orderId(), e.getMessage()));
            } catch (RuntimeException bug) {
                // Anything else is the mapper's fault, not the order's: reported as unreadable, the order would be
                // passed over for good.
                throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The Magento 2 plugin failed mapping "
                        + "order " + (order.incrementId() != null ? order.incrementId() : order.entityId()) + " ("
                        + bug + "); this is a bug in the plugin, not a problem of the order", bug);
            }
            if (order.entityId() != null) {
                highestId = Math.max(highestId, order.entityId());
            }
        }
        long remaining = page.items().isEmpty() ? 0 : Math.max(page.totalCount() - page.items().size(), 0);
        if (highestId == after && remaining > 0) {
            // Not one order of the page had a readable entity_id above the keyset: it cannot move, and asking again
            // would bring the same page for ever.
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "Magento store " + config.storeUrl()
                    + " answered GET /V1/orders for orders after entity_id " + after + " with " + page.items().size()
                    + " orders, none with a readable entity_id above it, and " + remaining + " more to come; the "
                    + "import cannot move past them" + (failed.isEmpty() ? "" : ": " + failed.get(0).reason()));
        }
        boolean more = remaining > 0;
        Magento2ImportCursor cursor = more || !range.last()
                ? run.cursor().continueAfter(request.runStartedAt(), more ? highestId : range.upper())
                : run.cursor().completeRun(request.runStartedAt(), run.cutoff(), run.scope(),
                        Math.max(range.top(), highestId));
        return new OrderPage(orders, failed, more ? Long.toString(highestId) : null, cursor.encode(), remaining);
    }

    /**
     * One range of a plan, as its token says: {@code ids:<lower>-<upper>} for the orders with an id above
     * {@code lower} and at most {@code upper}, {@code ids:<lower>-;top=<M>} for the last, open-ended one, which also
     * carries the highest id the plan saw.
     *
     * @param upper {@link Long#MAX_VALUE} for the last range
     * @param top the highest id of the run when it was planned
     */
    record Range(long lower, long upper, long top) {
        private static final String PREFIX = "ids:";
        private static final String TOP = ";top=";

        boolean last() {
            return upper == Long.MAX_VALUE;
        }

        ImportRange token() {
            return ImportRange.of(PREFIX + lower + "-" + (last() ? TOP + top : Long.toString(upper)));
        }

        static Range parse(ImportRange range) {
            String token = range.token();
            int dash = token.indexOf('-');
            if (!token.startsWith(PREFIX) || dash < 0) {
                throw notOurs(token);
            }
            long lower = id(token.substring(PREFIX.length(), dash), token);
            String rest = token.substring(dash + 1);
            if (rest.startsWith(TOP)) {
                return new Range(lower, Long.MAX_VALUE, id(rest.substring(TOP.length()), token));
            }
            long upper = id(rest, token);
            if (upper <= lower) {
                throw notOurs(token);
            }
            return new Range(lower, upper, upper);
        }

        /** An id out of a token this plugin wrote; anything else is a bug, the host's or ours. */
        static long id(String text, String token) {
            try {
                long id = Long.parseLong(text);
                if (id >= 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw notOurs(token);
        }

        private static ConnectorException notOurs(String token) {
            return ConnectorException.of(ErrorKind.PLUGIN_FAILURE,
                    "The Magento 2 import was handed a range or page token it did not write: " + token);
        }
    }

    /** What every request of a run shares, worked out from the cursor the run was planned from. */
    private record Run(Magento2ImportCursor cursor, Instant cutoff, Long storeId, String scope,
                       Magento2SearchCriteria.Builder criteria) {

        /** @return the run's filters, and {@code entity_id gt after} when after is above 0 */
        Magento2SearchCriteria.Builder above(long after) {
            return after > 0 ? criteria.where("entity_id", "gt", Long.toString(after)) : criteria;
        }
    }

    /** The run that started at {@code runStart} from the stored cursor; a scope change reads everything again. */
    private Run run(String storedCursor, Instant runStart) {
        Magento2ImportCursor cursor = Magento2ImportCursor.decode(storedCursor);
        String scope = scope();
        if (cursor.hasCompletedRun() && !scope.equals(cursor.scope())) {
            cursor = Magento2ImportCursor.INITIAL;
        }
        Instant cutoff = runStart.minus(config.importDelay());
        Long storeId = storeViews.selectedStoreId().orElse(null);
        return new Run(cursor, cutoff, storeId, scope, runCriteria(cursor, cutoff, storeId));
    }

    /** The filters every request of a run shares: status, cut-off, store view, and what changed since the last run. */
    private Magento2SearchCriteria.Builder runCriteria(Magento2ImportCursor cursor, Instant cutoff, Long storeId) {
        Magento2SearchCriteria.Builder criteria = baseCriteria(storeId)
                .where("created_at", "lteq", Magento2OrderMapper.formatDateTime(cutoff));
        if (cursor.hasCompletedRun()) {
            criteria.whereAny(List.of(
                    new Magento2SearchCriteria.Filter("entity_id", "gt", Long.toString(cursor.lastId())),
                    new Magento2SearchCriteria.Filter("updated_at", "gteq",
                            Magento2OrderMapper.formatDateTime(cursor.previousRunStart().minus(OVERLAP))),
                    new Magento2SearchCriteria.Filter("created_at", "gteq",
                            Magento2OrderMapper.formatDateTime(cursor.previousCutoff().minus(OVERLAP)))));
        }
        return criteria;
    }

    private long heldBack(Long storeId, Instant cutoff) {
        if (config.importDelay().isZero()) {
            return 0;
        }
        return client.countOrders(baseCriteria(storeId)
                .where("created_at", "gt", Magento2OrderMapper.formatDateTime(cutoff))
                .sortBy("entity_id", true)
                .pageSize(1)
                .build());
    }

    private Magento2SearchCriteria.Builder baseCriteria(Long storeId) {
        Magento2SearchCriteria.Builder criteria = Magento2SearchCriteria.builder()
                .where("status", "in", String.join(",", config.importStatuses()));
        if (storeId != null) {
            criteria.where("store_id", "eq", Long.toString(storeId));
        }
        return criteria;
    }

    /** What the import reads, kept in the cursor: when it changes, the next run reads everything again. */
    private String scope() {
        String text = config.importStatuses().stream().sorted().collect(Collectors.joining(","))
                + "@" + config.storeViewCode().orElse("");
        return text.replace(';', '_').replace('=', '_');
    }
}
