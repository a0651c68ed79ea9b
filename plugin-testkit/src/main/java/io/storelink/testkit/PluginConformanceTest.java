package io.storelink.testkit;

import io.storelink.api.Capability;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.plugin.PluginValidation;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance checks, one {@code @Test} each, for a plugin author to extend in the plugin's own build:
 *
 * <pre>{@code
 * class MyPluginConformanceIT extends PluginConformanceTest {
 *     protected Path archive() { return Path.of(System.getProperty("plugin.archive")); }
 *     protected StandInStore store() { return myStandIn; }
 * }
 * }</pre>
 *
 * <p>Every check loads the built archive into a fresh {@link EmbeddedHost} in its own temporary home, and fails with
 * a message that says what to fix in the plugin.
 */
public abstract class PluginConformanceTest {

    /** This check's host home: its database, key file, plugins and cache. */
    @TempDir
    protected Path home;

    /** @return the built plugin archive (the zip the host loads), or an exploded plugin directory */
    protected abstract Path archive();

    /** @return the running stand-in store the checks import from; the same instance on every call is fine */
    protected abstract StandInStore store();

    @AfterEach
    public void resetStore() {
        store().reset();
    }

    private Path builtArchive() {
        Path archive = archive();
        assertThat(archive).as("the plugin archive to check; build it (mvn package) before the kit runs").exists();
        return archive;
    }

    private EmbeddedHost host() {
        return EmbeddedHost.start(home, builtArchive());
    }

    private int expectedOrders() {
        int expected = store().ordersReadyToShip();
        assertThat(expected).as("StandInStore.ordersReadyToShip(): the stand-in must hold orders to import").isPositive();
        return expected;
    }

