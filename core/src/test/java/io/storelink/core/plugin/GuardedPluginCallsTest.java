package io.storelink.core.plugin;

import io.storelink.core.order.Fulfilment;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRequest;
import io.storelink.core.testing.RoguePlatform;
import io.storelink.core.testing.ScriptedHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real plugin archive that loops, hangs, returns nothing, throws {@link Error}s and reports impossible shipments:
 * every such call ends in a failed run or a failed notification that names the plugin and the connection, and the
 * host goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class GuardedPluginCallsTest {

    private static final PluginCallLimits SHORT = new PluginCallLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMillis(700), Duration.ofMillis(700), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMillis(700));

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private ScriptedHost host;

    private ScriptedHost host(String fetchMode, String shipMode, String closeMode) {
        return host(fetchMode, shipMode, closeMode, SHORT);
    }

    private ScriptedHost host(String fetchMode, String shipMode, String closeMode, PluginCallLimits limits) {
        RoguePlatform.buildInto(plugins);
        host = new ScriptedHost(home, plugins, script, 3, limits);
        assertThat(host.plugins.problems()).isEmpty();
        host.connections.add("rogue-shop", "rogue", Map.of("token", "t0ken", "fetch-mode", fetchMode,
                "ship-mode", shipMode, "close-mode", closeMode));
        return host;
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private ImportRun lastRun() {
        return host.orderRepository.lastRun(host.connections.get("rogue-shop")).orElseThrow();
    }

    private ConnectorException importFails(String fetchMode) {
        host(fetchMode, "ok", "ok");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> host.imports.importOrders("rogue-shop", ImportListener.NONE));
        assertThat(thrown).isInstanceOf(ConnectorException.class);
        assertThat(lastRun().result()).isEqualTo(ImportRun.FAILED);
        assertThat(lastRun().error()).isEqualTo(thrown.getMessage());
        return (ConnectorException) thrown;
    }

    @Test
    void aDescriptorOrConstructorPastItsTimeLimitRefusesThatPluginAndTheOthersLoad(@TempDir Path cache) {
        io.storelink.core.testing.PluginArchiveBuilder.plugin("slow-plugin").source("test.slow.SlowPlatform", """
                package test.slow;

                import io.storelink.api.*;
                import java.util.Set;

                @org.pf4j.Extension
                public final class SlowPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new PlatformDescriptor("slow", "Slow", "1.0.0", "Sleeps.", Set.of(), Form.of(), Form.of());
                    }
                }
                """).buildInto(plugins);
        io.storelink.core.testing.PluginArchiveBuilder.plugin("stuck-plugin").source("test.stuck.StuckPlatform", """
                package test.stuck;

                import io.storelink.api.*;
                import java.util.Set;

                @org.pf4j.Extension
                public final class StuckPlatform implements Platform {
                    public StuckPlatform() throws InterruptedException {
                        Thread.sleep(600_000);
                    }

                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("stuck", "Stuck", "1.0.0", "Never built.", Set.of(), Form.of(), Form.of());
                    }
                }
                """).buildInto(plugins);
        RoguePlatform.buildInto(plugins);
        PluginCallLimits limits = new PluginCallLimits(Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10));

        try (PluginHost loaded = PluginHost.start(plugins, cache, "1.1.0", limits)) {
            assertThat(loaded.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("rogue");
            assertThat(loaded.problems()).hasSize(2);
            assertThat(loaded.problems().get(0)).satisfies(problem -> {
                assertThat(problem.source().getFileName().toString()).isEqualTo("slow-plugin-1.0.0.zip");
                assertThat(problem.reason()).contains("Plugin slow-plugin 1.0.0 did not return from descriptor within "
                        + "500 ms (storelink.plugin-time-limits.descriptor)");
            });
            assertThat(loaded.problems().get(1)).satisfies(problem -> {
                assertThat(problem.source().getFileName().toString()).isEqualTo("stuck-plugin-1.0.0.zip");
                assertThat(problem.reason()).isEqualTo("plugin stuck-plugin (stuck-plugin-1.0.0.zip): extension class "
                        + "test.stuck.StuckPlatform did not finish its constructor within 500 ms "
                        + "(storelink.plugin-time-limits.descriptor); the plugin is not loaded");
            });
        }
    }

    @Test
    void aBatchThatKeepsItsCursorEndsTheRunInsteadOfLoopingForever() {
        ConnectorException e = importFails("same-cursor");

        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
        assertThat(e).hasMessageStartingWith("Plugin rogue-plugin 1.0.0 (connection rogue-shop) returned a batch with "
                + "more to come but a cursor this run had already passed (c1)");
        // The first batch moved the cursor from nothing to c1 and was kept; the second repeated c1.
        assertThat(lastRun().found()).isEqualTo(1);
    }

    @Test
    void cursorsThatGoRoundInACircleEndTheRun() {
        ConnectorException e = importFails("cycle");

        assertThat(e).hasMessageContaining("returned a batch with more to come but a cursor this run had already "
                + "passed (a)");
    }

    @Test
    void aNullBatchIsThePluginsFailureNamingPluginAndConnection() {
        ConnectorException e = importFails("null");

        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
        assertThat(e).hasMessage("Plugin rogue-plugin 1.0.0 (connection rogue-shop) returned nothing from fetchOrders "
                + "(null); the host needs an answer or an exception");
    }

    @Test
    void anErrorOnTheFirstBatchFailsTheRun() {
        ConnectorException e = importFails("error");

        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
        assertThat(e).hasMessage("Plugin rogue-plugin 1.0.0 (connection rogue-shop) failed in fetchOrders: "
                + "java.lang.AssertionError: rogue assertion");
    }

    @Test
    void anErrorOnALaterBatchFailsTheRunInsteadOfLeavingTheImportWaitingForever() {
        ConnectorException e = importFails("error-second");

        assertThat(e).hasMessage("Plugin rogue-plugin 1.0.0 (connection rogue-shop) failed in fetchOrders: "
                + "java.lang.StackOverflowError: rogue recursion");
        assertThat(lastRun().found()).isEqualTo(1);
    }

    @Test
    void aBugIsNotRetriedAsIfTheStoreWereDown() {
        ConnectorException e = importFails("bug");

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("failed in fetchOrders: java.lang.IllegalStateException: rogue bug");
        assertThat(host.sleeps).isEmpty();
    }

    @Test
    void aBatchPastItsTimeLimitFailsTheRunAndTheHostGoesOn() {
        ConnectorException e = importFails("hang");

        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
        assertThat(e).hasMessage("Plugin rogue-plugin 1.0.0 (connection rogue-shop) did not return from fetchOrders "
                + "within 700 ms (storelink.plugin-time-limits.fetch-batch); the call was abandoned");
        assertThat(host.sleeps).isEmpty();
        // The same host still works for another connection.
        host.connections.add("rogue-ok", "rogue", Map.of("token", "t0ken"));
        assertThat(host.imports.importOrders("rogue-ok", ImportListener.NONE).result()).isEqualTo(ImportRun.SUCCEEDED);
    }

    @Test
    void aPluginBuiltAgainstANewerApiFailsWithAMessageInsteadOfALinkageError() {
        ConnectorException e = importFails("newer-api");

        assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE);
        assertThat(e).hasMessageStartingWith("Plugin rogue-plugin 1.0.0 (connection rogue-shop) failed in fetchOrders: "
                        + "it needs a part of the Storelink plugin API that this host (API " + PluginApiVersion.current()
                        + ") does not have (NoClassDefFoundError: io/storelink/api/FutureApi)")
                .hasMessageContaining("built against a newer API than it declares in plugin.requires");
    }

    @Test
    void aFailureToCloseIsAddedToTheRealFailureNotPutInItsPlace() {
        host("rejected", "ok", "fail");

        assertThatThrownBy(() -> host.imports.importOrders("rogue-shop", ImportListener.NONE))
                .hasMessage("the real failure")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(suppressed ->
                        assertThat(suppressed).hasMessage("Plugin rogue-plugin 1.0.0 (connection rogue-shop) failed "
                                + "in close: java.lang.IllegalStateException: rogue close failed")));
        assertThat(lastRun().error()).isEqualTo("the real failure");
    }

    @Test
    void aFailureToCloseAfterARunThatSucceededLeavesTheRunSucceeded() {
        host("ok", "ok", "fail");

        ImportRun run = host.imports.importOrders("rogue-shop", ImportListener.NONE);

        assertThat(run.result()).isEqualTo(ImportRun.SUCCEEDED);
        assertThat(run.imported()).isEqualTo(1);
    }

    @Test
    void anInterruptedImportIsCancelledNotFailedAndNotRetried() throws Exception {
        // A long batch limit, so the import waits in the plugin until it is interrupted.
        host("hang", "ok", "ok", PluginCallLimits.DEFAULTS);
        Throwable[] thrown = new Throwable[1];
        Thread importing = new Thread(() -> {
            try {
                host.imports.importOrders("rogue-shop", ImportListener.NONE);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        importing.start();
        // Interrupted once the plugin is inside its fetch, waiting on the store.
        while (Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                .noneMatch(frame -> frame.getClassName().equals("test.rogue.RoguePlatform")
                        && frame.getMethodName().equals("sleep"))) {
            Thread.sleep(10);
        }
        importing.interrupt();
        importing.join(10_000);

        assertThat(importing.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(lastRun().result()).isEqualTo(ImportRun.CANCELLED);
        assertThat(host.sleeps).isEmpty();
    }

    private ShipmentRecord ship(String shipMode, String quantity) {
        host("ok", shipMode, "ok");
        host.imports.importOrders("rogue-shop", ImportListener.NONE);
        return host.shipments.notify("rogue-shop", new ShipmentRequest("R-000001",
                List.of(new ShipmentLine("SKU-R1", null, new BigDecimal(quantity))),
                List.of(new TrackingNumber("ups", "UPS", "1Z999")), null, false, null));
    }

    @Test
    void aShipmentReportedForASkuTheOrderDoesNotHaveIsFailedNotRecordedAsSent() {
        ShipmentRecord record = ship("unknown-sku", "1");

        assertThat(record.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(record.lastError()).isEqualTo("Plugin rogue-plugin 1.0.0 (connection rogue-shop) reported store "
                + "shipment S1 for order R-000001 with what the order cannot hold: SKU NOPE (line R9-1) is not a line "
                + "of order R-000001. Not recorded as sent; check the shipment on the store before retrying");
        assertThat(host.orders.show("rogue-shop", "R-000001").fulfilment()).isEqualTo(Fulfilment.OPEN);
    }

    @Test
    void aShipmentReportedWithMoreThanWasOrderedIsFailed() {
        ShipmentRecord record = ship("too-many", "1");

        assertThat(record.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(record.lastError()).contains("SKU SKU-R1: 5 shipped in all, but 2 were ordered");
    }

    @Test
    void aShipmentThatHangsOrThrowsAnErrorFailsThatNotificationOnly() {
        ShipmentRecord hung = ship("hang", "1");

        assertThat(hung.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(hung.lastError()).isEqualTo("Plugin rogue-plugin 1.0.0 (connection rogue-shop) did not return from "
                + "notifyShipment within 700 ms (storelink.plugin-time-limits.notify-shipment); the call was abandoned");
    }

    @Test
    void aShipmentAnsweredWithNothingOrAnErrorIsFailedNamingThePlugin() {
        ShipmentRecord nothing = ship("null", "1");
        assertThat(nothing.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(nothing.lastError()).isEqualTo("Plugin rogue-plugin 1.0.0 (connection rogue-shop) returned nothing "
                + "from notifyShipment (null); the host needs an answer or an exception");
    }

    @Test
    void anErrorInNotifyShipmentIsFailedNamingThePlugin() {
        ShipmentRecord error = ship("error", "1");
        assertThat(error.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(error.lastError()).isEqualTo("Plugin rogue-plugin 1.0.0 (connection rogue-shop) failed in "
                + "notifyShipment: java.lang.OutOfMemoryError: rogue out of memory");
    }

    @Test
    void aPlausibleReportIsRecordedAsSent() {
        ShipmentRecord record = ship("ok", "2");

        assertThat(record.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(host.orders.show("rogue-shop", "R-000001").fulfilment()).isEqualTo(Fulfilment.SHIPPED);
    }
}
