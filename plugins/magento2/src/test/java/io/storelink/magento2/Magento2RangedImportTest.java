package io.storelink.magento2;

import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.ImportRequest;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.LoggedRequest;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

import static io.storelink.magento2.Magento2TestSupport.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import as the host runs it from API 1.2 on: a plan of id ranges, then pages of those ranges, several ranges at
 * once, stored in plan order. Against the stateful sandbox over loopback.
 */
final class Magento2RangedImportTest {

    @RegisterExtension
    final Magento2TestSupport.Opened opened = new Magento2TestSupport.Opened();

    @Test
    void aRunThatFitsInAPageIsOneOpenRangeFoundWithOneRequest() {
        MagentoSandbox sandbox = opened.sandbox(20);
        List<Long> expected = processing(sandbox);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300);
        Instant runStart = Instant.now();

        ImportPlan plan = connector.planImport(new ImportRequest(null, runStart, true));

        long top = expected.get(expected.size() - 1);
        assertThat(plan.ranges()).containsExactly(ImportRange.of("ids:0-;top=" + top));
        assertThat(plan.expected()).isEqualTo(expected.size());
        assertThat(plan.heldBack()).as("no delay, nothing held back").isZero();
        assertThat(sandbox.requestLog().entries()).singleElement().satisfies(request -> assertThat(
                request.decodedQuery()).contains("searchCriteria[pageSize]=1&")
                .contains("searchCriteria[sortOrders][0][direction]=DESC")
                .contains("fields=items[entity_id],total_count"));

        OrderPage page = connector.fetchPage(new PageRequest(plan.ranges().get(0), null, null, runStart));