    /** (1) The host loads the archive with no problem, and every field of both forms has help for people. */
    @Test
    public void descriptorLoadsAndEveryFieldHasHelp() {
        PluginValidation validation = PluginValidation.check(builtArchive(), PluginApiVersion.current(),
                PluginCallLimits.DEFAULTS);
        assertThat(validation.problems()).as("what the host refuses in the archive; fix each before shipping it")
                .isEmpty();
        assertThat(validation.platforms()).as("platforms the archive offers: expected exactly one").hasSize(1);
        PlatformDescriptor descriptor = validation.platforms().get(0).descriptor();
        List<String> withoutHelp = Stream.concat(descriptor.credentials().fields().stream(),
                        descriptor.settings().fields().stream())
                .filter(field -> field.help() == null || field.help().isBlank())
                .map(Field::key)
                .toList();
        assertThat(withoutHelp).as("fields of %s with no help text; give each Field.builder(...).help(\"...\") "
                + "saying what to enter and where to find it", descriptor.id()).isEmpty();
        List<String> withoutExample = Stream.concat(descriptor.credentials().fields().stream(),
                        descriptor.settings().fields().stream())
                .filter(field -> field.type().kind() != FieldKind.BOOLEAN && field.type().kind() != FieldKind.CHOICE)
                .filter(field -> field.example() == null || field.example().isBlank())
                .map(Field::key)
                .toList();
        assertThat(withoutExample).as("fields of %s with no example; give each text, secret, URL, number and "
                + "suggested-text field Field.builder(...).example(\"...\"): forms show it as the placeholder",
                descriptor.id()).isEmpty();
        List<String> badKeys = Stream.concat(descriptor.credentials().fields().stream(),
                        descriptor.settings().fields().stream())
                .map(Field::key)
                .filter(key -> !key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"))
                .toList();
        assertThat(badKeys).as("field keys of %s that are not kebab-case (lower-case words joined by '-'); keys are "
                + "stored with every connection and typed in --set key=value", descriptor.id()).isEmpty();
        assertThat(descriptor.description()).as("the platform's description, shown by platforms describe")
                .isNotBlank();
    }

    /**
     * (2) A full import terminates and brings in every ready order exactly once: none lost, none that is not ready
     * (a connector may return an order twice; the host keeps it once).
     */
    @Test
    public void fullImportBringsEveryReadyOrderOnce() {
        int expected = expectedOrders();
        try (EmbeddedHost host = host()) {
            host.connect(store());
            ImportRun run = importAll(host, "the full import");

            assertThat(run.found()).as("orders the plugin returned in one full run (an order returned twice is "
                    + "fine, the host keeps it once); the store has %d ready to ship, so fewer means orders were "
                    + "skipped: check the page bounds and the cursor", expected).isGreaterThanOrEqualTo(expected);
            assertThat(run.imported()).as("new orders stored by the run; the store has %d ready to ship, so more "
                    + "means the plugin imports orders that are not ready (check the status filter)", expected)
                    .isEqualTo(expected);
            assertStoredOnce(host, expected);
        }
    }

    /** (3) A second run right after a full one finds nothing new. */
    @Test
    public void secondRunImportsNothingNew() {
        int expected = expectedOrders();
        try (EmbeddedHost host = host()) {
            host.connect(store());
            importAll(host, "the first import");
            ImportRun second = importAll(host, "the second import");

            assertThat(second.imported()).as("new orders in a second run with no new order in the store: the "
                    + "cursor the last batch returned must lead past every order already imported").isZero();
            assertStoredOnce(host, expected);
        }
    }

    /**
     * (4) A run stopped after its first stored batch, then a new host on the same home (a restart), imports the rest
     * from the stored cursor: nothing lost, nothing twice.
     */
    @Test
    public void resumesAfterAStopAfterTheFirstBatch() {
        int expected = expectedOrders();
        long afterFirst;
        try (EmbeddedHost host = host()) {
            host.connect(store());
            assertThatThrownBy(() -> host.importOrders(new ImportListener() {
                @Override
                public void progress(long done, long total) {
                    throw new IllegalStateException("stopped by the conformance kit after the first batch");
                }
            })).as("the run stopped after its first batch").hasMessageContaining("conformance kit");
            afterFirst = host.storedOrders();
        }
        assertThat(afterFirst).as("orders stored by the first batch; the stand-in must hold more orders than the "
                + "plugin returns in one batch (%d ready to ship), so the run has a second batch", expected)
                .isPositive().isLessThan(expected);

        try (EmbeddedHost restarted = host()) {
            ImportRun resumed = importAll(restarted, "the import resumed after a restart");

            assertThat(resumed.imported()).as("new orders in the run resumed from the stored cursor: each batch's "
                    + "nextCursor must lead to the orders after that batch, not skip or restart")
                    .isEqualTo(expected - afterFirst);
            assertStoredOnce(restarted, expected);
        }
    }

    /**
     * (5) With the store failing for a passing reason, a burst of {@link EmbeddedHost#ATTEMPTS} - 1 requests, the
     * plugin reports retriable failures, the host retries, and the import still brings in every order once.
     */
    @Test
    public void importCompletesThroughTransientFailures() {
        int expected = expectedOrders();
        try (EmbeddedHost host = host()) {
            host.connect(store());
            store().failNextRequests(EmbeddedHost.ATTEMPTS - 1);
            importAll(host, "the import through " + (EmbeddedHost.ATTEMPTS - 1) + " failed requests");

            assertThat(host.sleeps()).as("the host's backoffs: the failed requests must reach the host as a "
                    + "ConnectorException of a retriable ErrorKind (REMOTE_UNAVAILABLE, RATE_LIMITED, NETWORK)")
                    .isNotEmpty();
            assertStoredOnce(host, expected);
        }
    }

    /**
     * (6) The connection test's steps have unique, non-blank codes, a healthy store passes it, and with the store
     * failing every failed step carries a remedy.
     */
    @Test
    public void connectionTestStepsHaveCodesAndRemedies() {
        try (EmbeddedHost host = host()) {
            host.connect(store());
            ConnectionCheck healthy = runTest(host, "the healthy stand-in");
            assertThat(healthy.steps()).as("connection test steps").isNotEmpty();
            assertCodes(healthy);
            assertThat(healthy.steps()).as("steps against the healthy stand-in; each must pass or be skipped")
                    .allSatisfy(step -> assertThat(step.outcome()).as("step %s: %s", step.code(), step.detail())
                            .isNotEqualTo(ConnectionCheck.Outcome.FAILED));

            store().failNextRequests(1000);
            ConnectionCheck failing = runTest(host, "the failing stand-in");
            assertCodes(failing);
            assertThat(failing.passed()).as("the connection test against a store that answers every request "
                    + "with a failure must fail a step").isFalse();
            assertThat(failing.steps()).filteredOn(step -> step.outcome() == ConnectionCheck.Outcome.FAILED)
                    .as("failed steps, each must say what to do in remedy")
                    .allSatisfy(step -> assertThat(step.remedy()).as("remedy of failed step %s", step.code())
                            .isNotBlank());
        }
    }

    /** (7, optional) A store refusing the credentials fails the import as AUTHENTICATION, which the host never retries. */
    @Test
    public void refusedCredentialsFailAsAuthentication() {
        try (EmbeddedHost host = host()) {
            host.connect(store());
            Assumptions.assumeTrue(store().refuseCredentials(), "the stand-in cannot refuse credentials");

            assertThatThrownBy(() -> host.importOrders(ImportListener.NONE))
                    .as("an import against a store that refuses the credentials must fail")
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                            .as("the kind of the failure (%s); a refused token or password must be "
                                    + "ErrorKind.AUTHENTICATION, so the user is told to fix the credentials", e.getMessage())
                            .isEqualTo(ErrorKind.AUTHENTICATION));
            assertThat(host.sleeps()).as("retries of a refused credential; AUTHENTICATION is not retriable, so "
                    + "a plugin that reports it as a passing failure makes the host retry in vain").isEmpty();
        }
    }

