package io.storelink.core.testing;

import java.nio.file.Path;

/**
 * Builds the archive of a test platform, {@code scripted}, whose connector imports orders listed in a text file,
 * so engine tests run against a real drop-in plugin without a remote store.
 *
 * <p>The directory given as the {@code script-dir} credential holds {@code orders.txt} (one order id per line, each
 * becoming order {@code 0000<id>} with one line; {@code !<id>} is an order the connector reports as unreadable) and optionally {@code faults.txt} (lines {@code <call> retriable
 * <retry-after-seconds>} or {@code <call> permanent}, counting fetch calls of one connector from 1). Batches hold
 * two orders and each repeats the previous batch's last order, as an at-least-once connector may. The cursor is the
 * index of the next order. Each order has one line, {@code <id>-1}, SKU {@code SKU-<id>}, quantity 2.
 *
 * <p>Ship notifications are appended to {@code shipments.txt} ({@code <shipment id>|<order>|<tracking>|<attempt>}),
 * the idempotency key of every attempt to {@code ship-keys.txt};
 * {@code ship-faults.txt} holds lines {@code <call> permanent}, {@code <call> retriable},
 * {@code <call> commit-then-drop} (the shipment is recorded, then the call fails as a dropped connection would) or
 * {@code <call> hold} (the call waits until the test writes {@code ship-release.txt}, then succeeds).
 * While {@code fetch-hold.txt} exists, each fetch writes {@code fetch-held.txt} and waits until the test writes
 * {@code fetch-release.txt} (an interrupt ends it as cancelled).
 * An attempt above 1 looks for its tracking number in the log first, as a real connector must.
 */
public final class ScriptedPlatform {

    private ScriptedPlatform() {
    }

