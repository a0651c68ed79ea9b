package io.storelink.core.retry;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

final class RetryPolicyTest {

    private static final ConnectorException DOWN = ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "503");

    @Test
    void backoffHasJitterBetweenHalfAndAllOfTheComputedWait() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMinutes(5));

        Set<Duration> waits = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> waits.add(policy.waitBefore(3, DOWN)));

        // The third attempt waits 800 ms computed: every wait is within [400, 800], and they are not all the same.
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(400), Duration.ofMillis(800)));
        assertThat(waits.size()).isGreaterThan(20);
    }

    @Test
    void aStoresRetryAfterIsWaitedExactly() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMinutes(5));
        ConnectorException asked = ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "429", null,
                Duration.ofSeconds(42));

        assertThat(policy.waitBefore(2, asked)).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void anInterruptedWaitEndsAsCancelledNotAsTheLastNetworkFailure() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(5));

        ConnectorException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ConnectorException.class,
                () -> policy.call(() -> {
                    throw DOWN;
                }, duration -> {
                    throw new InterruptedException();
                }, RetryPolicy.Listener.NONE));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(thrown.isRetriable()).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
