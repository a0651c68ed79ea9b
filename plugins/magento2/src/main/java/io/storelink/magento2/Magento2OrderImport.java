package io.storelink.magento2;

import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderBatch;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
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
 * <p><b>Pages in parallel.</b> Once a run's first page shows more than one page left, the rest of the id range up to
 * the highest matching {@code entity_id} ({@code M}, one {@code pageSize=1} request sorted DESC, sent along with
 * the first page on a connection's first run, the backlog, and after it otherwise) is cut into
 * chunks of about one page each ({@code entity_id gt a AND entity_id lteq b}), fetched {@value #FETCH_CONCURRENCY}
 * at a time, read and mapped on the connector's own threads, and handed to the host strictly in id order. A
 * request's slot is free again once its page's bytes have arrived, so reading a page never keeps the next request
 * waiting; at most {@value #READ_AHEAD} more chunks are read or held meanwhile. Each chunk is itself keyset-paged, so
 * an unevenly filled chunk just takes more requests; the last chunk has no upper bound, so it also brings orders
 * created during the run. The cursor after a batch is the highest id below which every chunk is complete, so a crash
 * resumes exactly as with one page at a time. If a chunk fails, the plan
 * is dropped and the host's retry continues one page at a time from the last stored cursor.
 *
 * <p><b>Unreadable orders.</b> An order missing, or holding a wrong-typed value for, a field the canonical order needs
 * ({@link Magento2OrderMapper.UnreadableOrder}) is returned as an {@link OrderBatch.Failure} naming the field, and the
 * import goes on; the host records it in the run as unreadable. A page with no readable {@code entity_id} at all
 * fails the batch, since the keyset could not move past it; a bug in the mapper is a {@code PLUGIN_FAILURE}.
 *
 * <p><b>Counts.</b> {@code remaining} is {@code total_count} less the page; {@code heldBack}, on a run's first
 * batch only, is one extra {@code pageSize=1} count of orders in the import statuses created after the cutoff
 * (0 without a delay, -1 on later batches).
 */
final class Magento2OrderImport implements AutoCloseable {

    static final long OVERLAP_MINUTES = 10;

    /**
     * How many requests for chunks are on the network at once. Two halve an import's wall time at 20 ms of latency
     * without putting much more load on the merchant's store, whose order searches are heavy; see
     * docs/performance.md.
     */
    static final int FETCH_CONCURRENCY = 2;

    /**
     * How many more chunks may be read and mapped, or wait for the host, beyond those on the network. A request slot
     * is given back as soon as a page's bytes have arrived, so the next request goes out while that page is read;
     * this bounds what is held in memory meanwhile.
     */
    static final int READ_AHEAD = 2;

    private static final Duration OVERLAP = Duration.ofMinutes(OVERLAP_MINUTES);

    private final Magento2Config config;
    private final Magento2Client client;
    private final Magento2StoreViews storeViews;
    private final ExecutorService fetchers;
    /** Requests on the network: {@value #FETCH_CONCURRENCY} at most, whatever number of chunks is being read. */
    private final Semaphore wire = new Semaphore(FETCH_CONCURRENCY, true);
    private Plan plan;

    Magento2OrderImport(Magento2Config config, Magento2Client client, Magento2StoreViews storeViews) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.storeViews = requireNonNull(storeViews, "storeViews is null");
        this.fetchers = Executors.newFixedThreadPool(FETCH_CONCURRENCY + READ_AHEAD, runnable -> {
            Thread thread = new Thread(runnable, "magento2-import-fetch");
            thread.setDaemon(true);
            return thread;
        });
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
        long after = continuing ? cursor.after() : 0;
        Magento2ImportCursor base = cursor;
        Supplier<Magento2SearchCriteria.Builder> run = () -> runCriteria(base, cutoff, storeId);
        long heldBack = continuing ? -1 : heldBack(storeId, cutoff);

        Chunk chunk;
        if (plan != null && plan.runStart.equals(runStart) && plan.expects(after)) {
            chunk = plan.next();
        } else {
            dropPlan();
            // A connection's first run is the backlog, most likely more than a page: ask for the highest id along
            // with the first page rather than after it. Later runs usually fit in a page and ask only if they don't.
            Future<OptionalLong> highest = after == 0 && !cursor.hasCompletedRun()
                    ? submit(() -> highestId(run)) : null;
            try {
                chunk = fetch(run, after, Long.MAX_VALUE);
                if (chunk.remaining() > config.pageSize()) {
                    plan = Plan.of(this, run, runStart, chunk,
                            highest != null ? highest::get : () -> highestId(run));
                }
            } catch (RuntimeException e) {
                if (highest != null) {
                    // The batch failed, or is being stopped: its other request is stopped too, not waited for.
                    highest.cancel(true);
                }
                throw e;
            } finally {
                if (highest != null) {
                    // No request of this batch may outlive it.
                    awaitQuietly(highest);
                }
            }
        }
        boolean hasMore = plan != null ? plan.hasMore() : chunk.remaining() > 0;
        if (plan != null && !hasMore) {
            plan = null;
        }
        Magento2ImportCursor next = hasMore
                ? cursor.continueAfter(runStart, chunk.coveredUpTo())
                : cursor.completeRun(runStart, cutoff, scope, chunk.highestId());
        long remaining = plan != null ? plan.remaining() : chunk.remaining();
        return new OrderBatch(chunk.orders(), next.encode(), hasMore, remaining, heldBack, chunk.failed());
    }

    /** One page of a range, mapped: what the host gets, and how far the range is now read. */
    private record Chunk(List<Order> orders, List<OrderBatch.Failure> failed, long highestId, long coveredUpTo,
                         long remaining, long upper) {
    }

    /**
     * Reads the first page of orders above {@code after} and at most {@code upper}, sorted by id, and maps it.
     *
     * @return the page; {@code coveredUpTo} is {@code upper} when the page held all that was left of the range
     */
    private Chunk fetch(Supplier<Magento2SearchCriteria.Builder> run, long after, long upper) {
        Magento2SearchCriteria.Builder criteria = run.get();
        if (after > 0) {
            criteria.where("entity_id", "gt", Long.toString(after));
        }
        if (upper != Long.MAX_VALUE) {
            criteria.where("entity_id", "lteq", Long.toString(upper));
        }
        Magento2OrderData.Page page = client.searchOrders(criteria.sortBy("entity_id", true)
                .pageSize(config.pageSize()).build(), wire);
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
        return new Chunk(orders, failed, highestId, remaining == 0 && upper != Long.MAX_VALUE ? upper : highestId,
                remaining, upper);
    }

    /**
     * The rest of a run cut into id ranges, fetched ahead in parallel and handed out in id order. Only the host's
     * fetch thread calls it.
     */
    private static final class Plan {
        private final Magento2OrderImport owner;
        private final Supplier<Magento2SearchCriteria.Builder> run;
        private final Instant runStart;
        private final Deque<long[]> ranges = new ArrayDeque<>();
        private final Deque<Future<Chunk>> ahead = new ArrayDeque<>();
        private long expectedAfter;
        private long remaining;
        private boolean done;

        private Plan(Magento2OrderImport owner, Supplier<Magento2SearchCriteria.Builder> run, Instant runStart,
                     long expectedAfter, long remaining) {
            this.owner = owner;
            this.run = run;
            this.runStart = runStart;
            this.expectedAfter = expectedAfter;
            this.remaining = remaining;
        }

        static Plan of(Magento2OrderImport owner, Supplier<Magento2SearchCriteria.Builder> run, Instant runStart,
                       Chunk first, Callable<OptionalLong> highestId) {
            long low = first.coveredUpTo();
            OptionalLong highest = result(highestId);
            Plan plan = new Plan(owner, run, runStart, low, first.remaining());
            long high = highest.orElse(low);
            long chunks = Math.max(1, (first.remaining() + owner.config.pageSize() - 1) / owner.config.pageSize());
            long previous = low;
            for (long index = 1; index < chunks && high > low; index++) {
                long upper = low + (high - low) * index / chunks;
                if (upper > previous) {
                    plan.ranges.add(new long[] {previous, upper});
                    previous = upper;
                }
            }
            // The last range has no upper bound, so orders created during the run come with it.
            plan.ranges.add(new long[] {previous, Long.MAX_VALUE});
            plan.fill();
            return plan;
        }

        boolean expects(long after) {
            return !done && after == expectedAfter;
        }

        /** The next page in id order; the range it belongs to is read on, page by page, until it is complete. */
        Chunk next() {
            Future<Chunk> future = ahead.removeFirst();
            Chunk chunk;
            try {
                chunk = result(future::get);
            } catch (RuntimeException e) {
                // The chunk has left the queue, whether it failed or the wait was interrupted: handing out the
                // next one instead would skip its range, so the plan ends and the batch is fetched afresh.
                done = true;
                throw e;
            }
            if (chunk.remaining() > 0) {
                // This range holds more than a page: its next page comes before anything above it.
                long lower = chunk.highestId();
                long upper = chunk.upper();
                ahead.addFirst(owner.submit(() -> owner.fetch(run, lower, upper)));
            }
            remaining = Math.max(remaining - chunk.orders().size() - chunk.failed().size(), 0);
            expectedAfter = chunk.coveredUpTo();
            if (chunk.remaining() == 0 && chunk.upper() == Long.MAX_VALUE) {
                done = true;
            }
            fill();
            return chunk;
        }

        boolean hasMore() {
            return !done;
        }

        long remaining() {
            return remaining;
        }

        private void fill() {
            while (ahead.size() < FETCH_CONCURRENCY + READ_AHEAD && !ranges.isEmpty()) {
                long[] range = ranges.removeFirst();
                ahead.addLast(owner.submit(() -> owner.fetch(run, range[0], range[1])));
            }
        }

        void cancel() {
            ahead.forEach(future -> future.cancel(true));
            ahead.clear();
            ranges.clear();
            done = true;
        }
    }

    /** The highest {@code entity_id} the run's filters match: one {@code pageSize=1} request sorted DESC. */
    private OptionalLong highestId(Supplier<Magento2SearchCriteria.Builder> run) {
        return client.highestOrderId(run.get().sortBy("entity_id", false).pageSize(1).build());
    }

    /** Calls {@code call}; what it throws is thrown as the connector's exception (a future's cause unwrapped). */
    private static <T> T result(Callable<T> call) {
        try {
            return call.call();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            throw Magento2Client.cancelled("The Magento 2 import was interrupted while it waited for a page (the host "
                    + "is stopping the call)", e);
        } catch (CancellationException e) {
            // Only close() cancels a request someone waits for.
            throw closed(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for a request whose result is not needed; its failure, if it matters, was thrown where it was used. A
     * cancelled one is not waited for: its thread is interrupted, which stops its request at once.
     */
    private static void awaitQuietly(Future<?> future) {
        result(() -> {
            try {
                return future.get();
            } catch (ExecutionException | CancellationException ignored) {
                return null;
            }
        });
    }

    private void dropPlan() {
        if (plan != null) {
            plan.cancel();
            plan = null;
        }
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

    /** Runs a request on the connector's own threads; once the connector is closed, that is refused as CANCELLED. */
    private <T> Future<T> submit(Callable<T> task) {
        try {
            return fetchers.submit(task);
        } catch (RejectedExecutionException e) {
            throw closed(e);
        }
    }

    private static ConnectorException closed(RuntimeException cause) {
        return ConnectorException.of(ErrorKind.CANCELLED, "The Magento 2 import was stopped because the "
                + "connector was closed", cause);
    }

    /**
     * Stops the parallel requests at once. The host may call this from another thread while a fetch is still running
     * (a call that outran its time limit), so the plan, which only the fetch thread touches, is left alone: requests
     * not started yet are cancelled, so a wait for one ends, and the running ones are interrupted, which stops them.
     */
    @Override
    public void close() {
        for (Runnable notStarted : fetchers.shutdownNow()) {
            if (notStarted instanceof Future<?> future) {
                future.cancel(false);
            }
        }
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
