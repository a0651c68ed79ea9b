package io.storelink.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

final class ConnectorExceptionTest {

    @Test
    void whetherTheHostRetriesFollowsFromTheKind() {
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(ConnectorException.of(kind, "x").isRetriable()).as(kind.name())
                    .isEqualTo(kind == ErrorKind.REMOTE_UNAVAILABLE);
        }
        assertThat(Arrays.stream(ErrorKind.values()).filter(ErrorKind::isRetriable))
                .containsExactly(ErrorKind.REMOTE_UNAVAILABLE);
    }

    @Test
    @SuppressWarnings("deprecation")
    void aVersionOnePluginsFlagCanKeepTheHostFromRetryingButNeverMakeAKindRetriable() {
        assertThat(new ConnectorException(ErrorKind.PLUGIN_FAILURE, true, "bug").isRetriable()).isFalse();
        assertThat(new ConnectorException(ErrorKind.REMOTE_UNAVAILABLE, false, "tls").isRetriable()).isFalse();
        assertThat(new ConnectorException(ErrorKind.REMOTE_UNAVAILABLE, true, "503").isRetriable()).isTrue();
    }

    @Test
    void carriesTheCauseAndTheStoresRetryAfter() {
        IllegalStateException cause = new IllegalStateException("socket");
        ConnectorException e = ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "429 from the store", cause,
                Duration.ofSeconds(30));

        assertThat(e).hasMessage("429 from the store").hasCause(cause);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(ConnectorException.of(ErrorKind.NOT_FOUND, "no order").retryAfter()).isEmpty();
    }
}
