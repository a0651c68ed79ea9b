package io.storelink.magento2;

import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderPage;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;
import io.storelink.sandbox.OrderCorruptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a store sends is read strictly: an order with a missing or wrong-typed field the canonical order needs comes
 * back in the batch's {@code failed}, naming the field and what was found, and every other order is imported as if
 * nothing had happened. Each case breaks one field of an order of its own, through a real import against the sandbox.
 */
final class Magento2UnreadableOrdersTest {

    private MagentoSandbox sandbox;
    /** The expected failure reason by the failure's order id: the entity_id, or the number where that is unreadable. */
    private final Map<String, String> expectedFailures = new LinkedHashMap<>();

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(11).orderCount(60).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void reportsEachUnreadableOrderByTheFieldAndImportsEveryOtherOrderAsUsual() {
        // Before: imported with no lines.
        unreadable((c, id) -> c.remove(id, "items"), "items is missing, expected an array of lines");
        unreadable((c, id) -> c.replace(id, "items", "{}"), "items is an object, expected an array of lines");
        unreadable((c, id) -> c.replace(id, "items[0]", "null"), "items[0] is null, expected a line object");
        // Before: the line was dropped.
        unreadable((c, id) -> c.remove(id, "items[0].item_id"),
                "items[0].item_id is missing, expected the line's id (a whole number)");
        // Before: a line with an empty SKU.
        unreadable((c, id) -> c.remove(id, "items[0].sku"),
                "items[0].sku is missing, expected the SKU of the product to ship");
        // Before: quantity 0.
        unreadable((c, id) -> c.replace(id, "items[0].qty_ordered", "\"abc\""),
                "items[0].qty_ordered is \"abc\", expected a number");
        unreadable((c, id) -> c.replace(id, "items[0].qty_ordered", "{\"value\": 2}"),
                "items[0].qty_ordered is an object, expected a number");
        // Before: total 0.
        unreadable((c, id) -> c.replace(id, "grand_total", "{\"value\": 1}"),
                "grand_total is an object, expected a number");
        unreadable((c, id) -> c.remove(id, "grand_total"), "grand_total is missing, expected a number");
        unreadable((c, id) -> c.replace(id, "subtotal", "\"n/a\""), "subtotal is \"n/a\", expected a number");
        unreadable((c, id) -> {
            c.remove(id, "order_currency_code");
            c.remove(id, "base_currency_code");
        }, "order_currency_code is missing, expected a currency code such as USD");
        // Before: the entity_id became the order number.
        long noNumber = unreadable((c, id) -> c.remove(id, "increment_id"), null);
        expectedFailures.put(Long.toString(noNumber), "order with entity_id " + noNumber
                + ": increment_id is missing, expected the order number (text such as 000000123)");
        long noId = unreadable((c, id) -> c.replace(id, "entity_id", "\"abc\""), null);
        String number = sandbox.store().order(noId).incrementId();
        expectedFailures.put(number, "order " + number + ": entity_id is \"abc\", expected a number");
        Set<Long> broken = sandbox.orderCorruptions().active().stream().map(OrderCorruptions.Corruption::entityId)
                .collect(Collectors.toSet());
        Instant runStart = Instant.now();

        Run run = run(runStart);

        assertThat(run.failures()).containsExactlyInAnyOrderEntriesOf(expectedFailures);
        assertThat(run.last().hasMore()).as("the import went on to the end").isFalse();
        sandbox.orderCorruptions().clear();
        Map<String, Order> clean = run(runStart).orders();
        assertThat(run.orders().keySet()).as("every other order")
                .containsExactlyInAnyOrderElementsOf(clean.keySet().stream()
                        .filter(id -> !broken.contains(Long.parseLong(id))).toList());
        run.orders().forEach((id, order) -> assertThat(order).as("order %s as a clean import reads it", id)
                .isEqualTo(clean.get(id)));
    }

    @Test
    void readsNumbersAndIdsSentAsStringsAndAnOrderWithOnlyVirtualLines() {
        long stringId = order();
        sandbox.orderCorruptions().replace(stringId, "entity_id", "\"" + stringId + "\"");
        sandbox.orderCorruptions().replace(stringId, "grand_total", "\"30.0000\"");
        sandbox.orderCorruptions().replace(stringId, "items[0].qty_ordered", "\"2.0000\"");
        sandbox.orderCorruptions().replace(stringId, "items[0].item_id", "\"9001\"");
        long virtual = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.VIRTUAL, 1)).asInvoiced())
                .entityId();

        Run run = run(Instant.now());

        assertThat(run.failures()).isEmpty();
        assertThat(run.orders().get(Long.toString(stringId))).satisfies(order -> {
            assertThat(order.totals().grandTotal()).isEqualByComparingTo("30");
            assertThat(order.lines()).singleElement().satisfies(line -> {
                assertThat(line.lineId()).isEqualTo("9001");
                assertThat(line.quantityOrdered()).isEqualTo(new BigDecimal("2"));
                assertThat(line.sku()).isEqualTo(Catalog.SIMPLE);
            });
        });
        assertThat(run.orders().get(Long.toString(virtual)).lines()).singleElement()
                .satisfies(line -> {
                    assertThat(line.kind()).isEqualTo(LineKind.VIRTUAL);
                    assertThat(line.quantityToShip()).isEqualByComparingTo("0");
                });
    }

    /**
     * Adds an order of its own and breaks it; {@code reason} is the expected failure after {@code order <number>: }.
     *
     * @return the order's entity_id
     */
    private long unreadable(BiConsumer<OrderCorruptions, Long> corrupt, String reason) {
        long id = order();
        corrupt.accept(sandbox.orderCorruptions(), id);
        if (reason != null) {
            expectedFailures.put(Long.toString(id), "order " + sandbox.store().order(id).incrementId() + ": " + reason);
        }
        return id;
    }

    /** A processing order with one simple line of 2, so its items[0] is a line that ships. */
    private long order() {
        return sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 2)).asInvoiced()).entityId();
    }

    /** A whole first run, 7 orders a page, so the broken orders fall on several pages of several ranges. */
    private Run run(Instant runStart) {
        Map<String, Order> orders = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<OrderPage> pages;
        try (Magento2Connector connector = new Magento2Connector(
                Magento2TestSupport.config(sandbox.baseUrl()).withPageSize(7), Magento2TestSupport.context())) {
            pages = new Magento2TestSupport.PlanReader(connector, null, runStart).rest();
        }
        for (OrderPage page : pages) {
            page.orders().forEach(order -> orders.put(order.platformOrderId(), order));
            page.failed().forEach(failure -> failures.put(failure.platformOrderId(), failure.reason()));
        }
        return new Run(orders, failures, pages.get(pages.size() - 1));
    }

    private record Run(Map<String, Order> orders, Map<String, String> failures, OrderPage last) {
    }
}
