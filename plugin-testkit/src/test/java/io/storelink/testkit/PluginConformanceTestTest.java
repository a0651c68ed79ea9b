package io.storelink.testkit;

import io.storelink.core.testing.ScriptedPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The kit's checks run, through the JUnit launcher, on core's scripted test platform (a real archive whose connector
 * reads its orders from a folder): they pass where it conforms and fail, with their message, where it does not or
 * where the stand-in says something the plugin does not do.
 */
final class PluginConformanceTestTest {

    private static final int ORDERS = 7;

    @TempDir
    static Path work;

    /** How the stand-in lies about the store, for the run under way; none by default. */
    static volatile int extraReadyOrders;

    @Test
    void passesTheImportChecksAndFailsWhereTheScriptedPlatformDoesNotConform() {
        extraReadyOrders = 0;
        Map<String, String> outcomes = run();

        assertThat(outcomes).contains(
                entry("fullImportBringsEveryReadyOrderOnce", "SUCCESSFUL"),
                entry("secondRunImportsNothingNew", "SUCCESSFUL"),
                entry("resumesAfterAStopAfterTheFirstBatch", "SUCCESSFUL"),
                entry("importCompletesThroughTransientFailures", "SUCCESSFUL"));
        // Its fields have no help, and its connector has no connection test.
        assertThat(outcomes.get("descriptorLoadsAndEveryFieldHasHelp")).startsWith("FAILED")
                .contains("fields of scripted with no help text").contains("script-dir").contains("token");
        assertThat(outcomes.get("connectionTestStepsHaveCodesAndRemedies")).startsWith("FAILED")
                .contains("did not run to its end").contains("no connection test");
        // Optional checks the stand-in does not support.
        assertThat(outcomes.get("refusedCredentialsFailAsAuthentication")).startsWith("ABORTED");
        assertThat(outcomes.get("shipRetryAfterALostAnswerShipsOnce")).startsWith("ABORTED");
        // Its store is a folder, not HTTP, so the kit's fault proxy cannot stand in front of it.
        assertThat(outcomes.get("importCompletesWhenEverySecondRequestFails")).startsWith("ABORTED")
                .contains("not plain http on loopback");
        assertThat(outcomes.get("storeErrorsMapToTheirErrorKinds")).startsWith("ABORTED");
        assertThat(outcomes.get("overShippingIsRefused")).isEqualTo("SUCCESSFUL");
    }

    @Test
    void importChecksFailWhenAnOrderTheStoreHoldsNeverArrives() {
        extraReadyOrders = 1;
        Map<String, String> outcomes = run();

        assertThat(outcomes.get("fullImportBringsEveryReadyOrderOnce")).startsWith("FAILED")
                .contains("the store has " + (ORDERS + 1) + " ready to ship");
        assertThat(outcomes.get("secondRunImportsNothingNew")).startsWith("FAILED");
        assertThat(outcomes.get("resumesAfterAStopAfterTheFirstBatch")).startsWith("FAILED");
        assertThat(outcomes.get("importCompletesThroughTransientFailures")).startsWith("FAILED");
    }

    /** @return each check's outcome, {@code FAILED: <message>} for a failure */
    private static Map<String, String> run() {
        Map<String, String> outcomes = new TreeMap<>();
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(ScriptedChecks.class)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    outcomes.put(method.getMethodName(), result.getStatus() + result.getThrowable()
                            .map(e -> ": " + e.getMessage()).orElse(""));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    outcomes.put(method.getMethodName(), "SKIPPED: " + reason);
                }
            }
        });
        assertThat(outcomes).as("checks run").hasSize(11);
        return outcomes;
    }

    /** The checks over the scripted archive; run only through {@link #run()}, as a nested class surefire skips. */
    static final class ScriptedChecks extends PluginConformanceTest {

        private static Path archive;
        private static ScriptedStore store;

        @Override
        protected Path archive() {
            if (archive == null) {
                archive = ScriptedPlatform.buildInto(work.resolve("built"));
            }
            return archive;
        }

        @Override
        protected StandInStore store() {
            if (store == null) {
                store = new ScriptedStore(work.resolve("store"));
            }
            return store;
        }
    }

    /** The scripted platform's folder as a stand-in store: orders.txt, and faults.txt counting fetch calls. */
    private record ScriptedStore(Path dir) implements StandInStore {

        ScriptedStore {
            write(dir.resolve("orders.txt"), IntStream.rangeClosed(1, ORDERS).mapToObj(Integer::toString).toList());
        }

        @Override
        public Map<String, String> connectionValues() {
            return Map.of("script-dir", dir.toString(), "token", "t0ken");
        }

        @Override
        public int ordersReadyToShip() {
            return ORDERS + extraReadyOrders;
        }

        @Override
        public void failNextRequests(int requests) {
            write(dir.resolve("faults.txt"), IntStream.rangeClosed(1, requests).mapToObj(call -> call + " retriable 0")
                    .collect(Collectors.toList()));
        }

        @Override
        public void reset() {
            try {
                Files.deleteIfExists(dir.resolve("faults.txt"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void write(Path file, List<String> lines) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
