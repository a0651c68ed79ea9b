package io.storelink.core.order;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.OrderBatch;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.core.plugin.PluginConnector;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the pages of a planned import (API 1.2) on a few worker threads and hands them to the storing thread in plan
 * order: every page of range 0, then every page of range 1, and so on.
 *
 * <p><b>Concurrency.</b> {@code concurrency} workers, so never more {@code fetchPage} calls in flight at the store.
 * A range's pages are read one after another, each with the token the page before returned; a free worker continues
 * the lowest range that is waiting for its next page, else starts the next range of the plan. Pages read and not yet
 * stored plus pages in flight stay below {@code concurrency + }{@value #AHEAD}, so memory is bounded whatever the
 * plan's size; only the range being stored may always read its next page, so the run never stalls on that bound.
 *
 * <p><b>Failures.</b> A page that fails for a passing reason is asked for again, alone, under the host's retry
 * policy (the {@code retried} function). Any other failure stops the run: the other page calls are interrupted, the
 * storing thread gets the pages that come before the failure in plan order, with no gap, and then the failure;
 * pages after it, of its range or of later ones, are dropped. A range whose page token repeats fails the run with
 * {@link ErrorKind#PLUGIN_FAILURE}, since it would never end.
 */
final class RangedFetcher implements Fetcher {

    /** Pages beyond one per worker that may be read and not yet stored. */
    static final int AHEAD = 2;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final PluginConnector connector;
    private final ImportPlan plan;
    private final String cursor;
    private final Instant startedAt;
    private final Function<Supplier<OrderPage>, OrderPage> retried;
    private final int concurrency;
    private final ExecutorService workers;

    // Guarded by this.
    /** The ranges started and not yet stored; {@code null} before they start and once they are stored. */
    private final Range[] ranges;
    /** The range being stored. */
    private int head;
    /** How many ranges have started: they are the ranges below it. */
    private int started;
    private int rangesRead;
    private int held;
    private int inFlight;
    private Throwable failure;
    private boolean stopped;

    /** One range of the plan while it is read. */
    private static final class Range {
        final ImportRange range;
        final ArrayDeque<Fetched> pages = new ArrayDeque<>();
        final Set<String> tokens = new HashSet<>();
        String token;
        boolean inFlight;
        boolean read;

        Range(ImportRange range) {
            this.range = range;
        }
    }

    /**
     * Starts reading.
     *
     * @param connector the ranged connector
     * @param plan what it planned
     * @param cursor the cursor the plan was made from, or {@code null}
     * @param startedAt the run's start
     * @param concurrency how many requests the store may have at once: with {@link #AHEAD}, what may be read and not
     *        yet stored
     * @param calls how many page calls may run at once: {@code concurrency}, or more for a connector whose requests
     *        enter the context's request gate, which then keeps the store at {@code concurrency}
     * @param retried calls a page request under the host's retry policy
     */
    RangedFetcher(PluginConnector connector, ImportPlan plan, String cursor, Instant startedAt, int concurrency,
                  int calls, Function<Supplier<OrderPage>, OrderPage> retried) {
        this.connector = connector;
        this.plan = plan;
        this.cursor = cursor;
        this.startedAt = startedAt;
        this.concurrency = concurrency;
        this.retried = retried;
        this.ranges = new Range[plan.ranges().size()];
        int threads = Math.min(calls, ranges.length);
        workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "storelink-import-page-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    @Override
    public long total(OrderBatch stored, long done) {
        return plan.expected() < 0 ? -1 : Math.max(plan.expected(), done);
    }

    @Override
    public synchronized Fetched next() {
        try {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            while (head < ranges.length) {
                Range range = ranges[head];
                if (range != null && !range.pages.isEmpty()) {
                    held--;
                    notifyAll();
                    return range.pages.poll();
                }
                if (range != null && range.read) {
                    ranges[head++] = null;
                    notifyAll();
                    continue;
                }
                if (failure != null) {
                    throw rethrow(failure);
                }
                wait();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.of(ErrorKind.CANCELLED, "The import was interrupted", e);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    /** A worker: reads pages until every range is read or the run stops. */
    private void work() {
        try {
            while (true) {
                Range range;
                PageRequest request;
                synchronized (this) {
                    while ((range = nextToRead()) == null) {
                        if (stopped || rangesRead == ranges.length) {
                            return;
                        }
                        wait();
                    }
                    range.inFlight = true;
                    inFlight++;
                    request = new PageRequest(range.range, range.token, cursor, startedAt);
                }
                Fetched fetched;
                try {
                    OrderPage page = retried.apply(() -> connector.fetchPage(request));
                    fetched = Fetched.of(new OrderBatch(page.orders(), page.cursor(), page.hasMore(),
                            page.remaining(), plan.heldBack(), page.failed()));
                    read(range, request, page, fetched);
                } catch (Throwable e) {
                    fail(e);
                    return;
                }
            }
        } catch (InterruptedException stopping) {
            // close() stops the workers.
        }
    }

    /** @return the range a free worker reads next, or {@code null} if none may be read now */
    private Range nextToRead() {
        if (stopped) {
            return null;
        }
        boolean room = held + inFlight < concurrency + AHEAD;
        for (int index = head; index < started; index++) {
            Range range = ranges[index];
            if (range != null && !range.read && !range.inFlight
                    && (room || index == head && range.pages.isEmpty())) {
                return range;
            }
        }
        if (started < ranges.length && (room || started == head)) {
            ranges[started] = new Range(plan.ranges().get(started));
            return ranges[started++];
        }
        return null;
    }

    private synchronized void read(Range range, PageRequest request, OrderPage page, Fetched fetched) {
        if (stopped) {
            return;
        }
        range.inFlight = false;
        inFlight--;
        if (page.hasMore()) {
            String next = page.nextPageToken();
            if (next.equals(request.pageToken()) || !range.tokens.add(next)) {
                throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, connector.who() + " returned a page of range "
                        + OrderImportService.abbreviate(range.range.token()) + " whose next page token ("
                        + OrderImportService.abbreviate(next) + ") the range had already returned: the range would "
                        + "never end. The orders of the pages before it in the plan are kept.");
            }
            range.token = next;
        } else {
            range.read = true;
            range.tokens.clear();
            rangesRead++;
        }
        range.pages.add(fetched);
        held++;
        notifyAll();
    }

    /** Stops the run with its first failure and interrupts the other page calls; later failures follow from it. */
    private void fail(Throwable e) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            failure = e;
            stopped = true;
            notifyAll();
        }
        workers.shutdownNow();
    }

    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        workers.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
