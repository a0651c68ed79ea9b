package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class Magento2ImportCursorTest {

    private static final Instant RUN = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2024-05-01T11:30:00Z");

    @Test
    void startsEmpty() {
        assertThat(Magento2ImportCursor.decode(null)).isEqualTo(Magento2ImportCursor.INITIAL);
        assertThat(Magento2ImportCursor.decode("")).isEqualTo(Magento2ImportCursor.INITIAL);
        assertThat(Magento2ImportCursor.INITIAL.hasCompletedRun()).isFalse();
    }

    @Test
    void midRunBatchesMoveOnlyTheInRunKey() {
        Magento2ImportCursor completed = Magento2ImportCursor.INITIAL.completeRun(RUN, CUTOFF, "processing@", 40);
        Instant nextRun = RUN.plusSeconds(900);

        Magento2ImportCursor midRun = completed.continueAfter(nextRun, 75);

        assertThat(midRun.lastId()).isEqualTo(40);
        assertThat(midRun.previousRunStart()).isEqualTo(RUN);
        assertThat(midRun.continues(nextRun)).isTrue();
        assertThat(midRun.continues(nextRun.plusSeconds(1))).isFalse();
        assertThat(midRun.after()).isEqualTo(75);
    }

    @Test
    void theFinalBatchRecordsTheRun() {
        Magento2ImportCursor cursor = Magento2ImportCursor.INITIAL.continueAfter(RUN, 10)
                .completeRun(RUN, CUTOFF, "processing@", 25);

        assertThat(cursor.lastId()).isEqualTo(25);
        assertThat(cursor.previousRunStart()).isEqualTo(RUN);
        assertThat(cursor.previousCutoff()).isEqualTo(CUTOFF);
        assertThat(cursor.inRun()).isNull();
        assertThat(cursor.completeRun(RUN.plusSeconds(60), CUTOFF, "processing@", 0).lastId()).isEqualTo(25);
    }

    @Test
    void survivesTheRoundTripThroughTheHost() {
        Magento2ImportCursor cursor = Magento2ImportCursor.INITIAL.completeRun(RUN, CUTOFF, "pending,processing@de", 99)
                .continueAfter(RUN.plusSeconds(60), 120);

        String stored = cursor.encode();

        assertThat(stored).startsWith("v1;");
        assertThat(Magento2ImportCursor.decode(stored)).isEqualTo(cursor);
    }

    @Test
    void rejectsACursorItDidNotWrite() {
        assertThatThrownBy(() -> Magento2ImportCursor.decode("{\"page\":3}"))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILURE));
        assertThatThrownBy(() -> Magento2ImportCursor.decode("v1;lastId=x"))
                .isInstanceOf(ConnectorException.class);
    }
}
