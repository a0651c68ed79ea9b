package io.storelink.woocommerce;

import io.storelink.api.Capability;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.PlatformDescriptor;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The descriptor, the configuration checks and the connection test. */
final class WooPlatformTest {

    @Test
    void describesTheCredentialsAndSettingsWithValidDefaults() {
        PlatformDescriptor descriptor = new WooCommercePlatform().descriptor();

        assertThat(descriptor.id()).isEqualTo("woocommerce");
        assertThat(descriptor.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(descriptor.credentials().fields()).extracting(Field::key)
                .containsExactly("store-url", "consumer-key", "consumer-secret");
        assertThat(descriptor.credentials().field("consumer-key").orElseThrow().isSecret()).isTrue();
        assertThat(descriptor.credentials().field("consumer-secret").orElseThrow().isSecret()).isTrue();
        assertThat(descriptor.settings().field("order-import-status").orElseThrow())
                .satisfies(field -> {
                    assertThat(field.type().kind()).isEqualTo(FieldKind.SUGGESTED_TEXT);
                    assertThat(field.defaultValue()).isEqualTo("processing");
                });
        assertThat(descriptor.settings().field("shipped-status").orElseThrow().defaultValue()).isEqualTo("completed");
    }

    @Test
    void refusesPlainHttpToAnotherHostWithoutNamingTheSecret() {
        assertThatThrownBy(() -> WooConfig.from(WooStandIn.config(URI.create("http://shop.example.com"),
                WooStandIn.KEY, WooStandIn.SECRET)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("store-url").contains("http://shop.example.com")
                            .contains("https").doesNotContain(WooStandIn.SECRET);
                });
        assertThatThrownBy(() -> WooConfig.from(WooStandIn.config(URI.create("https://shop.example.com"),
                WooStandIn.KEY, "cs_bad\nX-Evil: 1")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
                        .contains("consumer-secret").contains("control character").doesNotContain("cs_bad"));
    }

    @Test
    void connectionTestPassesEveryStepAgainstTheStandIn() {
        try (WooStandIn store = new WooStandIn()) {
            store.serveOrders(WooStandIn.orders(1, 3), List.of());
            try (WooConnector connector = store.connect()) {
                ConnectionCheck check = connector.check();

                assertThat(check.passed()).isTrue();
                assertThat(check.steps()).extracting(ConnectionCheck.Step::code).containsExactly(
                        "woocommerce.site-reachable", "woocommerce.api-found", "woocommerce.keys-accepted",
                        "woocommerce.orders-readable");
            }
        }
    }

    @Test
    void connectionTestFailsAtTheKeysWithARemedyAndSkipsTheRest() {
        try (WooStandIn store = new WooStandIn();
             WooConnector connector = new WooConnector(WooConfig.from(WooStandIn.config(store.url(),
                     WooStandIn.KEY, "cs_not_the_one")), WooStandIn.context(1 << 20))) {
            ConnectionCheck check = connector.check();

            assertThat(check.steps()).extracting(ConnectionCheck.Step::outcome).containsExactly(
                    ConnectionCheck.Outcome.PASSED, ConnectionCheck.Outcome.PASSED, ConnectionCheck.Outcome.FAILED,
                    ConnectionCheck.Outcome.SKIPPED);
            assertThat(check.steps().get(2).detail()).contains("HTTP 401").doesNotContain("cs_not_the_one");
            assertThat(check.steps().get(2).remedy()).contains("REST API").contains("Read/Write");
        }
    }

    @Test
    void aConnectionTestStoppedByTheHostThrowsCancelledInsteadOfReportingAFailedStep() {
        try (WooStandIn store = new WooStandIn(); WooConnector connector = store.connect()) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(connector::check).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
            }
        }
    }
}
