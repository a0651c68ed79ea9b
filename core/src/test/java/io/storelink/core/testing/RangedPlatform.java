package io.storelink.core.testing;

import java.nio.file.Path;

/**
 * Builds the archive of a test platform, {@code ranged}, whose connector implements {@code RangedImport} (API 1.2),
 * so the host's ranged import runs against a real drop-in plugin without a remote store.
 *
 * <p>The store has {@code R} ranges of {@code P} pages of two orders each ({@code shape.txt} in the directory given
 * as the {@code script-dir} setting holds {@code R P}; 5 3 without it). Page {@code p} of range {@code r} holds
 * orders {@code 1 + 100 r + 10 p} and {@code 2 + 100 r + 10 p}. Range tokens are {@code <range>:<first page>}, page
 * tokens {@code page-<p>}. The cursor stored with a page is {@code <range>:<next page>}, or
 * {@code <range + 1>:0} after a range's last page; the plan reads it and plans only what follows it, and a cursor
 * past the last range plans one empty range.
 *
 * <p>What the connector did is written to the directory: {@code calls.txt} ({@code plan <cursor>} and
 * {@code page <range>:<page>}, one line per call, attempts included) and {@code max-concurrent.txt} (the most
 * {@code fetchPage} calls that were running at once). Files in the directory change what it does:
 * {@code flaky} (the first ask for every page whose range plus page number is odd fails with
 * {@code REMOTE_UNAVAILABLE}), {@code broken} (range 3's first page fails with {@code AUTHENTICATION}, once range 4's
 * second page has been asked for), {@code repeat-token} (range 1's second page returns its own token as the next),
 * {@code null-plan} (the plan is {@code null}), {@code slow} (every page takes 300 ms instead of 20 ms) and
 * {@code gated} (the connector says its requests go through the context's request gate, and each page's first 20 ms,
 * its "request", hold a slot of the gate while a further 20 ms, its "parsing", do not; {@code max-in-gate.txt} holds
 * the most pages that were in the gate at once).
 */
public final class RangedPlatform {

    private RangedPlatform() {
    }

