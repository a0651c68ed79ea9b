package io.storelink.core.order;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.testing.PluginArchiveBuilder;
import io.storelink.core.testing.RangedPlatform;
import io.storelink.core.testing.ScriptedHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The host side of plugin API 1.2's ranged import, against the {@link RangedPlatform} archive loaded from a plugins
 * directory and a real database: plan once, pages of different ranges in parallel up to
 * {@code storelink.import.concurrency}, stored in plan order with their cursors, one page retried rather than the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RangedImportTest {

    private static final String WHO = "Plugin ranged-plugin 1.0.0 (connection ranged-shop)";

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private ScriptedHost host;

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private ScriptedHost host(int concurrency) {
        RangedPlatform.buildInto(plugins);
        host = new ScriptedHost(home, plugins, script, 4, PluginCallLimits.DEFAULTS, concurrency);
        assertThat(host.plugins.problems()).isEmpty();
        host.connections.add("ranged-shop", "ranged", Map.of("script-dir", script.toString()));
        return host;
    }

    private ImportRun importOrders() {
        return importOrders(ImportListener.NONE);
    }

    private ImportRun importOrders(ImportListener listener) {
        return host.imports.importOrders("ranged-shop", listener);
    }

    /** @return the ids of the orders of these ranges (of 3 pages), in plan order */
    private static List<String> idsOfRanges(int from, int to) {
        return IntStream.range(from, to).boxed().flatMap(range -> IntStream.range(0, 3).boxed()
                .flatMap(page -> IntStream.rangeClosed(1, 2).mapToObj(n -> Integer.toString(n + 100 * range + 10 * page))))
                .toList();
    }

    /** @return the imported orders' ids, in the order they were stored */
    private List<String> storedIds() {
        return host.database.inTransaction(sql -> {
            try (var select = sql.prepareStatement("SELECT platform_order_id FROM imported_order ORDER BY id");
                 var rows = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        });
    }

    private String cursor() {
        return host.orderRepository.cursor(host.connections.get("ranged-shop")).orElse(null);
    }

    private List<String> calls() throws IOException {
        Path calls = script.resolve("calls.txt");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void importsEveryOrderOnceInPlanOrderAndARerunFromTheStoredCursorImportsNothingNew() throws IOException {
        host(2);
        List<String> progress = new ArrayList<>();

        ImportRun run = importOrders(new ImportListener() {
            @Override
            public void progress(long done, long total) {
                progress.add(done + "/" + total);
            }
        });

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(storedIds()).containsExactlyElementsOf(idsOfRanges(0, 5));
        assertThat(run.found()).isEqualTo(30);
        assertThat(run.imported()).isEqualTo(30);
        assertThat(run.heldBack()).isEqualTo(7);
        assertThat(progress).hasSize(15).startsWith("2/30").endsWith("30/30");
        assertThat(cursor()).isEqualTo("5:0");
        assertThat(calls()).filteredOn(call -> call.startsWith("plan")).containsExactly("plan null");
        assertThat(calls()).filteredOn(call -> call.startsWith("page")).hasSize(15).doesNotHaveDuplicates();

        ImportRun rerun = importOrders();

        assertThat(rerun.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(rerun.found()).isZero();
        assertThat(storedIds()).hasSize(30);
        assertThat(calls()).filteredOn(call -> call.startsWith("plan")).containsExactly("plan null", "plan 5:0");
    }

    @Test
    void neverHasMorePagesInFlightThanTheConcurrencySettingAndStartsLowerRangesFirst() throws IOException {
        Files.writeString(script.resolve("shape.txt"), "8 2");
        host(3);

        ImportRun run = importOrders();

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.imported()).isEqualTo(32);
        // Each page takes 20 ms, so three workers overlap; a fourth call at once would break the setting.
        assertThat(Files.readString(script.resolve("max-concurrent.txt"))).isEqualTo("3");
        // Pages of three ranges at once: range i + 3 can only start after one of the three before it finished.
        List<String> firstPages = calls().stream().filter(call -> call.startsWith("page") && call.endsWith(":0"))
                .toList();
        assertThat(firstPages).hasSize(8);
        for (int range = 0; range + 3 < 8; range++) {
            assertThat(firstPages.indexOf("page " + range + ":0")).as("range %d starts before range %d", range,
                    range + 3).isLessThan(firstPages.indexOf("page " + (range + 3) + ":0"));
        }
    }

    @Test
    void aConnectorWhoseRequestsGoThroughTheGateGetsMoreCallsButNoMoreRequestsAtTheStore() throws IOException {
        Files.writeString(script.resolve("shape.txt"), "8 2");
        Files.createFile(script.resolve("gated"));
        host(2);

        ImportRun run = importOrders();

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.imported()).isEqualTo(32);
        // Two slots at the store, whatever the calls: the gate is the context's, sized by the concurrency setting.
        assertThat(Files.readString(script.resolve("max-in-gate.txt"))).isEqualTo("2");
        // Pages parse outside the gate, so up to two more calls than slots run at once.
        assertThat(Integer.parseInt(Files.readString(script.resolve("max-concurrent.txt")))).isGreaterThan(2)
                .isLessThanOrEqualTo(2 + RangedFetcher.AHEAD);
    }

    @Test
    void readsOnlyAFewPagesAheadOfAStoreThatFallsBehind() throws IOException {
        host(1);
        List<Integer> askedWhileBehind = new ArrayList<>();

        ImportRun run = importOrders(new ImportListener() {
            @Override
            public void progress(long done, long total) {
                if (askedWhileBehind.isEmpty()) {
                    try {
                        // Pages take 20 ms: unbounded, all 15 would be read by now.
                        Thread.sleep(400);
                        askedWhileBehind.add(calls().size() - 1);
                    } catch (InterruptedException | IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });

        assertThat(run.imported()).isEqualTo(30);
        // The stored page, then one in flight and two more read ahead (RangedFetcher.AHEAD), then one more.
        assertThat(askedWhileBehind).containsExactly(1 + 1 + RangedFetcher.AHEAD);
    }

    @Test
    void aPageThatFailsForAPassingReasonIsAskedForAgainAloneAndTheRunGoesOn() throws IOException {
        Files.createFile(script.resolve("flaky"));
        host(2);
        List<String> retries = new ArrayList<>();

        ImportRun run = importOrders(new ImportListener() {
            @Override
            public void retrying(int attempt, Duration wait, ConnectorException cause) {
                retries.add(cause.getMessage());
            }
        });

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(storedIds()).containsExactlyElementsOf(idsOfRanges(0, 5));
        // 7 of the 15 pages fail once: each of those is asked for twice, every other page once, the plan once.
        Map<String, Long> asked = calls().stream().filter(call -> call.startsWith("page"))
                .collect(Collectors.groupingBy(call -> call.substring("page ".length()), Collectors.counting()));
        assertThat(asked).hasSize(15);
        asked.forEach((page, times) -> {
            String[] at = page.split(":");
            long expected = (Integer.parseInt(at[0]) + Integer.parseInt(at[1])) % 2 == 1 ? 2 : 1;
            assertThat(times).as("asks for page %s", page).isEqualTo(expected);
        });
        assertThat(calls()).filteredOn(call -> call.startsWith("plan")).hasSize(1);
        assertThat(host.sleeps).hasSize(7);
        assertThat(retries).hasSize(7).contains("503 for page 1 of range 0", "503 for page 0 of range 1");
    }

    @Test
    void aPermanentFailureKeepsThePagesBeforeItInPlanOrderAndTheNextRunPlansFromThere() throws IOException {
        Files.createFile(script.resolve("broken"));
        host(2);

        Throwable thrown = catchThrowable(this::importOrders);

        assertThat(thrown).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION))
                .hasMessage("The store refused the token for range 3");
        ImportRun failed = host.orderRepository.lastRun(host.connections.get("ranged-shop")).orElseThrow();
        assertThat(failed.result()).isEqualTo(ImportRun.FAILED);
        assertThat(failed.error()).isEqualTo("The store refused the token for range 3");
        // Range 4 was read ahead while range 3 failed; none of it is stored, as range 3 is not.
        assertThat(calls()).contains("page 4:0", "page 4:1");
        assertThat(storedIds()).containsExactlyElementsOf(idsOfRanges(0, 3));
        assertThat(cursor()).isEqualTo("3:0");

        Files.delete(script.resolve("broken"));
        ImportRun rerun = importOrders();

        assertThat(rerun.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(calls()).filteredOn(call -> call.startsWith("plan")).containsExactly("plan null", "plan 3:0");
        assertThat(rerun.imported()).isEqualTo(12);
        assertThat(storedIds()).containsExactlyElementsOf(idsOfRanges(0, 5));
    }

    @Test
    void aRangeWhosePageTokenRepeatsFailsTheRunAsThePluginsFault() throws IOException {
        Files.createFile(script.resolve("repeat-token"));
        host(1);

        assertThatThrownBy(this::importOrders)
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE))
                .hasMessage(WHO + " returned a page of range 1:0 whose next page token (page-1) the range had "
                        + "already returned: the range would never end. The orders of the pages before it in the "
                        + "plan are kept.");
        assertThat(host.orderRepository.lastRun(host.connections.get("ranged-shop")).orElseThrow().result())
                .isEqualTo(ImportRun.FAILED);
        // Range 0 and range 1's first page; not the page that repeated its token.
        List<String> before = new ArrayList<>(idsOfRanges(0, 1));
        before.addAll(List.of("101", "102"));
        assertThat(storedIds()).containsExactlyElementsOf(before);
        assertThat(cursor()).isEqualTo("1:1");
    }

    @Test
    void aPlanOfNothingIsRefusedNamingThePlugin() throws IOException {
        Files.createFile(script.resolve("null-plan"));
        host(2);

        assertThatThrownBy(this::importOrders)
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE))
                .hasMessage(WHO + " returned nothing from planImport (null); the host needs an answer or an "
                        + "exception");
        assertThat(calls()).noneMatch(call -> call.startsWith("page"));
    }

    @Test
    void interruptingTheImportStopsEveryPageCallAndLeavesNoThreadBehind() throws Exception {
        Files.createFile(script.resolve("slow"));
        host(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread importing = new Thread(() -> thrown.set(catchThrowable(this::importOrders)), "test-import");
        importing.start();
        while (calls().stream().filter(call -> call.startsWith("page")).count() < 2) {
            Thread.sleep(10);
        }

        importing.interrupt();
        importing.join(10_000);

        assertThat(importing.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(host.orderRepository.lastRun(host.connections.get("ranged-shop")).orElseThrow().result())
                .isEqualTo(ImportRun.CANCELLED);
        // The workers are terminated when the run ends; a terminated pool's thread may take a moment to die.
        long until = System.nanoTime() + 2_000_000_000L;
        while (pageThreadsAlive() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(pageThreadsAlive()).as("storelink-import-page threads alive 2 s after the run ended").isFalse();
        // The pages in flight were abandoned, not finished: at most the two asked for and no more after.
        Thread.sleep(400);
        assertThat(calls()).filteredOn(call -> call.startsWith("page")).hasSizeLessThanOrEqualTo(3);
    }

    private static boolean pageThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("storelink-import-page") && thread.isAlive());
    }

    @Test
    void aPluginForApi11StillLoadsOnThisHostAndImportsBatchByBatch() {
        assertThat(PluginApiVersion.current()).isEqualTo("1.2.0");
        legacyPlatform().buildInto(plugins);
        host = new ScriptedHost(home, plugins, script, 4, PluginCallLimits.DEFAULTS, 4);
        assertThat(host.plugins.problems()).isEmpty();
        host.connections.add("legacy-shop", "legacy", Map.of());

        ImportRun run = host.imports.importOrders("legacy-shop", ImportListener.NONE);

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.imported()).isEqualTo(4);
        assertThat(storedIds()).containsExactly("1", "2", "3", "4");
        assertThat(host.orderRepository.cursor(host.connections.get("legacy-shop"))).contains("4");
    }

    /** A plugin as built against API 1.1: batches of two orders from {@code fetchOrders}, nothing of 1.2. */
    private static PluginArchiveBuilder legacyPlatform() {
        return PluginArchiveBuilder.plugin("legacy-plugin").requires(">=1.1.0 & <2.0.0")
                .source("test.legacy.LegacyPlatform", """
                package test.legacy;

                import io.storelink.api.*;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.util.*;

                @org.pf4j.Extension
                public final class LegacyPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("legacy", "Legacy", "1.0.0", "A plugin for API 1.1.",
                                Set.of(Capability.IMPORT_ORDERS), Form.of(), Form.of());
                    }

                    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
                        return new StoreConnector() {
                            public OrderBatch fetchOrders(ImportRequest request) {
                                int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
                                List<Order> orders = new ArrayList<>();
                                for (int id = from + 1; id <= from + 2; id++) {
                                    orders.add(new Order(Integer.toString(id), "L" + id,
                                            Instant.parse("2026-11-01T10:00:00Z"), null, "processing", null,
                                            new Totals("EUR", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO,
                                                    BigDecimal.ZERO, BigDecimal.ZERO),
                                            new Customer("c@example.com", "Ann", "Buyer", false), null, null, null,
                                            List.of(), Map.of()));
                                }
                                return new OrderBatch(orders, Integer.toString(from + 2), from + 2 < 4, 2 - from, -1);
                            }

                            public void close() {
                            }
                        };
                    }
                }
                """);
    }
}
