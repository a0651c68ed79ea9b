package io.storelink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded soak of {@code storelink serve} ({@link Soak}), short: 10 connections by default, or
 * {@code -Dsoak.connections=50} (and {@code -Dsoak.rounds}, {@code -Dsoak.orders}) for the long one; the bench's
 * {@code --only soak} runs the long one as a figure. Killed with SIGKILL halfway and started again, the server must
 * import every ready order exactly once and send every notification exactly once.
 */
final class SoakIT {

    @TempDir
    Path home;

    @Test
    void everyOrderImportedOnceAndEveryNotificationSentOnceAcrossAKill() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 6);
        Soak.Options options = new Soak.Options(Integer.getInteger("soak.connections", 10),
                Integer.getInteger("soak.orders", 150), rounds, 3, 5, rounds / 2, 7);

        Soak.Result result = Soak.run(CliRun.distribution(), home, options, System.out);

        assertExactlyOnceAcrossTheKill(result, options);
    }

    /**
     * What a soak must count, with one host or several: no problem, the kill came while imports ran and
     * notifications were in flight, every ready order imported once, every notification stored and sent once and
     * shipped once at its store.
     */
    static void assertExactlyOnceAcrossTheKill(Soak.Result result, Soak.Options options) {
        assertThat(result.problems()).isEmpty();
        assertThat(result.killedRunsLeftRunning()).as("the kill came while imports ran").isPositive();
        assertThat(result.reposted()).as("the kill came while notifications were in flight").isPositive();
        assertThat(result.duplicateRows()).isZero();
        assertThat(result.missingOrders()).isZero();
        assertThat(result.unexpectedOrders()).isZero();
        assertThat(result.importedRows()).isEqualTo(result.expectedOrders());
        assertThat(result.notificationsPosted()).isGreaterThan(options.connections());
        assertThat(result.outboxRows()).isEqualTo(result.notificationsPosted());
        assertThat(result.outboxSent()).isEqualTo(result.notificationsPosted());
        assertThat(result.storeShipments()).isEqualTo(result.notificationsPosted());
        assertThat(result.ordersNotShippedOnce()).isZero();
        assertThat(result.exactlyOnce()).isTrue();
    }
}
