package io.storelink.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildersTest {

    private static final Totals TOTALS = new Totals("EUR", BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO);

    @Test
    void orderBuilderPutsEveryPartWhereTheRecordHasIt() {
        Address to = Address.builder().name("Ada", "Lovelace").company("Analytical").street("1 Main St", " ", null)
                .street(List.of("Floor 2")).city("London").region("Greater London", "LDN").postcode("N1")
                .countryCode("GB").phone("+44").email("ada@example.com").build();
        Order order = Order.builder("17", "000000017", Instant.parse("2026-01-01T00:00:00Z"))
                .status("processing").totals(TOTALS).customer(new Customer("ada@example.com", "Ada", "L", false))
                .shippingAddress(to).shippingMethod("flatrate_flatrate", "Flat Rate")
                .line(OrderLine.builder("1", "SKU-1", new BigDecimal("2")).name("Thing").build())
                .attribute("acme.channel", "web").attribute("acme.none", null)
                .build();

        assertThat(order.shippingAddress()).isEqualTo(new Address("Ada", "Lovelace", "Analytical",
                List.of("1 Main St", "Floor 2"), "London", "Greater London", "LDN", "N1", "GB", "+44",
                "ada@example.com"));
        assertThat(order.shippingMethod()).isEqualTo(new Order.ShippingMethod("flatrate_flatrate", "Flat Rate"));
        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.quantityToShip()).isEqualByComparingTo("2");
            assertThat(line.kind()).isEqualTo(LineKind.ITEM);
            assertThat(line.unitPrice()).isEqualByComparingTo("0");
        });
        assertThat(order.attributes()).containsExactly(java.util.Map.entry("acme.channel", "web"));
    }

    @Test
    void orderBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> Order.builder("17", "17", Instant.EPOCH).totals(TOTALS)
                .customer(new Customer(null, null, null, true)).build())
                .isInstanceOf(NullPointerException.class).hasMessage("status is null");
    }

    @Test
    void aFailedStepMustSayWhatToDo() {
        assertThat(ConnectionCheck.Step.passed("acme.reach", "Reach", "200").outcome())
                .isEqualTo(ConnectionCheck.Outcome.PASSED);
        assertThatThrownBy(() -> ConnectionCheck.Step.failed("acme.token", "Token", "401", " "))
                .hasMessageContaining("acme.token");
    }

    @Test
    void plansAndPagesRefuseWhatTheHostCouldNotRun() {
        assertThatThrownBy(() -> ImportPlan.of(List.of())).hasMessageContaining("1 to 100000 ranges, not 0");
        assertThatThrownBy(() -> ImportRange.of("")).hasMessageContaining("not 0");
        assertThat(OrderPage.more(List.of(), "p2", "c").hasMore()).isTrue();
        assertThat(OrderPage.last(List.of(), "c").hasMore()).isFalse();
        assertThat(ImportPlan.single(ImportRange.ALL).expecting(5).holdingBack(2))
                .isEqualTo(new ImportPlan(List.of(ImportRange.ALL), 5, 2));
    }

    @Test
    void pluginInfoOutsideAHostFallsBackToAnUnknownVersion() {
        assertThat(PluginInfo.of(BuildersTest.class).version()).isEqualTo(PluginInfo.UNKNOWN_VERSION);
    }
}
