package io.storelink.core.testing;

import java.nio.file.Path;

/**
 * Builds the archive of a test platform, {@code rogue}, whose connector misbehaves as its settings say, so the host's
 * guards are tested against a real drop-in plugin: {@code fetch-mode}, {@code ship-mode} and {@code close-mode}, each
 * {@code ok} by default.
 *
 * <p>fetch-mode: {@code ok} (one order, {@code R1}, with line {@code R1-1}, SKU {@code SKU-R1}, quantity 2),
 * {@code same-cursor} (more to come, with the cursor it was given), {@code cycle} (cursors a, b, a...),
 * {@code null} (no batch), {@code error} (an {@link AssertionError}), {@code error-second} (the first batch, then
 * a {@link StackOverflowError}), {@code bug} (an {@link IllegalStateException}), {@code hang} (sleeps ten minutes),
 * {@code rejected} (a non-retriable {@code REMOTE_REJECTED} failure), {@code newer-api} (uses a plugin API class
 * this host does not have).
 *
 * <p>ship-mode: {@code ok} (ships what was asked, line {@code R1-1}), {@code unknown-sku}, {@code too-many}
 * (reports 5 of a line ordered twice), {@code null}, {@code error}, {@code hang}.
 *
 * <p>close-mode: {@code ok}, {@code fail} (close throws an {@link IllegalStateException}).
 */
public final class RoguePlatform {

    private RoguePlatform() {
    }

    public static Path buildInto(Path plugins) {
        return PluginArchiveBuilder.plugin("rogue-plugin")
                .source("io.storelink.api.FutureApi", """
                        package io.storelink.api;

                        /** Stands for a part of a newer plugin API: the host shares io.storelink.api.* from its own. */
                        public final class FutureApi {
                            public static String hello() {
                                return "hello from API 9";
                            }
                        }
                        """)
                .source("test.rogue.RoguePlatform", """
                package test.rogue;

                import io.storelink.api.*;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.util.*;

                @org.pf4j.Extension
                public final class RoguePlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("rogue", "Rogue", "1.0.0", "Misbehaves on purpose.",
                                Set.of(Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
                                Form.of(Field.builder("token", "Token", FieldType.secret()).required().build()),
                                Form.of(Field.builder("fetch-mode", "Fetch mode", FieldType.text()).defaultValue("ok").build(),
                                        Field.builder("ship-mode", "Ship mode", FieldType.text()).defaultValue("ok").build(),
                                        Field.builder("close-mode", "Close mode", FieldType.text()).defaultValue("ok").build()));
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        String fetchMode = config.requireText("fetch-mode");
                        String shipMode = config.requireText("ship-mode");
                        String closeMode = config.requireText("close-mode");
                        return new StoreConnector() {
                            int calls;

                            public OrderBatch fetchOrders(ImportRequest request) {
                                calls++;
                                switch (fetchMode) {
                                    case "same-cursor":
                                        return new OrderBatch(List.of(order()), request.cursor() == null ? "c1" : request.cursor(),
                                                true, 10, 0);
                                    case "cycle":
                                        return new OrderBatch(List.of(), calls % 2 == 1 ? "a" : "b", true, 10, 0);
                                    case "null":
                                        return null;
                                    case "error":
                                        throw new AssertionError("rogue assertion");
                                    case "error-second":
                                        if (calls > 1) {
                                            throw new StackOverflowError("rogue recursion");
                                        }
                                        return new OrderBatch(List.of(order()), "1", true, 1, 0);
                                    case "bug":
                                        throw new IllegalStateException("rogue bug");
                                    case "hang":
                                        sleep();
                                        return new OrderBatch(List.of(), "x", false, 0, 0);
                                    case "rejected":
                                        throw new ConnectorException(ErrorKind.REMOTE_REJECTED, false, "the real failure");
                                    case "newer-api":
                                        return new OrderBatch(List.of(), FutureApi.hello(), false, 0, 0);
                                    default:
                                        return new OrderBatch(List.of(order()), "done", false, 0, 0);
                                }
                            }

                            public ShipmentResult notifyShipment(Shipment shipment) {
                                BigDecimal quantity = shipment.lines().isEmpty() ? new BigDecimal("2")
                                        : shipment.lines().get(0).quantity();
                                switch (shipMode) {
                                    case "unknown-sku":
                                        return new ShipmentResult("S1", List.of(new ShipmentResult.Shipped("R9-1", "NOPE", quantity)), false);
                                    case "too-many":
                                        return new ShipmentResult("S1", List.of(new ShipmentResult.Shipped("R1-1", "SKU-R1", new BigDecimal("5"))), false);
                                    case "null":
                                        return null;
                                    case "error":
                                        throw new OutOfMemoryError("rogue out of memory");
                                    case "hang":
                                        sleep();
                                        return null;
                                    default:
                                        return new ShipmentResult("S1", List.of(new ShipmentResult.Shipped("R1-1", "SKU-R1", quantity)), false);
                                }
                            }

                            public void close() {
                                if (closeMode.equals("fail")) {
                                    throw new IllegalStateException("rogue close failed");
                                }
                            }
                        };
                    }

                    static void sleep() {
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    static Order order() {
                        OrderLine line = new OrderLine("R1-1", "SKU-R1", "Product R1", new BigDecimal("2"),
                                new BigDecimal("2"), new BigDecimal("9.99"), LineKind.ITEM, null, Map.of());
                        return new Order("R1", "R-000001", Instant.parse("2026-11-01T10:00:00Z"), null, "processing", null,
                                new Totals("EUR", new BigDecimal("9.99"), new BigDecimal("9.99"), BigDecimal.ZERO,
                                        BigDecimal.ZERO, BigDecimal.ZERO),
                                new Customer("r1@example.com", "Ann", "Buyer", false),
                                new Address("Ann", "Buyer", null, List.of("1 Main St"), "Berlin", null, null, "10115",
                                        "DE", null, null),
                                null, null, List.of(line), Map.of());
                    }
                }
                """).buildInto(plugins);
    }
}
