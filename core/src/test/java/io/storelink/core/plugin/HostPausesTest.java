package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host stopped mid-call (here this very JVM, with {@code SIGSTOP} from a shell, and {@code SIGCONT} three seconds
 * later) does not count the pause against the plugin's time limit: before, it woke up past the limit, abandoned a
 * call whose answer came at once, and a client was told 502 that the plugin did not return in time.
 */
@EnabledOnOs(OS.LINUX)
final class HostPausesTest {

    @Test
    void aCallSpanningAPauseOfTheHostLongerThanItsLimitIsNotAbandoned() throws Exception {
        long pid = ProcessHandle.current().pid();
        CountDownLatch answered = new CountDownLatch(1);
        long stoppedBefore = HostPauses.stoppedNanos();
        Process stopper = new ProcessBuilder("sh", "-c", "sleep 0.3; kill -STOP " + pid + "; sleep 3; kill -CONT "
                + pid).inheritIO().start();
        // The store answers 300 ms after the host is running again.
        CompletableFuture.runAsync(() -> {
            try {
                stopper.waitFor();
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.countDown();
        });

        String result = PluginCall.run("Plugin test 1.0.0", "connect", Duration.ofSeconds(2),
                "storelink.plugin-time-limits.connect", getClass().getClassLoader(), () -> {
                    assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
                    return "connected";
                });

        assertThat(stopper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stopper.exitValue()).as("the shell stopped and resumed this JVM").isZero();
        assertThat(result).isEqualTo("connected");
        assertThat(HostPauses.stoppedNanos() - stoppedBefore).as("counted as stopped")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(1_500), TimeUnit.MILLISECONDS.toNanos(6_000));
    }

    @Test
    void aCallPastItsLimitWhileTheHostRunsIsStillAbandoned() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> PluginCall.run("Plugin test 1.0.0", "connect", Duration.ofMillis(300),
                "storelink.plugin-time-limits.connect", getClass().getClassLoader(), () -> {
                    Thread.sleep(30_000);
                    return "never";
                })).isInstanceOf(ConnectorException.class)
                .hasMessage("Plugin test 1.0.0 did not return from connect within 300 ms "
                        + "(storelink.plugin-time-limits.connect); the call was abandoned");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
