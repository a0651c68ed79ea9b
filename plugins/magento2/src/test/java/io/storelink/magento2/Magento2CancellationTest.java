package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRange;
import io.storelink.api.PageRequest;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host that interrupts a call, or closes the connector under it, is stopping it: the call ends promptly as
 * {@link ErrorKind#CANCELLED}, never as a retriable network failure, and an interrupted thread keeps its interrupt
 * flag. The store here is slow, never broken.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class Magento2CancellationTest {

    /** The store answers, but only after this long: far longer than any test waits. */
    private static final Duration SLOW = Duration.ofSeconds(20);

    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(7).orderCount(100).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.faults().release();
        sandbox.close();
    }

    @Test
    void anInterruptedFetchWaitingForTheStoreEndsAsCancelled() throws InterruptedException {
        sandbox.faults().inject(Fault.hold().on("GET", "/V1/orders"));
        try (Magento2Connector connector = connector(Map.of())) {
            Outcome outcome = interruptAfter(() -> sandbox.faults().held() > 0,
                    () -> connector.planImport(new ImportRequest(null, Instant.now(), true)));

            outcome.assertCancelled();
            assertThat(outcome.failure().getMessage()).contains("GET /V1/orders").contains("interrupted");
        }
    }

    @Test
    void anInterruptedConnectionTestEndsAsCancelledRatherThanAsAFailedStep() throws InterruptedException {
        sandbox.faults().inject(Fault.slowBody(SLOW).on("GET", "/V1/store/storeViews"));
        try (Magento2Connector connector = connector(Map.of(Magento2Platform.STORE_VIEW_CODE, "de"))) {
            Outcome outcome = interruptAfter(() -> slowBodyOnItsWay(sandbox), connector::check);

            outcome.assertCancelled();
        }
    }

    @Test
    void closingTheConnectorStopsAFetchWaitingForTheStore() throws InterruptedException {
        sandbox.faults().inject(Fault.hold().on("GET", "/V1/orders"));
        Magento2Connector connector = connector(Map.of());

        Outcome outcome = stopAfter(() -> sandbox.faults().held() > 0,
                () -> connector.planImport(new ImportRequest(null, Instant.now(), true)), thread -> connector.close());

        outcome.assertClosed();
        assertThat(outcome.failure().getMessage()).contains("GET /V1/orders");
        Outcome later = stopAfter(() -> true,
                () -> connector.planImport(new ImportRequest(null, Instant.now(), true)), thread -> { });
        later.assertClosed();
    }

    @Test
    void closingTheConnectorStopsPagesOfTwoRangesTheHostReadsAtOnce() throws InterruptedException {
        Magento2Connector connector = connector(Map.of());
        Instant runStart = Instant.now();
        ImportPlan plan = connector.planImport(new ImportRequest(null, runStart, true));
        assertThat(plan.ranges()).hasSizeGreaterThan(2);
        sandbox.faults().inject(Fault.slowBody(SLOW).on("GET", "/V1/orders"));
        List<AtomicReference<RuntimeException>> failures = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            ImportRange range = plan.ranges().get(index);
            Thread reader = new Thread(() -> {
                try {
                    connector.fetchPage(new PageRequest(range, null, null, runStart));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "host-page-" + index);
            failures.add(failure);
            readers.add(reader);
            reader.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sandbox.requestLog().entries().stream().filter(entry -> entry.fault() == Fault.Kind.SLOW_BODY).count()
                < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        long closedAt = System.nanoTime();
        connector.close();
        for (Thread reader : readers) {
            reader.join(5_000);
            assertThat(reader.isAlive()).as("a page still read 5 s after close").isFalse();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(failures).allSatisfy(failure -> new Outcome(failure.get(), false, Duration.ZERO).assertClosed());
    }

    @Test
    void closingAnIdleConnectorTwiceIsQuiet() {
        Magento2Connector connector = connector(Map.of());

        connector.close();
        connector.close();

        assertThat(sandbox.requestLog().entries()).isEmpty();
    }

    private Magento2Connector connector(Map<String, Object> extra) {
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.putAll(extra);
        return new Magento2Connector(Magento2TestSupport.config(values).withPageSize(8),
                Magento2TestSupport.context(Duration.ofSeconds(25)));
    }

    /** Runs {@code work} on its own thread and interrupts it after {@code after}; waits at most 5 s for the end. */
    static Outcome interruptAfter(BooleanSupplier ready, Runnable work) throws InterruptedException {
        return stopAfter(ready, work, Thread::interrupt);
    }

    /** @return whether the sandbox has begun sending an answer slowly: a request is known to be in flight */
    static boolean slowBodyOnItsWay(MagentoSandbox sandbox) {
        return sandbox.requestLog().entries().stream().anyMatch(entry -> entry.fault() == Fault.Kind.SLOW_BODY);
    }

    /** Runs {@code work} on its own thread and stops it after {@code after}; waits at most 5 s for the end. */
    private static Outcome stopAfter(BooleanSupplier ready, Runnable work, Consumer<Thread> stop)
            throws InterruptedException {
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
        // Stopped once the call is known to be where the test wants it, not after a guessed time.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!ready.getAsBoolean() && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stop.accept(thread);
        long stoppedAt = System.nanoTime();
        thread.join(5_000);
        Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(thread.isAlive()).as("the call still runs 5 s after it was stopped").isFalse();
        return new Outcome(failure.get(), flag.get(), took);
    }

    /**
     * How an interrupted call ended.
     *
     * @param failure what it threw, or {@code null}
     * @param interruptFlag whether its thread's interrupt flag was set when it returned
     * @param took how long it ran on after it was stopped
     */
    record Outcome(RuntimeException failure, boolean interruptFlag, Duration took) {
        void assertCancelled() {
            assertStoppedPromptly();
            assertThat(interruptFlag).as("interrupt flag restored").isTrue();
        }

        void assertClosed() {
            assertStoppedPromptly();
            assertThat(failure.getMessage()).contains("the connector was closed");
        }

        private void assertStoppedPromptly() {
            assertThat(failure).isInstanceOf(ConnectorException.class);
            ConnectorException e = (ConnectorException) failure;
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.isRetriable()).isFalse();
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }
}