    /**
     * (8, optional) A ship notification whose answer the store lost after applying it, sent again by the host,
     * leaves exactly one shipment in the store.
     */
    @Test
    public void shipRetryAfterALostAnswerShipsOnce() {
        try (EmbeddedHost host = host()) {
            String orderNumber = importOrderToShip(host);
            Assumptions.assumeTrue(store().loseNextShipAnswer(), "the stand-in cannot lose a ship answer");
            int before = store().shipmentsOf(orderNumber);

            ShipmentRecord record = host.ship(new ShipmentRequest(orderNumber, List.of(),
                    List.of(new TrackingNumber("ups", "CONFORMANCE-1", null)), null, false, null));
            if (!record.state().equals(ShipmentRecord.SENT)) {
                record = host.retryShipment(record.id());
            }

            assertThat(record.state()).as("the notification after the host's retries (last error: %s); a lost "
                    + "answer must be a retriable failure, and the retry must find what the first attempt "
                    + "created", record.lastError()).isEqualTo(ShipmentRecord.SENT);
            assertThat(record.attempts()).as("attempts the host made to send the notification; the first one's "
                    + "answer was lost, so there must be a second (else StandInStore.loseNextShipAnswer() did not "
                    + "reach the ship request)").isGreaterThanOrEqualTo(2);
            assertThat(store().shipmentsOf(orderNumber)).as("shipments the store holds for order %s after one "
                    + "notification whose first answer was lost; the retry must look for the shipment the lost "
                    + "attempt created (by its tracking number or idempotency key) before creating one",
                    orderNumber).isEqualTo(before + 1);
        }
    }


    /**
     * (5b) With every second request failing (503, {@code Retry-After: 1}), the import still brings in every order
     * once. It fails for a plugin that sends several requests per call and leaves retrying to the host: the host
     * retries the whole call, and one of its requests fails every time. Retry the one request that failed (the
     * plugin SDK does), or send one request per page.
     */
    @Test
    public void importCompletesWhenEverySecondRequestFails() {
        int expected = expectedOrders();
        // One page at a time, so which request fails is the same on every run; a call that sends two requests
        // fails at any concurrency, since one of two consecutive requests always fails.
        try (EmbeddedHost host = EmbeddedHost.start(home, builtArchive(), 1); FaultProxy proxy = proxy(host)) {
            host.connect(throughProxy(host, proxy));
            proxy.failEverySecondRequest();
            importAll(host, "the import with every second request failing");

            assertThat(proxy.failedRequests()).as("requests the kit failed").isPositive();
            assertStoredOnce(host, expected);
        }
    }

