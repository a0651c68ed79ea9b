package io.storelink.magento2;

import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The order import: which orders {@code GET /V1/orders} is asked for, and how the cursor moves.
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
 *   <li>within a run, the keyset: {@code entity_id gt <last id of the previous batch>}.</li>
 * </ol>
 * sorted by {@code entity_id ASC} (always with its direction; Magento's default is DESC), {@code pageSize} at most
 * 300 and always {@code currentPage=1}: the keyset, not an offset, moves through the set, so orders that enter or
 * leave it during the run shift nothing. A run ends when {@code total_count} says the page held all that was left;
 * no request for an empty page is made.
 *
 * <p><b>Why nothing is skipped.</b> An order that matches at some moment either has an id above {@code lastId}, or
 * was updated (status change) after the previous run started, or was created after the previous cutoff; the overlap
 * of {@value #OVERLAP_MINUTES} minutes absorbs clock skew between Storelink and the store and orders saved while a
 * run was reading. Mid-run batches move only the in-run key, and the final batch records this run's start and
 * cutoff, so after a crash the next run reads everything again since the last complete run. Orders may come twice;
 * the host keeps each once.
 *
 * <p><b>Unreadable orders.</b> An order the mapper cannot read (no {@code entity_id}, no readable dates) is
 * returned as an {@link OrderBatch.Failure} and the import goes on; the host records it in the run.
 *
 * <p><b>Counts.</b> {@code remaining} is {@code total_count} less the page; {@code heldBack}, on a run's first
 * batch only, is one extra {@code pageSize=1} count of orders in the import statuses created after the cutoff
 * (0 without a delay, -1 on later batches).
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

    OrderBatch fetchOrders(ImportRequest request) {
        Magento2ImportCursor cursor = Magento2ImportCursor.decode(request.cursor());
        Instant runStart = request.runStartedAt();
        Instant cutoff = runStart.minus(config.importDelay());
        Long storeId = storeViews.selectedStoreId().orElse(null);
        String scope = scope();
        if (cursor.hasCompletedRun() && !scope.equals(cursor.scope())) {
            cursor = Magento2ImportCursor.INITIAL;
        }
        boolean continuing = !request.firstBatchOfRun() && cursor.continues(runStart);

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
        long after = continuing ? cursor.after() : 0;
        if (after > 0) {
            criteria.where("entity_id", "gt", Long.toString(after));
        }
        Magento2OrderData.Page page = client.searchOrders(criteria.sortBy("entity_id", true)
                .pageSize(config.pageSize()).build());

        long heldBack = continuing ? -1 : heldBack(storeId, cutoff);
        Magento2OrderMapper mapper = new Magento2OrderMapper(config.includeBundleParent(), storeViews.codesById());
        List<Order> orders = new ArrayList<>(page.items().size());
        List<OrderBatch.Failure> failed = new ArrayList<>();
        long highestId = after;
        for (Magento2OrderData order : page.items()) {
            // One unreadable order is reported and skipped; it must not hold back every order after it.
            try {
                orders.add(mapper.toOrder(order));
            } catch (RuntimeException e) {
                failed.add(new OrderBatch.Failure(order.entityId() != null ? Long.toString(order.entityId())
                        : String.valueOf(order.incrementId()), e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if (order.entityId() != null) {
                highestId = Math.max(highestId, order.entityId());
            }
        }
        long remaining = Math.max(page.totalCount() - page.items().size(), 0);
        boolean hasMore = !page.items().isEmpty() && remaining > 0;
        Magento2ImportCursor next = hasMore
                ? cursor.continueAfter(runStart, highestId)
                : cursor.completeRun(runStart, cutoff, scope, highestId);
        return new OrderBatch(orders, next.encode(), hasMore, remaining, heldBack, failed);
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