        assertThat(ids(page.orders())).containsExactlyElementsOf(expected);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.remaining()).isZero();
        assertThat(Magento2ImportCursor.decode(page.cursor())).satisfies(cursor -> {
            assertThat(cursor.lastId()).isEqualTo(top);
            assertThat(cursor.previousRunStart()).isEqualTo(runStart);
            assertThat(cursor.inRun()).as("the run is complete").isNull();
        });
    }

    @Test
    void aBacklogIsCutIntoOneRangePerPageOfEqualWidthTheLastOpenEnded() {
        MagentoSandbox sandbox = opened.sandbox(200);
        List<Long> expected = processing(sandbox);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 10);

        ImportPlan plan = connector.planImport(new ImportRequest(null, Instant.now(), true));

        long top = expected.get(expected.size() - 1);
        int count = (expected.size() + 9) / 10;
        assertThat(plan.expected()).isEqualTo(expected.size());
        assertThat(plan.ranges()).hasSize(count);
        List<Magento2OrderImport.Range> ranges = plan.ranges().stream().map(Magento2OrderImport.Range::parse)
                .toList();
        for (int index = 0; index < count - 1; index++) {
            assertThat(ranges.get(index).lower()).isEqualTo(top * index / count);
            assertThat(ranges.get(index).upper()).isEqualTo(top * (index + 1) / count);
        }
        assertThat(ranges.get(count - 1)).satisfies(last -> {
            assertThat(last.lower()).isEqualTo(top * (count - 1) / count);
            assertThat(last.last()).isTrue();
            assertThat(last.top()).isEqualTo(top);
        });
        assertThat(sandbox.requestLog().entries()).hasSize(1);
    }

    @Test
    void pagesInsideARangeByKeysetAndCoversItsUpperBoundOnceItIsRead() {
        MagentoSandbox sandbox = opened.sandbox(60);
        List<Long> expected = processing(sandbox);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 4);
        Instant runStart = Instant.now();
        long upper = expected.get(9);
        ImportRange range = new Magento2OrderImport.Range(0, upper, upper).token();
        sandbox.requestLog().clear();

        List<OrderPage> pages = readRange(connector, range, null, runStart);

        assertThat(pages).extracting(page -> page.orders().size()).containsExactly(4, 4, 2);
        assertThat(pages).extracting(OrderPage::nextPageToken)
                .containsExactly(Long.toString(expected.get(3)), Long.toString(expected.get(7)), null);
        assertThat(pages).extracting(OrderPage::remaining).containsExactly(6L, 2L, 0L);
        assertThat(pages).extracting(page -> Magento2ImportCursor.decode(page.cursor()).after())
                .as("the last id read, then the range's upper bound once it is done")
                .containsExactly(expected.get(3), expected.get(7), upper);
        assertThat(pages).allSatisfy(page -> assertThat(Magento2ImportCursor.decode(page.cursor())).satisfies(
                cursor -> {
                    assertThat(cursor.continues(runStart)).isTrue();
                    assertThat(cursor.hasCompletedRun()).isFalse();
                }));
        assertThat(sandbox.requestLog().entries()).extracting(LoggedRequest::decodedQuery).allSatisfy(query ->
                assertThat(query).contains("[condition_type]=lteq").contains("[value]=" + upper)
                        .contains("searchCriteria[currentPage]=1").contains("[direction]=ASC"));
        assertThat(sandbox.requestLog().entries().get(2).decodedQuery()).contains("[value]=" + expected.get(7));
    }

    @Test
    void theLastRangesFinalPageCompletesTheRunWithAtLeastThePlansHighestId() {
        MagentoSandbox sandbox = opened.sandbox(30);
        List<Long> expected = processing(sandbox);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300);
        Instant runStart = Instant.now();
        long highest = expected.get(expected.size() - 1);
        long lower = expected.get(expected.size() - 3);

        OrderPage beyond = connector.fetchPage(new PageRequest(new Magento2OrderImport.Range(lower, Long.MAX_VALUE,
                highest + 1000).token(), null, null, runStart));
        OrderPage below = connector.fetchPage(new PageRequest(new Magento2OrderImport.Range(lower, Long.MAX_VALUE,
                lower).token(), null, null, runStart));

        assertThat(ids(beyond.orders())).containsExactlyElementsOf(expected.subList(expected.size() - 2,
                expected.size()));
        assertThat(Magento2ImportCursor.decode(beyond.cursor()).lastId()).as("the plan's highest id")
                .isEqualTo(highest + 1000);
        assertThat(Magento2ImportCursor.decode(below.cursor()).lastId()).as("the highest id read").isEqualTo(highest);
    }

    @Test
    void aScopeChangeStartsAfresh() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300);
        String complete = runAll(connector, null, Instant.now(), 1).cursor();
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.ORDER_IMPORT_STATUS, "pending");
        Magento2Connector pending = opened.connector(values, 300);
        sandbox.requestLog().clear();
        Instant next = Instant.now().plusSeconds(5);

        ImportPlan same = connector.planImport(new ImportRequest(complete, next, true));
        ImportPlan changed = pending.planImport(new ImportRequest(complete, next, true));

        assertThat(same.expected()).as("only what changed since the complete run")
                .isLessThan(processing(sandbox).size());
        assertThat(changed.expected()).isEqualTo(sandbox.store().orders().stream()
                .filter(order -> order.status().equals("pending")).count()).isPositive();
        List<LoggedRequest> requests = sandbox.requestLog().entries();
        assertThat(requests.get(0).decodedQuery()).contains("[field]=updated_at");
        assertThat(requests.get(1).decodedQuery()).doesNotContain("[field]=updated_at");
    }

    @Test
    void aMidRunCursorOfAnEarlierRunPlansFromTheLastCompleteRunAndOfTheSameRunGoesOn() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 10);
        String complete = runAll(connector, null, Instant.now(), 1).cursor();
        sandbox.store().generateOrders(100);
        Instant crashed = Instant.now().plusSeconds(5);
        ImportPlan crashedPlan = connector.planImport(new ImportRequest(complete, crashed, true));
        String midRun = connector.fetchPage(new PageRequest(crashedPlan.ranges().get(0), null, complete, crashed))
                .cursor();
        long after = Magento2ImportCursor.decode(midRun).after();
        assertThat(after).isPositive();
        Instant next = crashed.plusSeconds(1);

        ImportPlan restarted = connector.planImport(new ImportRequest(midRun, next, false));
        ImportPlan goingOn = connector.planImport(new ImportRequest(midRun, crashed, false));

        assertThat(restarted).isEqualTo(connector.planImport(new ImportRequest(complete, next, true)));
        assertThat(Magento2OrderImport.Range.parse(goingOn.ranges().get(0)).lower()).isEqualTo(after);
        assertThat(goingOn.expected()).isLessThanOrEqualTo(restarted.expected());
        assertThat(sandbox.requestLog().entries()).as("one plan went on from the in-run key")
                .filteredOn(request -> request.decodedQuery().contains("[field]=entity_id&searchCriteria[filter_groups]"
                        + "[3][filters][0][value]=" + after + "&searchCriteria[filter_groups][3][filters][0]"
                        + "[condition_type]=gt")).hasSize(1);
        assertThat(goingOn.heldBack()).as("counted when the run started, not again").isEqualTo(-1);
    }

    @Test
    void countsTheOrdersTheDelayHoldsBack() {
        MagentoSandbox sandbox = opened.sandbox(20);
        sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)).asInvoiced());
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.IMPORT_DELAY, 30L);
        Instant runStart = Instant.now();
        Instant cutoff = runStart.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        Predicate<io.storelink.sandbox.Order> young = order -> order.status().equals("processing")
                && order.createdAt().isAfter(cutoff);

        ImportPlan plan = opened.connector(values, 300).planImport(new ImportRequest(null, runStart, true));

        assertThat(plan.heldBack()).isEqualTo(sandbox.store().orders().stream().filter(young).count()).isPositive();
        assertThat(plan.expected()).isEqualTo(processing(sandbox).size() - plan.heldBack());
        assertThat(sandbox.requestLog().entries()).hasSize(2);
    }

    @Test
    void twoHostThreadsReadingRangesAtOnceFindEveryOrderExactlyOnce() {
        MagentoSandbox sandbox = opened.sandbox(400);
        List<Long> expected = processing(sandbox);
        sandbox.setLatency(Duration.ofMillis(20));
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 10);
        sandbox.requestLog().clear();

        Run run = runAll(connector, null, Instant.now(), 2);

        assertThat(ids(run.orders())).containsExactlyElementsOf(expected);
        assertThat(Magento2ImportCursor.decode(run.cursor()).lastId()).isEqualTo(expected.get(expected.size() - 1));
        assertThat(mostAtOnce(sandbox.requestLog().entries())).as("pages of two ranges on the network at once")
                .isEqualTo(2);
    }

    @Test
    void anOrderCreatedDuringTheRunComesWithTheLastRange() {
        MagentoSandbox sandbox = opened.sandbox(100);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 10);
        Instant runStart = Instant.now().plusSeconds(5);
        ImportPlan plan = connector.planImport(new ImportRequest(null, runStart, true));
        long added = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)).asInvoiced())
                .entityId();

        List<List<Long>> byRange = new ArrayList<>();
        for (ImportRange range : plan.ranges()) {
            byRange.add(readRange(connector, range, null, runStart).stream().flatMap(page -> ids(page.orders())
                    .stream()).toList());
        }

        assertThat(plan.ranges()).hasSizeGreaterThan(2);
        assertThat(byRange.get(byRange.size() - 1)).contains(added);
        assertThat(byRange.subList(0, byRange.size() - 1)).allSatisfy(ids -> assertThat(ids).doesNotContain(added));
        assertThat(byRange.stream().mapToLong(List::size).sum()).isEqualTo(plan.expected() + 1);
    }

    @Test
    void aNewRunFromTheCursorOfAnyStoredPageLosesNothing() {
        MagentoSandbox sandbox = opened.sandbox(100);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 10);
        String complete = runAll(connector, null, Instant.now(), 1).cursor();
        sandbox.store().generateOrders(120);
        long late = sandbox.store().orders().stream().filter(order -> order.status().equals("pending"))
                .findFirst().orElseThrow().entityId();
        sandbox.store().setStatus(late, "processing", "processing");
        Instant crashed = Instant.now().plusSeconds(5);
        ImportPlan plan = connector.planImport(new ImportRequest(complete, crashed, true));
        List<OrderPage> pages = new ArrayList<>();
        for (ImportRange range : plan.ranges()) {
            pages.addAll(readRange(connector, range, complete, crashed));
        }
        Set<Long> wholeRun = new HashSet<>();
        pages.forEach(page -> wholeRun.addAll(ids(page.orders())));
        assertThat(wholeRun).contains(late).hasSizeGreaterThan(40);

        for (int stored : List.of(0, pages.size() / 2, pages.size() - 2)) {
            Set<Long> seen = new HashSet<>();
            pages.subList(0, stored + 1).forEach(page -> seen.addAll(ids(page.orders())));
            Run next = runAll(connector, pages.get(stored).cursor(), crashed.plusSeconds(1), 2);
            seen.addAll(ids(next.orders()));

            assertThat(seen).as("after a crash with page %d stored", stored).containsAll(wholeRun);
        }
    }

    /** Reads every page of a range, one after another, as the host does. */
    private static List<OrderPage> readRange(Magento2Connector connector, ImportRange range, String planCursor,
                                             Instant runStart) {
        List<OrderPage> pages = new ArrayList<>();
        String token = null;
        do {
            OrderPage page = connector.fetchPage(new PageRequest(range, token, planCursor, runStart));
            pages.add(page);
            token = page.nextPageToken();
            assertThat(pages).hasSizeLessThan(100);
        } while (token != null);
        return pages;
    }

    /** A run as the host runs it: plan, ranges read by {@code threads} threads at once, pages kept in plan order. */
    private static Run runAll(Magento2Connector connector, String cursor, Instant runStart, int threads) {
        ImportPlan plan = connector.planImport(new ImportRequest(cursor, runStart, true));
        AtomicReferenceArray<List<OrderPage>> byRange = new AtomicReferenceArray<>(plan.ranges().size());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int index = 0; index < threads; index++) {
            Thread reader = new Thread(() -> {
                try {
                    for (int range = next.getAndIncrement(); range < plan.ranges().size();
                         range = next.getAndIncrement()) {
                        byRange.set(range, readRange(connector, plan.ranges().get(range), cursor, runStart));
                    }
                } catch (RuntimeException | AssertionError e) {
                    failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
                }
            }, "host-fetch-" + index);
            readers.add(reader);
            reader.start();
        }
        for (Thread reader : readers) {
            try {
                reader.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Order> orders = new ArrayList<>();
        String last = null;
        for (int range = 0; range < byRange.length(); range++) {
            for (OrderPage page : byRange.get(range)) {
                orders.addAll(page.orders());
                last = page.cursor();
            }
        }
        return new Run(orders, last);
    }

    private record Run(List<Order> orders, String cursor) {
    }

    /** The most requests the store was answering at one moment, from when each arrived and how long it took. */
    private static int mostAtOnce(List<LoggedRequest> requests) {
        List<long[]> events = new ArrayList<>();
        for (LoggedRequest request : requests) {
            long start = request.time().toEpochMilli() * 1_000_000 + request.time().getNano() % 1_000_000;
            events.add(new long[] {start, 1});
            events.add(new long[] {start + request.duration().toNanos(), -1});
        }
        // At the same instant an end counts before a start: touching is not overlapping.
        events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
        int open = 0;
        int most = 0;
        for (long[] event : events) {
            open += (int) event[1];
            most = Math.max(most, open);
        }
        return most;
    }

    private static List<Long> processing(MagentoSandbox sandbox) {
        return sandbox.store().orders().stream().filter(order -> order.status().equals("processing"))
                .map(io.storelink.sandbox.Order::entityId).sorted().toList();
    }

}
