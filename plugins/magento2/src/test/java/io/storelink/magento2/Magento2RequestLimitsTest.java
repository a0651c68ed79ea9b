package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.PlatformContext;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.LoggedRequest;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every request ends at the host's deadline and reads at most the host's response cap, whatever the store sends: a
 * gigabyte, or a byte every so often. Each test has a hard time limit, since before these limits they hung.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class Magento2RequestLimitsTest {

    private static final long MIB = 1024 * 1024;

    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(5).orderCount(5).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void refusesAnAnswerWhoseContentLengthIsAboveTheCapWithoutReadingIt() throws InterruptedException {
        long sent = assertStoppedAtTheCap(Fault.hugeBody(1536 * MIB), "a body of 1536 MiB (1610612736 bytes), more "
                + "than the 1 MiB (1048576 bytes) one response may hold");

        assertThat(sent).as("bytes the sandbox got out").isLessThan(64 * MIB);
    }

    @Test
    void stopsAChunkedAnswerOnceItPassesTheCap() throws InterruptedException {
        long sent = assertStoppedAtTheCap(Fault.hugeChunkedBody(1536 * MIB), "a body of more than the 1 MiB (1048576 "
                + "bytes) one response may hold");

        assertThat(sent).as("bytes the sandbox got out").isBetween(MIB, 64 * MIB);
    }

    @Test
    void endsARequestWhoseHeadersDripAtTheDeadline() {
        sandbox.faults().inject(Fault.drip(Duration.ofMillis(100)).on("GET", "/V1/orders"));
        long start = System.nanoTime();

        ConnectorException e = timedSearch(Magento2TestSupport.context(Duration.ofSeconds(5), Duration.ofSeconds(1),
                64 * MIB), Duration.ofSeconds(3));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertDeadline(e);
        assertThat(e.getMessage()).contains("its answer had not even started");
    }

    @Test
    void endsARequestWhoseBodyDripsAtTheDeadline() {
        // The headers come at once, then the body in 20 pieces 1.5 s apart: each wait is well within the 5 s timeout.
        sandbox.faults().inject(Fault.slowBody(Duration.ofSeconds(30)).on("GET", "/V1/orders"));

        ConnectorException e = timedSearch(Magento2TestSupport.context(Duration.ofSeconds(5), Duration.ofSeconds(1),
                64 * MIB), Duration.ofSeconds(3));

        assertDeadline(e);
        assertThat(e.getMessage()).contains("its body was still coming");
    }

    @Test
    void aPlanStoppedAtTheDeadlineFailsRatherThanPlanningAnEmptyRun() {
        sandbox.faults().inject(Fault.drip(Duration.ofMillis(100)).on("GET", "/V1/orders"));
        Magento2Config config = Magento2TestSupport.config(sandbox.baseUrl());

        try (Magento2Connector connector = new Magento2Connector(config, Magento2TestSupport.context(
                Duration.ofSeconds(5), Duration.ofSeconds(1), 64 * MIB))) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.planImport(new ImportRequest(null, Instant.now(), true)));

            assertDeadline(e);
        }
    }

    private ConnectorException timedSearch(PlatformContext context, Duration within) {
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(sandbox.baseUrl()), context)) {
            long start = System.nanoTime();
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> client.searchOrders(Magento2SearchCriteria.builder().pageSize(5).build()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
            return e;
        }
    }

    /**
     * Sends {@code GET /V1/orders} with a 1 MiB cap against a huge answer: it must fail fast, not retriable, saying so.
     *
     * @return how many body bytes the sandbox got out before it saw the connection closed
     */
    private long assertStoppedAtTheCap(Fault huge, String saying) throws InterruptedException {
        sandbox.faults().inject(huge.on("GET", "/V1/orders"));

        ConnectorException e = timedSearch(Magento2TestSupport.context(Duration.ofSeconds(5), Duration.ofMinutes(2),
                MIB), Duration.ofSeconds(5));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_REJECTED);
        assertThat(e.isRetriable()).as("the same page would be as large again").isFalse();
        assertThat(e.getMessage()).contains("Magento store " + sandbox.baseUrl()).contains("GET /V1/orders")
                .contains(saying).contains("nothing of the answer was kept").contains("response cap is set too low");
        return sentBeforeTheConnectionClosed();
    }

    private void assertDeadline(ConnectorException e) {
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.getMessage()).contains("Magento store " + sandbox.baseUrl()).contains("GET /V1/orders")
                .contains("within the request deadline of 1 s");
    }

    /** The huge answer's log entry, written once the sandbox saw the connection end. */
    private long sentBeforeTheConnectionClosed() throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < giveUp) {
            List<LoggedRequest> entries = sandbox.requestLog().entries();
            if (!entries.isEmpty()) {
                return entries.get(0).bodyBytesSent();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the sandbox is still sending the huge body");
    }
}
