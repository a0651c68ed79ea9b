package io.storelink.core.storage;

import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code storelink.lease.duration}: how far a lease taken now reaches. */
final class LeaseDurationTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path home;

    @Test
    void aLeaseRunsTheDurationItWasSetToAndAMinuteByDefault() {
        try (Database database = TestDatabases.open(home);
             Leases byDefault = new Leases(database, Clock.fixed(NOW, ZoneOffset.UTC));
             Leases brief = new Leases(database, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(3))) {
            assertThat(byDefault.take()).isEqualTo(NOW.plusSeconds(60).toEpochMilli());
            assertThat(brief.duration()).isEqualTo(Duration.ofSeconds(3));
            assertThat(brief.take()).isEqualTo(NOW.plusSeconds(3).toEpochMilli());
        }
    }

    @Test
    void aLeaseRunsAtLeastASecond() {
        try (Database database = TestDatabases.open(home)) {
            assertThatThrownBy(() -> new Leases(database, Clock.systemUTC(), Duration.ofMillis(999)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least a second");
        }
    }
}