    /**
     * (9) How the plugin reports a store's error answers: 401 and 403 are {@code AUTHENTICATION} (the user fixes the
     * credentials or their permissions, nothing is retried); 404 is {@code NOT_FOUND} or {@code CONFIGURATION} (a
     * wrong store URL), not retried; 429 and 5xx are {@code REMOTE_UNAVAILABLE}, retried, with the store's
     * {@code Retry-After} passed on to the host.
     */
    @Test
    public void storeErrorsMapToTheirErrorKinds() {
        List<String> wrong = new ArrayList<>();
        for (int status : new int[] {401, 403, 404, 429, 500, 502, 503}) {
            try (EmbeddedHost host = EmbeddedHost.start(home.resolve("http-" + status), builtArchive());
                 FaultProxy proxy = proxy(host)) {
                host.connect(throughProxy(host, proxy));
                boolean passing = status == 429 || status >= 500;
                proxy.answerEverything(status, passing ? "7" : null);
                Set<ErrorKind> expected = status == 404 ? Set.of(ErrorKind.NOT_FOUND, ErrorKind.CONFIGURATION)
                        : passing ? Set.of(ErrorKind.REMOTE_UNAVAILABLE) : Set.of(ErrorKind.AUTHENTICATION);
                ErrorKind kind;
                try {
                    ImportRun run = host.importOrders(ImportListener.NONE);
                    wrong.add("HTTP " + status + ": the import succeeded (" + run.imported() + " orders) although "
                            + "the store answered every request with " + status);
                    continue;
                } catch (ConnectorException e) {
                    kind = e.kind();
                    if (!expected.contains(kind)) {
                        wrong.add("HTTP " + status + ": failed as " + kind + ", expected " + expected + " ("
                                + e.getMessage() + ")");
                    }
                } catch (RuntimeException e) {
                    wrong.add("HTTP " + status + ": failed with " + e + ", not a ConnectorException");
                    continue;
                }
                if (passing && host.sleeps().stream().noneMatch(sleep -> sleep.compareTo(Duration.ofSeconds(7)) >= 0)) {
                    wrong.add("HTTP " + status + " with Retry-After: 7: the host's backoffs were " + host.sleeps()
                            + "; pass the store's Retry-After on as ConnectorException's retryAfter");
                }
                if (!passing && !host.sleeps().isEmpty()) {
                    wrong.add("HTTP " + status + ": the host retried " + host.sleeps().size() + " times; " + kind
                            + " must not be retriable");
                }
            }
        }
        assertThat(wrong).as("store answers the plugin reported with the wrong ErrorKind, retry or Retry-After")
                .isEmpty();
    }

    /**
     * (10, optional) After an order's every line was shipped, a notification for one more of a line is refused with
     * a message naming the SKU, and the store gets no shipment for it.
     */
    @Test
    public void overShippingIsRefused() {
        try (EmbeddedHost host = host()) {
            String orderNumber = importOrderToShip(host);
            ShipmentRecord all = host.ship(new ShipmentRequest(orderNumber, List.of(),
                    List.of(new TrackingNumber("ups", "CONFORMANCE-ALL", null)), null, false, null));
            assertThat(all.state()).as("shipping everything of order %s (last error: %s)", orderNumber,
                    all.lastError()).isEqualTo(ShipmentRecord.SENT);
            ShipmentLine first = all.request().lines().get(0);
            int before = shipmentsOrMinusOne(orderNumber);

            assertThatThrownBy(() -> host.ship(new ShipmentRequest(orderNumber,
                    List.of(new ShipmentLine(first.sku(), first.lineId(), BigDecimal.ONE)),
                    List.of(new TrackingNumber("ups", "CONFORMANCE-MORE", null)), null, false, null)))
                    .as("one more of SKU %s on order %s, whose every line was shipped", first.sku(), orderNumber)
                    .hasMessageContaining(first.sku());
            if (before >= 0) {
                assertThat(store().shipmentsOf(orderNumber)).as("shipments the store holds for order %s after a "
                        + "refused over-shipment", orderNumber).isEqualTo(before);
            }
        }
    }

