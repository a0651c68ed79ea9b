package io.storelink.sdk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class DatesTest {

    private static final Instant AT = Instant.parse("2026-03-21T16:46:41Z");

    @Test
    void readsIsoWithAndWithoutOffsetSpaceSeparatedAndEpochToUtc() {
        assertThat(Dates.parse("d", "2026-03-21T16:46:41Z")).isEqualTo(AT);
        assertThat(Dates.parse("d", "2026-03-21T17:46:41+01:00")).isEqualTo(AT);
        assertThat(Dates.parse("d", "2026-03-21T17:46:41+0100")).isEqualTo(AT);
        assertThat(Dates.parse("d", "2026-03-21T16:46:41.250Z")).isEqualTo(AT.plusMillis(250));
        assertThat(Dates.parse("d", "2026-03-21T16:46:41")).isEqualTo(AT);
        assertThat(Dates.parse("d", " 2026-03-21 16:46:41 ")).isEqualTo(AT);
        assertThat(Dates.parse("d", "2026-03-21")).isEqualTo(Instant.parse("2026-03-21T00:00:00Z"));
        assertThat(Dates.parse("d", Long.toString(AT.getEpochSecond()))).isEqualTo(AT);
        assertThat(Dates.parse("d", Long.toString(AT.toEpochMilli() + 5))).isEqualTo(AT.plusMillis(5));
    }

    @Test
    void readsALocalTimeInTheZoneGivenButAnOffsetAsWritten() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Dates.parse("d", "2026-03-21 17:46:41", berlin)).isEqualTo(AT);
        assertThat(Dates.parse("d", "2026-07-01 12:00:00", berlin)).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(Dates.parse("d", "2026-03-21T16:46:41Z", berlin)).isEqualTo(AT);
    }

    @Test
    void refusesANonDateNamingFieldAndValueAndTakesBlankAsMissing() {
        assertThatThrownBy(() -> Dates.parse("date_created_gmt", "21/03/2026"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("date_created_gmt");
                    assertThat(e.getMessage()).startsWith("date_created_gmt is '21/03/2026', expected a date");
                });
        assertThatThrownBy(() -> Dates.parse("created_at", "2026-02-30 10:00:00"))
                .hasMessageContaining("created_at is '2026-02-30 10:00:00'");
        assertThatThrownBy(() -> Dates.parse("created_at", null)).hasMessageStartingWith("created_at is missing");
        assertThat(Dates.parseOrNull("created_at", "  ")).isNull();
    }
}
