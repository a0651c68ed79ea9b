package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON output prints money and quantities as plain decimals with the scale the store gave, never in exponent
 * form, and typed settings as JSON numbers and booleans. The order comes from a drop-in plugin whose amounts a
 * default BigDecimal or double path would print as {@code 1.1E+2}, {@code 1E-8} or without their trailing zeros.
 */
final class JsonOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @BeforeEach
    void importTheOrder() {
        PluginArchiveBuilder.plugin("decimals-plugin").source("test.decimals.DecimalsPlatform", """
                package test.decimals;

                import io.storelink.api.*;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.util.*;

                @org.pf4j.Extension
                public final class DecimalsPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("decimals", "Decimals", "1.0.0", "One order with odd amounts.",
                                Set.of(Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
                                Form.of(Field.builder("shop", "Shop", FieldType.text()).required().build()),
                                Form.of(Field.builder("delay", "Delay", FieldType.integer("minutes", 0L, null))
                                                .defaultValue("0").build(),
                                        Field.builder("bundles", "Bundles", FieldType.bool()).defaultValue("false").build()));
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        return new StoreConnector() {
                            public OrderBatch fetchOrders(ImportRequest request) {
                                List<OrderLine> lines = List.of(
                                        new OrderLine("1", "DEC-1", "Tens", new BigDecimal("2E+1"), new BigDecimal("2E+1"),
                                                new BigDecimal("5.50"), LineKind.ITEM, null, Map.of()),
                                        new OrderLine("2", "DEC-2", "Fractions", new BigDecimal("5.00"),
                                                new BigDecimal("5.00"), new BigDecimal("1E-7"), LineKind.ITEM, null, Map.of()));
                                Order order = new Order("1", "000000001", Instant.parse("2026-11-01T10:00:00Z"), null,
                                        "processing", null,
                                        new Totals("EUR", new BigDecimal("1.1E+2"), new BigDecimal("0.00000001"),
                                                new BigDecimal("110.0000"), BigDecimal.ZERO, new BigDecimal("-0.10")),
                                        new Customer("ann@example.com", "Ann", "Buyer", false), null, null, null, lines,
                                        Map.of());
                                return new OrderBatch(List.of(order), "1", false, 0, 0);
                            }

                            public ShipmentResult notifyShipment(Shipment shipment) {
                                throw new ConnectorException(ErrorKind.REMOTE_REJECTED, false, "the store refused it");
                            }

                            public void close() {
                            }
                        };
                    }
                }
                """).buildInto(plugins);
        CliRun add = run("connections", "add", "--name", "odd", "--platform", "decimals", "--set", "shop=s1",
                "--set", "delay=15");
        assertThat(add.exitCode()).as(add.err()).isZero();
        CliRun imported = run("orders", "import", "odd");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }

    @Test
    void orderOutputsPrintPlainDecimalsWithTheStoresScale() throws IOException {
        String show = run("orders", "show", "odd", "000000001", "--json").out();
        assertThat(show).contains("\"grandTotal\" : 110,", "\"subtotal\" : 0.00000001,", "\"shipping\" : 110.0000,",
                "\"tax\" : 0,", "\"discount\" : -0.10\n", "\"quantityOrdered\" : 20,", "\"unitPrice\" : 5.50,",
                "\"quantityToShip\" : 5.00,", "\"unitPrice\" : 0.0000001,").doesNotContain("E+", "E-");

        String list = run("orders", "list", "odd", "--json").out();
        assertThat(list).contains("\"grandTotal\" : 110,", "\"subtotal\" : 0.00000001,", "\"shipping\" : 110.0000,",
                "\"quantityOrdered\" : 20,", "\"unitPrice\" : 0.0000001,").doesNotContain("E+", "E-");

        String compact = "\"totals\":{\"currency\":\"EUR\",\"grandTotal\":110,\"subtotal\":0.00000001,"
                + "\"shipping\":110.0000,\"tax\":0,\"discount\":-0.10}";
        CliRun exported = run("orders", "export", "odd", "--format", "jsonl");
        assertThat(exported.out()).contains(compact).contains("\"quantityOrdered\":20,\"quantityToShip\":20,"
                + "\"unitPrice\":5.50,").doesNotContain("E+", "E-");
        Path file = home.resolve("odd.jsonl");
        assertThat(run("orders", "export", "odd", "--format", "jsonl", "--output", file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(exported.out());
    }

    @Test
    void shipmentOutputsPrintQuantitiesAsGiven() {
        CliRun notify = run("shipments", "notify", "odd", "--order", "000000001", "--carrier", "ups", "--tracking", "1Z1",
                "--line", "DEC-1=1E+1", "--line", "DEC-2=2.50");
        assertThat(notify.exitCode()).as(notify.out() + notify.err()).isEqualTo(1);

        String list = run("shipments", "list", "--json").out();
        assertThat(list).contains("\"quantity\" : 10\n", "\"quantity\" : 2.50\n").doesNotContain("E+");
        // States are the closed set's values, as the database holds them and the docs name them.
        assertThat(list).contains("\"state\" : \"failed\"").doesNotContain("\"FAILED\"");

        String status = run("status", "--json").out();
        assertThat(status).contains("\"quantity\" : 10\n", "\"quantity\" : 2.50\n").doesNotContain("E+");
    }

    @Test
    void settingsAreTypedAsThePlatformDeclaresThem() throws IOException {
        JsonNode odd = JSON.readTree(run("connections", "show", "odd", "--json").out()).get("settings");
        assertThat(odd.get("delay").isIntegralNumber()).as(odd.toString()).isTrue();
        assertThat(odd.get("delay").asLong()).isEqualTo(15);
        assertThat(odd.get("bundles").isBoolean()).as(odd.toString()).isTrue();
        assertThat(odd.get("bundles").asBoolean()).isFalse();
        assertThat(JSON.readTree(run("connections", "show", "odd", "--json").out()).get("credentials").get("shop")
                .asText()).isEqualTo("s1");
    }

    @Test
    void magentoSettingsAreTypedInConnectionsShow() {
        Path magento = CliRun.distribution().resolve("plugins");
        CliRun add = CliRun.run(home, magento, "", "connections", "add", "--name", "acme", "--platform", "magento2",
                "--set", "access-token=a1b2c3d4e5f6g7h8", "--set", "store-url=https://store.example.com",
                "--set", "import-delay=15");
        assertThat(add.exitCode()).as(add.err()).isZero();

        String show = CliRun.run(home, magento, "", "connections", "show", "acme", "--json").out();

        assertThat(show).contains("\"import-delay\" : 15,", "\"include-bundle-parent\" : false,",
                "\"compact-ship-notification\" : true", "\"order-import-status\" : \"processing\"",
                "\"access-token\" : \"a1b2…g7h8\"");
    }
}