    public static Path buildInto(Path plugins) {
        return PluginArchiveBuilder.plugin("ranged-plugin").requires(">=1.2.0 & <2.0.0")
                .source("test.ranged.RangedPlatform", """
                package test.ranged;

                import io.storelink.api.*;
                import java.io.IOException;
                import java.math.BigDecimal;
                import java.nio.file.*;
                import java.time.Instant;
                import java.util.*;
                import java.util.concurrent.atomic.AtomicInteger;

                @org.pf4j.Extension
                public final class RangedPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("ranged", "Ranged", "1.0.0", "Orders in planned ranges.",
                                Set.of(Capability.IMPORT_ORDERS),
                                Form.of(Field.builder("script-dir", "Script directory", FieldType.text()).required().build()),
                                Form.of());
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        return new Connector(Path.of(config.requireText("script-dir")), context.requestGate());
                    }

                    static final class Connector implements StoreConnector, RangedImport {
                        final Path dir;
                        final int ranges;
                        final int pages;
                        final AtomicInteger running = new AtomicInteger();
                        final AtomicInteger most = new AtomicInteger();
                        final AtomicInteger inGate = new AtomicInteger();
                        final AtomicInteger mostInGate = new AtomicInteger();
                        final RequestGate gate;
                        final Set<String> asked = Collections.synchronizedSet(new HashSet<>());
                        volatile boolean range4Continued;

                        Connector(Path dir, RequestGate gate) {
                            this.dir = dir;
                            this.gate = gate;
                            String[] shape = read("shape.txt", "5 3").trim().split(" ");
                            this.ranges = Integer.parseInt(shape[0]);
                            this.pages = Integer.parseInt(shape[1]);
                        }

                        public ImportPlan planImport(ImportRequest request) {
                            log("plan " + request.cursor());
                            if (Files.exists(dir.resolve("null-plan"))) {
                                return null;
                            }
                            String[] at = (request.cursor() == null ? "0:0" : request.cursor()).split(":");
                            int range = Integer.parseInt(at[0]);
                            int page = Integer.parseInt(at[1]);
                            if (range >= ranges) {
                                return ImportPlan.single(ImportRange.of(range + ":0")).expecting(0);
                            }
                            List<ImportRange> planned = new ArrayList<>();
                            for (int r = range; r < ranges; r++) {
                                planned.add(ImportRange.of(r + ":" + (r == range ? page : 0)));
                            }
                            return ImportPlan.of(planned).expecting(2L * ((ranges - range) * pages - page)).holdingBack(7);
                        }

                        public OrderPage fetchPage(PageRequest request) {
                            int now = running.incrementAndGet();
                            try {
                                synchronized (this) {
                                    if (now > most.get()) {
                                        most.set(now);
                                        write("max-concurrent.txt", Integer.toString(now));
                                    }
                                }
                                String[] token = request.range().token().split(":");
                                int range = Integer.parseInt(token[0]);
                                int page = request.pageToken() == null ? Integer.parseInt(token[1])
                                        : Integer.parseInt(request.pageToken().substring("page-".length()));
                                log("page " + range + ":" + page);
                                if (range == 4 && page == 1) {
                                    range4Continued = true;
                                }
                                if (Files.exists(dir.resolve("flaky")) && (range + page) % 2 == 1
                                        && asked.add(range + ":" + page)) {
                                    throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE,
                                            "503 for page " + page + " of range " + range);
                                }
                                if (Files.exists(dir.resolve("broken")) && range == 3) {
                                    for (int waited = 0; waited < 1000 && !range4Continued; waited++) {
                                        pause(10);
                                    }
                                    throw ConnectorException.of(ErrorKind.AUTHENTICATION,
                                            "The store refused the token for range 3");
                                }
                                if (Files.exists(dir.resolve("gated"))) {
                                    try (RequestGate.Permit slot = gate.enter()) {
                                        int sending = inGate.incrementAndGet();
                                        synchronized (this) {
                                            if (sending > mostInGate.get()) {
                                                mostInGate.set(sending);
                                                write("max-in-gate.txt", Integer.toString(sending));
                                            }
                                        }
                                        pause(20);
                                        inGate.decrementAndGet();
                                    }
                                }
                                pause(Files.exists(dir.resolve("slow")) ? 300 : 20);
                                if (range >= ranges) {
                                    return OrderPage.last(List.of(), request.cursor());
                                }
                                List<Order> orders = List.of(order(1 + 100 * range + 10 * page),
                                        order(2 + 100 * range + 10 * page));
                                if (Files.exists(dir.resolve("repeat-token")) && range == 1 && page == 1) {
                                    return OrderPage.more(orders, request.pageToken(), range + ":2");
                                }
                                if (page + 1 < pages) {
                                    return OrderPage.more(orders, "page-" + (page + 1), range + ":" + (page + 1))
                                            .withRemaining(2L * (pages - page - 1));
                                }
                                return OrderPage.last(orders, (range + 1) + ":0");
                            } finally {
                                running.decrementAndGet();
                            }
                        }

                        public OrderBatch fetchOrders(ImportRequest request) {
                            throw new IllegalStateException("a ranged connector is never asked for batches");
                        }

                        public boolean requestsThroughGate() {
                            return Files.exists(dir.resolve("gated"));
                        }

                        public void close() {
                        }

                        static void pause(long millis) {
                            try {
                                Thread.sleep(millis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw ConnectorException.of(ErrorKind.CANCELLED, "interrupted");
                            }
                        }

                        static Order order(int id) {
                            return Order.builder(Integer.toString(id), "R" + id, Instant.parse("2026-11-01T10:00:00Z"))
                                    .status("processing")
                                    .totals(new Totals("EUR", BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO,
                                            BigDecimal.ZERO, BigDecimal.ZERO))
                                    .customer(new Customer("c" + id + "@example.com", "Ann", "Buyer", false))
                                    .line(OrderLine.builder(id + "-1", "SKU-" + id, BigDecimal.ONE).build())
                                    .build();
                        }

                        synchronized void log(String line) {
                            try {
                                Files.writeString(dir.resolve("calls.txt"), line + "\\n", StandardOpenOption.CREATE,
                                        StandardOpenOption.APPEND);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        void write(String file, String text) {
                            try {
                                Files.writeString(dir.resolve(file), text);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        String read(String file, String otherwise) {
                            try {
                                return Files.exists(dir.resolve(file)) ? Files.readString(dir.resolve(file)) : otherwise;
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }
                }
                """).buildInto(plugins);
    }
}
