package io.storelink.core.audit;

import io.storelink.core.testing.TestDatabases;
import io.storelink.core.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class AuditLogTest {

    @TempDir
    java.nio.file.Path home;

    @Test
    void recordsWhoWhenWhatAndWhichFieldsPerConnection() {
        try (Database database = TestDatabases.open(home)) {
            AuditLog log = new AuditLog(database, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

            log.record("api-token@127.0.0.1", AuditLog.Action.CREATED, "shop", List.of("access-token", "store-url"));
            log.record("api-token@127.0.0.1", AuditLog.Action.DELETED, "other", List.of());

            assertThat(log.entries("shop")).singleElement().satisfies(entry -> {
                assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
                assertThat(entry.actor()).isEqualTo("api-token@127.0.0.1");
                assertThat(entry.action()).isEqualTo("connection.created");
                assertThat(entry.fields()).containsExactly("access-token", "store-url");
            });
            assertThat(log.entries(null)).extracting(AuditLog.Entry::connection).containsExactly("shop", "other");
        }
    }
}
