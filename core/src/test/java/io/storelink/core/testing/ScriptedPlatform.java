package io.storelink.core.testing;

import java.nio.file.Path;

/**
 * Builds the archive of a test platform, {@code scripted}, whose connector imports orders listed in a text file,
 * so engine tests run against a real drop-in plugin without a remote store.
 *
 * <p>The directory given as the {@code script-dir} credential holds {@code orders.txt} (one order id per line, each
 * becoming order {@code 0000<id>} with one line) and optionally {@code faults.txt} (lines {@code <call> retriable
 * <retry-after-seconds>} or {@code <call> permanent}, counting fetch calls of one connector from 1). Batches hold
 * two orders and each repeats the previous batch's last order, as an at-least-once connector may. The cursor is the
 * index of the next order.
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
                import java.time.Instant;
                import java.util.*;

                @org.pf4j.Extension
                public final class ScriptedPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("scripted", "Scripted", "1.0.0", "Orders from a text file.",
                                Set.of(Capability.IMPORT_ORDERS),
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
                                    for (String id : ids.subList(start, end)) {
                                        orders.add(order(id));
                                    }
                                    return new OrderBatch(orders, Integer.toString(end), end < ids.size(),
                                            ids.size() - end, request.firstBatchOfRun() ? 1 : -1);
                                } catch (java.io.IOException e) {
                                    throw new ConnectorException(ErrorKind.CONFIGURATION, false, e.toString());
                                }
                            }

                            public void close() {
                            }
                        };
                    }

                    static Order order(String id) {
                        OrderLine line = new OrderLine(id + "-1", "SKU-" + id, "Product " + id, BigDecimal.ONE,
                                BigDecimal.ONE, new BigDecimal("9.99"), LineKind.ITEM, null, Map.of());
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