    /** Imports every order and returns one to ship; the check is skipped for a platform that takes no shipments. */
    private String importOrderToShip(EmbeddedHost host) {
        Assumptions.assumeTrue(host.platform().descriptor().capabilities().contains(Capability.SHIP_NOTIFICATIONS),
                "the platform takes no ship notifications");
        host.connect(store());
        importAll(host, "the import before shipping");
        return host.firstOrderNumber().orElseThrow(() -> new AssertionError(
                "no order was imported, so none can be shipped"));
    }

    private int shipmentsOrMinusOne(String orderNumber) {
        try {
            return store().shipmentsOf(orderNumber);
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** A proxy in front of the store; the check is skipped when the stand-in's URL cannot be proxied. */
    private FaultProxy proxy(EmbeddedHost host) {
        String url = storeUrl(host);
        Assumptions.assumeTrue(url != null, "the stand-in's store URL is not plain http on loopback, so the kit "
                + "cannot put its fault proxy in front of it");
        return new FaultProxy(URI.create(url));
    }

    /** The stand-in's connection values with its store URL pointing at the proxy. */
    private Map<String, String> throughProxy(EmbeddedHost host, FaultProxy proxy) {
        Map<String, String> values = new HashMap<>(store().connectionValues());
        values.put(storeUrlKey(host), proxy.baseUrl().toString());
        return values;
    }

    private String storeUrl(EmbeddedHost host) {
        String key = storeUrlKey(host);
        return key == null ? null : store().connectionValues().get(key);
    }

    /** The one URL field whose value is plain http on loopback, or {@code null}. */
    private String storeUrlKey(EmbeddedHost host) {
        PlatformDescriptor descriptor = host.platform().descriptor();
        List<String> keys = Stream.concat(descriptor.credentials().fields().stream(),
                        descriptor.settings().fields().stream())
                .filter(field -> field.type().kind() == FieldKind.URL)
                .map(Field::key)
                .filter(key -> {
                    String value = store().connectionValues().get(key);
                    if (value == null) {
                        return false;
                    }
                    URI uri = URI.create(value);
                    return "http".equals(uri.getScheme()) && uri.getHost() != null
                            && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost"));
                })
                .toList();
        return keys.size() == 1 ? keys.get(0) : null;
    }

    /** One import run that must succeed; a failure becomes an assertion that says which check and why. */
    private static ImportRun importAll(EmbeddedHost host, String what) {
        ImportRun run;
        try {
            run = host.importOrders(ImportListener.NONE);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed: " + e + ". A store failing for a passing reason (5xx, 429, a "
                    + "dropped connection) must reach the host as a ConnectorException of a retriable ErrorKind, "
                    + "which the host retries; anything else ends the run.", e);
        }
        assertThat(run.result()).as("%s: result (error: %s)", what, run.error()).isEqualTo(ImportRun.SUCCEEDED);
        return run;
    }

    private static ConnectionCheck runTest(EmbeddedHost host, String against) {
        try {
            return host.test();
        } catch (RuntimeException e) {
            throw new AssertionError("The connection test against " + against + " did not run to its end: " + e
                    + ". StoreConnector.check() must return its steps, a failed step with a remedy for what went "
                    + "wrong, rather than throw.", e);
        }
    }

    private static void assertCodes(ConnectionCheck check) {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (ConnectionCheck.Step step : check.steps()) {
            assertThat(step.code()).as("code of step \"%s\"; give every step a stable code such as "
                    + "<platform>.token-accepted", step.title()).isNotBlank();
            if (!seen.add(step.code())) {
                repeated.add(step.code());
            }
        }
        assertThat(repeated).as("step codes used more than once; UIs and docs key on them").isEmpty();
    }

    private static void assertStoredOnce(EmbeddedHost host, int expected) {
        assertThat(host.storedOrderIds()).as("orders stored for the connection; the stand-in has %d ready to ship", expected)
                .hasSize(expected);
    }
}
