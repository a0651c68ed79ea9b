package io.storelink.woocommerce;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRange;
import io.storelink.api.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store that answers slowly: the request deadline ends the call, and so does an interrupt from the host. */
final class WooRequestLimitsTest {

    private static final int STORE_DELAY_MILLIS = 8_000;

    private final WooStandIn store = new WooStandIn();

    @AfterEach
    void stop() {
        store.close();
    }

    private void answerSlowly() {
        store.server.stubFor(store.authorized(WooStandIn.ordersList()).atPriority(1)
                .willReturn(okJson("[]").withHeader("X-WP-TotalPages", "1").withFixedDelay(STORE_DELAY_MILLIS)));
    }

    @Test
    void aStoreSlowerThanTheRequestDeadlineFailsAtItAsRetriable() {
        answerSlowly();
        try (WooConnector connector = new WooConnector(WooConfig.from(store.config()),
                WooStandIn.context(1 << 20, Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connector.fetchPage(new PageRequest(ImportRange.ALL, null, null, Instant.now())))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("request deadline");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(STORE_DELAY_MILLIS / 2));
        }
    }

    @Test
    void anInterruptStopsTheRequestAsCancelledAndKeepsTheFlag() throws Exception {
        answerSlowly();
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        try (WooConnector connector = store.connect()) {
            CompletableFuture<ConnectorException> call = CompletableFuture.supplyAsync(() -> {
                caller.set(Thread.currentThread());
                try {
                    connector.fetchPage(new PageRequest(ImportRange.ALL, null, null, Instant.now()));
                    return null;
                } catch (ConnectorException e) {
                    flagKept.set(Thread.interrupted());
                    return e;
                }
            });
            // Interrupt once the store has the request, as the host does to a call past its limit.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (store.server.getAllServeEvents().isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(store.server.getAllServeEvents()).isNotEmpty();
            caller.get().interrupt();

            ConnectorException stopped = call.get(STORE_DELAY_MILLIS / 2, TimeUnit.MILLISECONDS);

            assertThat(stopped).isNotNull();
            assertThat(stopped.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(stopped.isRetriable()).isFalse();
            assertThat(flagKept).isTrue();
        }
    }
}
