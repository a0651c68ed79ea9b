package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRequest;
import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.OrderPage;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.LoggedRequest;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.storelink.magento2.Magento2TestSupport.ids;
import static io.storelink.magento2.Magento2TestSupport.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The order import against the stateful sandbox over loopback. */
final class Magento2OrderImportTest {

    @RegisterExtension
    final Magento2TestSupport.Opened opened = new Magento2TestSupport.Opened();

    @Test
    void importsOnlyOrdersInTheImportStatuses() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Instant runStart = now();
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.ORDER_IMPORT_STATUS, "pending, holded");

        Run run = run(opened.connector(values, 300), null, runStart);

        assertThat(ids(run.orders())).isNotEmpty().isEqualTo(expectedIds(sandbox,
                order -> Set.of("pending", "holded").contains(order.status())));
        assertThat(run.orders()).allSatisfy(order -> assertThat(order.status()).isIn("pending", "holded"));
    }

    @Test
    void pagesByTotalCountWithAStableSortAndNoEmptyPage() {
        MagentoSandbox sandbox = opened.sandbox(60);
        List<Long> expected = expectedIds(sandbox, order -> order.status().equals("processing"));
        sandbox.requestLog().clear();

        Run run = run(opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 7), null, now());

        assertThat(ids(run.orders())).containsExactlyElementsOf(expected);
        List<LoggedRequest> requests = sandbox.requestLog().entries();
        // Every request but one read a page; the one other request, made first, counted the run and found the highest
        // id to cut it into ranges. No range was asked for again once total_count said it was done.
        assertThat(requests).hasSize(run.pages().size() + 1);
        assertThat(run.pages()).last().satisfies(page -> {
            assertThat(page.hasMore()).isFalse();
            assertThat(page.remaining()).isZero();
        });
        assertThat(run.plan().expected()).isEqualTo(expected.size());
        assertThat(run.pages()).hasSizeGreaterThanOrEqualTo((expected.size() + 6) / 7);
        List<LoggedRequest> probes = requests.stream()
                .filter(request -> request.decodedQuery().contains("[direction]=DESC")).toList();
        assertThat(probes).singleElement().satisfies(probe -> assertThat(probe.decodedQuery())
                .contains("searchCriteria[pageSize]=1").contains("fields=items[entity_id],total_count"));
        assertThat(requests).allSatisfy(request -> {
            String query = request.decodedQuery();
            assertThat(request.path()).isEqualTo("/rest/V1/orders");
            assertThat(query).contains("searchCriteria[sortOrders][0][field]=entity_id")
                    .contains("searchCriteria[currentPage]=1");
        });
        assertThat(requests).filteredOn(request -> !probes.contains(request)).allSatisfy(request ->
                assertThat(request.decodedQuery()).contains("searchCriteria[sortOrders][0][direction]=ASC")
                        .contains("searchCriteria[pageSize]=7")
                        .contains("fields=items[entity_id,increment_id,")
                        .contains("extension_attributes[shipping_assignments[shipping[address["));
        assertThat(run.orders()).filteredOn(order -> order.attributes().get("magento2.is_virtual").equals("0"))
                .isNotEmpty()
                .allSatisfy(order -> {
                    assertThat(order.shippingAddress()).isNotNull();
                    assertThat(order.shippingMethod()).isNotNull();
                    assertThat(order.billingAddress()).isNotNull();
                    assertThat(order.lines()).isNotEmpty();
                });
    }

    @Test
    void neverAsksForMoreThanMagentosMaximumPageSize() {
        MagentoSandbox sandbox = opened.sandbox(10);

        run(opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300), null, now());

        // The pages ask for 300; the one other request, for the count and the highest id, asks for one.
        assertThat(sandbox.requestLog().entries()).filteredOn(request -> !isProbe(request)).isNotEmpty()
                .allSatisfy(request -> assertThat(request.decodedQuery()).contains("searchCriteria[pageSize]=300")
                        .contains("[direction]=ASC"));
        assertThat(sandbox.requestLog().entries()).filteredOn(Magento2OrderImportTest::isProbe).allSatisfy(request ->
                assertThat(request.decodedQuery()).contains("[direction]=DESC"));
    }

    @Test
    void holdsBackOrdersYoungerThanTheDelayAndImportsThemLater() {
        MagentoSandbox sandbox = opened.sandbox(20);
        long fresh = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)).asInvoiced()).entityId();
        Instant runStart = now();
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.IMPORT_DELAY, 30L);
        Magento2Connector connector = opened.connector(values, 300);
        Instant cutoff = runStart.minus(Duration.ofMinutes(30));
        List<Long> ready = expectedIds(sandbox, order -> order.status().equals("processing")
                && !order.createdAt().isAfter(cutoff));
        long young = sandbox.store().orders().stream().filter(order -> order.status().equals("processing")
                && order.createdAt().isAfter(cutoff.truncatedTo(ChronoUnit.SECONDS))).count();

        Run first = run(connector, null, runStart);

        assertThat(ids(first.orders())).containsExactlyElementsOf(ready).doesNotContain(fresh);
        assertThat(first.plan().heldBack()).isEqualTo(young).isPositive();
        assertThat(sandbox.requestLog().entries()).anySatisfy(request -> assertThat(request.decodedQuery())
                .contains("[field]=created_at")
                .contains("[value]=" + Magento2OrderMapper.formatDateTime(cutoff))
                .contains("[condition_type]=gt")
                .contains("searchCriteria[pageSize]=1"));

        Run later = run(connector, first.cursor(), runStart.plus(Duration.ofMinutes(31)));

        assertThat(ids(later.orders())).contains(fresh);
        assertThat(later.plan().heldBack()).isZero();
    }

    @Test
    void comparesDatesInUtcWhateverTheHostTimeZone() {
        MagentoSandbox sandbox = opened.sandbox(5);
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Etc/GMT+12"));
        try {
            long fresh = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)).asInvoiced())
                    .entityId();
            Instant runStart = now().plusSeconds(1);

            Run run = run(opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300), null, runStart);

            assertThat(ids(run.orders())).contains(fresh);
            assertThat(run.orders()).filteredOn(order -> order.platformOrderId().equals(Long.toString(fresh)))
                    .singleElement().satisfies(order -> assertThat(order.placedAt())
                            .isEqualTo(sandbox.store().order(fresh).createdAt()));
            assertThat(sandbox.requestLog().entries().get(0).decodedQuery())
                    .contains("[value]=" + Magento2OrderMapper.DATE_TIME.format(runStart));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void importsOnlyTheStoreViewsOrdersByStoreIdNotByUrl() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "de");

        Run run = run(opened.connector(values, 300), null, now());

        assertThat(ids(run.orders())).isNotEmpty().isEqualTo(expectedIds(sandbox,
                order -> order.status().equals("processing") && order.storeId() == 2));
        assertThat(run.orders()).allSatisfy(order -> {
            assertThat(order.store().id()).isEqualTo("2");
            assertThat(order.store().code()).isEqualTo("de");
        });
        assertThat(sandbox.requestLog().entries()).filteredOn(request -> request.path().equals("/rest/V1/orders"))
                .allSatisfy(request -> assertThat(request.decodedQuery()).contains("[field]=store_id")
                        .contains("[value]=2"));
    }

    @Test
    void rejectsAnUnknownStoreViewCodeListingTheKnownOnes() {
        MagentoSandbox sandbox = opened.sandbox(3);
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "nl");

        assertThatThrownBy(() -> opened.connector(values, 300).planImport(new ImportRequest(null, now(), true)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessageContaining("nl")
                .hasMessageContaining("known codes: default, de, fr");
    }

    @Test
    void explainsTheAclResourceAStoreViewCodeNeeds() {
        MagentoSandbox sandbox = opened.sandbox(3);
        sandbox.grant(Magento2TestSupport.TOKEN, Set.of(Acl.ORDERS_VIEW, Acl.SHIP));
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "de");

        assertThatThrownBy(() -> opened.connector(values, 300).planImport(new ImportRequest(null, now(), true)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION))
                .hasMessageContaining("Magento_Backend::store")
                .hasMessageContaining("Store View Code");
    }

    @Test
    void mapsConfigurableBundleAndVirtualLinesFromTheStore() {
        MagentoSandbox sandbox = opened.sandbox(0);
        sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.CONFIGURABLE_CHILD, 2),
                NewOrder.Line.of(Catalog.BUNDLE_DYNAMIC_TOGETHER, 1), NewOrder.Line.of(Catalog.VIRTUAL, 1),
                NewOrder.Line.of(Catalog.DOWNLOADABLE, 1)).asInvoiced());
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());

        Order without = run(opened.connector(values, 300), null, now().plusSeconds(1)).orders().get(0);
        values.put(Magento2Platform.INCLUDE_BUNDLE_PARENT, true);
        Order with = run(opened.connector(values, 300), null, now().plusSeconds(1)).orders().get(0);

        assertThat(without.lines()).extracting(OrderLine::sku, OrderLine::kind, OrderLine::parentLineId,
                line -> line.quantityOrdered().intValue()).containsExactly(
                tuple("MH09-XS-Blue", LineKind.ITEM, null, 2),
                tuple("24-WG084", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("24-WG088", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("24-WG082-blue", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple("24-WG086", LineKind.BUNDLE_COMPONENT, null, 1),
                tuple(Catalog.VIRTUAL, LineKind.VIRTUAL, null, 1),
                tuple(Catalog.DOWNLOADABLE, LineKind.DOWNLOADABLE, null, 1));
        assertThat(without.lines().get(0).unitPrice()).isEqualByComparingTo("69");
        String bundleParentId = with.lines().get(1).lineId();
        assertThat(with.lines()).hasSize(8);
        assertThat(with.lines().get(1)).satisfies(parent -> {
            assertThat(parent.kind()).isEqualTo(LineKind.BUNDLE_PARENT);
            assertThat(parent.sku()).isEqualTo("24-WG080-24-WG084-24-WG088-24-WG082-blue-24-WG086");
        });
        assertThat(with.lines().subList(2, 6)).allSatisfy(component -> {
            assertThat(component.kind()).isEqualTo(LineKind.BUNDLE_COMPONENT);
            assertThat(component.parentLineId()).isEqualTo(bundleParentId);
        });
    }

    @Test
    void catchesAStatusChangeAndANewOrderThatHappenDuringARun() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 5);
        Instant runStart = now();

        Magento2TestSupport.PlanReader reader = new Magento2TestSupport.PlanReader(connector, null, runStart);
        OrderPage first = reader.next();
        long after = Long.parseLong(first.orders().get(first.orders().size() - 1).platformOrderId());
        long behind = sandbox.store().orders().stream()
                .filter(order -> order.entityId() < after && order.status().equals("pending"))
                .findFirst().orElseThrow().entityId();
        sandbox.store().setStatus(behind, "processing", "processing");
        long added = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)).asInvoiced())
                .entityId();
        List<Order> rest = orders(reader.rest());
        Run next = run(connector, reader.cursor(), now().plusSeconds(1));

        List<Long> seen = new ArrayList<>(ids(first.orders()));
        seen.addAll(ids(rest));
        seen.addAll(ids(next.orders()));
        assertThat(seen).contains(behind, added);
        assertThat(ids(next.orders())).contains(behind);
        assertThat(next.orders().size()).isLessThan(first.orders().size() + rest.size());
    }

    @Test
    void importsAnOrderThatReachesTheStatusLongAfterItWasPlaced() {
        MagentoSandbox sandbox = opened.sandbox(60);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 300);
        Run first = run(connector, null, now());
        long oldPending = sandbox.store().orders().stream().filter(order -> order.status().equals("pending"))
                .findFirst().orElseThrow().entityId();
        assertThat(ids(first.orders())).doesNotContain(oldPending);

        sandbox.store().setStatus(oldPending, "processing", "processing");
        Run second = run(connector, first.cursor(), now().plusSeconds(1));

        assertThat(ids(second.orders())).contains(oldPending);
        assertThat(sandbox.requestLog().entries()).last().satisfies(request -> assertThat(request.decodedQuery())
                .contains("[field]=updated_at").contains("[condition_type]=gteq"));
    }

    @Test
    void readsAgainAfterARunThatDidNotFinish() {
        MagentoSandbox sandbox = opened.sandbox(40);
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 4);
        Magento2TestSupport.PlanReader crashedRun = new Magento2TestSupport.PlanReader(connector, null, now());
        OrderPage crashed = crashedRun.next();
        assertThat(crashedRun.hasMore()).isTrue();

        Run restarted = run(connector, crashed.cursor(), now().plusSeconds(1));

        assertThat(ids(restarted.orders())).containsAll(ids(crashed.orders()));
    }

    static boolean isProbe(LoggedRequest request) {
        return request.decodedQuery().matches(".*searchCriteria\\[pageSize]=1(&.*)?$");
    }

    @Test
    void anInterruptedPageSkipsNoRangeWhenItIsAskedForAgain() throws Exception {
        MagentoSandbox sandbox = opened.sandbox(300);
        List<Long> expected = expectedIds(sandbox, order -> order.status().equals("processing"));
        Instant runStart = now();
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 8);
        // The plan's request and the first page go through; every page after them waits at the store until the test
        // lets it go.
        sandbox.faults().inject(Fault.hold().on("GET", "/V1/orders").afterMatches(2).times(1000));
        Magento2TestSupport.PlanReader reader = new Magento2TestSupport.PlanReader(connector, null, runStart);
        OrderPage first = reader.next();

        Magento2CancellationTest.Outcome interrupted = Magento2CancellationTest.interruptAfter(
                () -> sandbox.faults().held() > 0, reader::next);
        // The host is stopping the call: its own outcome, never a retriable network failure.
        interrupted.assertCancelled();

        sandbox.faults().clear();
        sandbox.faults().release();
        List<Long> seen = new ArrayList<>(ids(first.orders()));
        seen.addAll(ids(orders(reader.rest())));
        assertThat(seen).containsAll(expected);
    }

    @Test
    void aRunStoppedInTheMiddleResumesInANewProcessWithoutSkippingOrReadingTwice() {
        MagentoSandbox sandbox = opened.sandbox(300);
        List<Long> expected = expectedIds(sandbox, order -> order.status().equals("processing"));
        Instant runStart = now();
        Magento2Connector first = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 8);
        Magento2TestSupport.PlanReader stopped = new Magento2TestSupport.PlanReader(first, null, runStart);
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.addAll(ids(stopped.next().orders()));
        }
        assertThat(stopped.hasMore()).isTrue();
        first.close();

        // A new process: a fresh connector plans the rest of the same run from the last stored cursor.
        seen.addAll(ids(orders(new Magento2TestSupport.PlanReader(opened.connector(Magento2TestSupport.values(
                sandbox.baseUrl()), 8), new ImportRequest(stopped.cursor(), runStart, false)).rest())));

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aFailedPageIsRetriedFromTheLastCursorWithoutLosingOrders() {
        MagentoSandbox sandbox = opened.sandbox(300);
        List<Long> expected = expectedIds(sandbox, order -> order.status().equals("processing"));
        Instant runStart = now();
        Magento2Connector connector = opened.connector(Magento2TestSupport.values(sandbox.baseUrl()), 8);
        Magento2TestSupport.PlanReader reader = new Magento2TestSupport.PlanReader(connector, null, runStart);
        List<Long> seen = new ArrayList<>(ids(reader.next().orders()));
        sandbox.faults().inject(Fault.status(503).on("GET", "/V1/orders").times(1));

        int failures = 0;
        while (reader.hasMore()) {
            try {
                seen.addAll(ids(reader.next().orders()));
            } catch (ConnectorException e) {
                assertThat(e.isRetriable()).isTrue();
                failures++;
            }
            assertThat(failures).isLessThan(3);
        }

        assertThat(failures).isEqualTo(1);
        assertThat(Set.copyOf(seen)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Instant now() {
        return Instant.now();
    }

    private static List<Long> expectedIds(MagentoSandbox sandbox, Predicate<io.storelink.sandbox.Order> filter) {
        return sandbox.store().orders().stream().filter(filter).map(io.storelink.sandbox.Order::entityId)
                .sorted().collect(Collectors.toList());
    }


    /** A whole run from {@code cursor}: the plan and every page of it, read in plan order. */
    private static Run run(Magento2Connector connector, String cursor, Instant runStart) {
        Magento2TestSupport.PlanReader reader = new Magento2TestSupport.PlanReader(connector, cursor, runStart);
        List<OrderPage> pages = reader.rest();
        return new Run(reader.plan(), orders(pages), pages, reader.cursor());
    }

    private record Run(ImportPlan plan, List<Order> orders, List<OrderPage> pages, String cursor) {
    }

}
