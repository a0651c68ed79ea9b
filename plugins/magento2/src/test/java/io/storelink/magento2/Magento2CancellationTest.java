package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host that interrupts a call is stopping it: the call ends promptly as {@link ErrorKind#CANCELLED}, never as a
 * retriable network failure, and the thread keeps its interrupt flag. The store here is slow, never broken.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class Magento2CancellationTest {

    /** The store answers, but only after this long: far longer than any test waits. */
    private static final Duration SLOW = Duration.ofSeconds(20);

    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(7).orderCount(40).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void anInterruptedFetchWaitingForTheStoreEndsAsCancelled() throws InterruptedException {
        sandbox.setLatency(SLOW);
        try (Magento2Connector connector = connector(Map.of())) {
            Outcome outcome = interruptAfter(Duration.ofMillis(300),
                    () -> connector.fetchOrders(new ImportRequest(null, Instant.now(), true)));

            outcome.assertCancelled();
            assertThat(outcome.failure().getMessage()).contains("GET /V1/orders").contains("interrupted");
        }
    }

    @Test
    void anInterruptedWaitForARequestSlotEndsAsCancelled() throws InterruptedException {
        try (Magento2Client client = new Magento2Client(Magento2TestSupport.config(sandbox.baseUrl()),
                Magento2TestSupport.context())) {
            Semaphore noSlotFree = new Semaphore(0);
            Outcome outcome = interruptAfter(Duration.ofMillis(200),
                    () -> client.searchOrders(Magento2SearchCriteria.builder().pageSize(5).build(), noSlotFree));

            outcome.assertCancelled();
            assertThat(sandbox.requestLog().entries()).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void anInterruptedConnectionTestEndsAsCancelledRatherThanAsAFailedStep() throws InterruptedException {
        sandbox.faults().inject(Fault.slowBody(SLOW).on("GET", "/V1/store/storeViews"));
        try (Magento2Connector connector = connector(Map.of(Magento2Platform.STORE_VIEW_CODE, "de"))) {
            Outcome outcome = interruptAfter(Duration.ofMillis(500), connector::check);

            outcome.assertCancelled();
        }
    }

    private Magento2Connector connector(Map<String, Object> extra) {
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.putAll(extra);
        return new Magento2Connector(Magento2TestSupport.config(values).withPageSize(8),
                Magento2TestSupport.context(Duration.ofSeconds(25)));
    }

    /** Runs {@code work} on its own thread and interrupts it after {@code after}; waits at most 5 s for the end. */
    static Outcome interruptAfter(Duration after, Runnable work) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        }, "interrupted-call");
        thread.start();
        Thread.sleep(after.toMillis());
        thread.interrupt();
        long interruptedAt = System.nanoTime();
        thread.join(5_000);
        Duration took = Duration.ofNanos(System.nanoTime() - interruptedAt);
        assertThat(thread.isAlive()).as("the call still runs 5 s after the interrupt").isFalse();
        return new Outcome(failure.get(), flag.get(), took);
    }

    /**
     * How an interrupted call ended.
     *
     * @param failure what it threw, or {@code null}
     * @param interruptFlag whether its thread's interrupt flag was set when it returned
     * @param took how long it ran on after the interrupt
     */
    record Outcome(RuntimeException failure, boolean interruptFlag, Duration took) {
        void assertCancelled() {
            assertThat(failure).isInstanceOf(ConnectorException.class);
            ConnectorException e = (ConnectorException) failure;
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.isRetriable()).isFalse();
            assertThat(interruptFlag).as("interrupt flag restored").isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }
}
