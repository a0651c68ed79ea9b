package io.storelink.core.storage;

import io.storelink.core.testing.PostgresOnly;
import io.storelink.core.testing.SqliteOnly;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host measures its clock against the database server's before it takes leases on work it shares. */
final class ClockCheckTest {

    @TempDir
    Path home;

    @Test
    @PostgresOnly // the one clock several hosts reach
    void aHostWhoseClockIsMoreThanFiveSecondsOffTheDatabasesIsRefusedSayingByHowMuch() {
        Database database = TestDatabases.open(home);
        // The embedded server runs on this machine: its clock is this JVM's, to within the round trip.
        ClockCheck same = new ClockCheck(database, Clock.systemUTC());
        assertThat(same.offset()).hasValueSatisfying(offset -> assertThat(offset.abs())
                .isLessThan(Duration.ofMillis(500)));
        same.check();

        ClockCheck ahead = new ClockCheck(database, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(7)));
        assertThat(ahead.offset()).hasValueSatisfying(offset -> assertThat(offset)
                .isBetween(Duration.ofMillis(6_500), Duration.ofMillis(7_500)));
        assertThatThrownBy(ahead::check).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("This host's clock is 7.0 s ahead of the clock of " + database.describe())
                .hasMessageContaining("hosts more than 5 s apart could take over work another host is still doing")
                .hasMessageEndingWith("Synchronise this host's clock (NTP, e.g. timedatectl set-ntp true) and start "
                        + "it again");

        ClockCheck behind = new ClockCheck(database, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-6)));
        assertThatThrownBy(behind::check).hasMessageStartingWith("This host's clock is 6.0 s behind the clock of");
        // Within the limit: starts, with a warning past a second.
        new ClockCheck(database, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3))).check();
    }

    @Test
    @SqliteOnly // one host, one machine
    void aSqliteHostHasNoOtherClockToCompare() {
        Database database = TestDatabases.open(home);
        ClockCheck ahead = new ClockCheck(database, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        assertThat(ahead.offset()).isEmpty();
        ahead.check();
    }

    @Test
    void offsetsReadAsAheadOrBehind() {
        assertThat(ClockCheck.describe(Duration.ofMillis(7_340))).isEqualTo("7.3 s ahead of");
        assertThat(ClockCheck.describe(Duration.ofMillis(-250))).isEqualTo("0.3 s behind");
    }
}