    public static Path buildInto(Path plugins) {
        return PluginArchiveBuilder.plugin("scripted-plugin").source("test.scripted.ScriptedPlatform", """
                package test.scripted;

                import io.storelink.api.*;
                import java.math.BigDecimal;
                import java.nio.file.*;
                import java.nio.file.StandardOpenOption;
                import java.time.Instant;
                import java.util.*;

                @org.pf4j.Extension
                public final class ScriptedPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("scripted", "Scripted", "1.0.0", "Orders from a text file.",
                                Set.of(Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
                                Form.of(Field.builder("script-dir", "Script directory", FieldType.text()).required().build(),
                                        Field.builder("token", "Token", FieldType.secret()).required().build()),
                                Form.of());
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        Path dir = Path.of(config.requireText("script-dir"));
                        config.requireSecret("token");
                        return new StoreConnector() {
                            int calls;

                            public OrderBatch fetchOrders(ImportRequest request) {
                                calls++;
                                try {
                                    if (Files.exists(dir.resolve("fetch-hold.txt"))) {
                                        // Waits until the test writes fetch-release.txt (30 s at most).
                                        Files.writeString(dir.resolve("fetch-held.txt"), "held");
                                        Path release = dir.resolve("fetch-release.txt");
                                        for (int waited = 0; waited < 3000 && !Files.exists(release); waited++) {
                                            try {
                                                Thread.sleep(10);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                                throw new ConnectorException(ErrorKind.CANCELLED, false,
                                                        "The fetch was interrupted");
                                            }
                                        }
                                    }
                                    Path faults = dir.resolve("faults.txt");
                                    if (Files.exists(faults)) {
                                        for (String line : Files.readAllLines(faults)) {
                                            String[] parts = line.trim().split(" ");
                                            if (parts.length >= 2 && Integer.parseInt(parts[0]) == calls) {
                                                if (parts[1].equals("permanent")) {
                                                    throw new ConnectorException(ErrorKind.AUTHENTICATION, false,
                                                            "The store refused the token on call " + calls);
                                                }
                                                throw new ConnectorException(ErrorKind.REMOTE_UNAVAILABLE, true,
                                                        "The store answered 503 on call " + calls, null,
                                                        java.time.Duration.ofSeconds(Long.parseLong(parts[2])));
                                            }
                                        }
                                    }
                                    List<String> ids = Files.readAllLines(dir.resolve("orders.txt")).stream()
                                            .map(String::trim).filter(s -> !s.isEmpty()).toList();
                                    int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
                                    int start = Math.max(0, from - 1);
                                    int end = Math.min(ids.size(), from + 2);
                                    List<Order> orders = new ArrayList<>();
                                    List<OrderBatch.Failure> failed = new ArrayList<>();
                                    for (String id : ids.subList(start, end)) {
                                        if (id.startsWith("!")) {
                                            failed.add(new OrderBatch.Failure(id.substring(1), "unreadable order"));
                                        } else {
                                            orders.add(order(id));
                                        }
                                    }
                                    return new OrderBatch(orders, Integer.toString(end), end < ids.size(),
                                            ids.size() - end, request.firstBatchOfRun() ? 1 : -1, failed);
                                } catch (java.io.IOException e) {
                                    throw new ConnectorException(ErrorKind.CONFIGURATION, false, e.toString());
                                }
                            }

                            int shipCalls;

                            public synchronized ShipmentResult notifyShipment(Shipment shipment) {
                                shipCalls++;
                                try {
                                    Path log = dir.resolve("shipments.txt");
                                    Files.writeString(dir.resolve("ship-keys.txt"), shipment.idempotencyKey() + "\\n",
                                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                                    String track = shipment.tracking().get(0).number();
                                    if (shipment.attempt() > 1 && Files.exists(log)) {
                                        for (String line : Files.readAllLines(log)) {
                                            if (line.contains("|" + track + "|")) {
                                                return new ShipmentResult(line.split("\\\\|")[0], shipped(shipment), true);
                                            }
                                        }
                                    }
                                    String fault = fault("ship-faults.txt", shipCalls);
                                    if ("hold".equals(fault)) {
                                        // Waits until the test writes ship-release.txt (30 s at most).
                                        Path release = dir.resolve("ship-release.txt");
                                        for (int waited = 0; waited < 3000 && !Files.exists(release); waited++) {
                                            try {
                                                Thread.sleep(10);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                                break;
                                            }
                                        }
                                    }
                                    if ("permanent".equals(fault)) {
                                        throw new ConnectorException(ErrorKind.REMOTE_REJECTED, false,
                                                "Order " + shipment.orderLabel() + ": the store refused the shipment");
                                    }
                                    if ("retriable".equals(fault)) {
                                        throw new ConnectorException(ErrorKind.REMOTE_UNAVAILABLE, true, "503 from the store");
                                    }
                                    String id = Integer.toString(Files.exists(log) ? Files.readAllLines(log).size() + 1 : 1);
                                    Files.writeString(log, id + "|" + shipment.orderLabel() + "|" + track + "|"
                                            + shipment.attempt() + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                                    if ("commit-then-drop".equals(fault)) {
                                        throw new ConnectorException(ErrorKind.REMOTE_UNAVAILABLE, true,
                                                "connection dropped after the request was sent");
                                    }
                                    return new ShipmentResult(id, shipped(shipment), false);
                                } catch (java.io.IOException e) {
                                    throw new ConnectorException(ErrorKind.CONFIGURATION, false, e.toString());
                                }
                            }

                            private List<ShipmentResult.Shipped> shipped(Shipment shipment) {
                                String id = shipment.orderNumber().replaceFirst("^0+", "");
                                BigDecimal quantity = shipment.lines().isEmpty() ? new BigDecimal("2")
                                        : shipment.lines().get(0).quantity();
                                return List.of(new ShipmentResult.Shipped(id + "-1", "SKU-" + id, quantity));
                            }

                            private String fault(String file, int call) throws java.io.IOException {
                                Path faults = dir.resolve(file);
                                if (!Files.exists(faults)) {
                                    return null;
                                }
                                for (String line : Files.readAllLines(faults)) {
                                    String[] parts = line.trim().split(" ");
                                    if (parts.length == 2 && Integer.parseInt(parts[0]) == call) {
                                        return parts[1];
                                    }
                                }
                                return null;
                            }

                            public void close() {
                            }
                        };
                    }

                    static Order order(String id) {
                        OrderLine line = new OrderLine(id + "-1", "SKU-" + id, "Product " + id, new BigDecimal("2"),
                                new BigDecimal("2"), new BigDecimal("9.99"), LineKind.ITEM, null, Map.of());
                        return new Order(id, "0000" + id, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(Long.parseLong(id)),
                                null, "processing", null,
                                new Totals("EUR", new BigDecimal("9.99"), new BigDecimal("9.99"), BigDecimal.ZERO,
                                        BigDecimal.ZERO, BigDecimal.ZERO),
                                new Customer("c" + id + "@example.com", "Ann", "Buyer", false),
                                new Address("Ann", "Buyer", null, List.of("1 Main St"), "Berlin", null, null, "10115",
                                        "DE", null, null),
                                null, null, List.of(line), Map.of());
                    }
                }
                """).buildInto(plugins);
    }
}
