package io.storelink.core.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class HostConfigTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("storelink.request-timeout");
        System.clearProperty(HostConfig.DISTRIBUTION_PROPERTY);
    }

    @Test
    void defaultsComeFromReferenceConf() {
        HostConfig config = HostConfig.load(Map.of());

        assertThat(config.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".storelink").toAbsolutePath()
                .normalize());
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retry().attempts()).isEqualTo(6);
        assertThat(config.retry().maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.requestDeadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxResponseBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.pluginLimits()).isEqualTo(new io.storelink.core.plugin.PluginCallLimits(
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5)));
        assertThat(config.importConcurrency()).isEqualTo(2);
    }

    @Test
    void importConcurrencyIsReadAndMustBeWithinItsRange() {
        assertThat(HostConfig.load(Map.of(HostConfig.IMPORT_CONCURRENCY, "16")).importConcurrency()).isEqualTo(16);

        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.IMPORT_CONCURRENCY, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.import.concurrency is 0; it must be a whole number from 1 "
                        + "to 16 (page requests one import keeps in flight at a store)");
        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.IMPORT_CONCURRENCY, "17")))
                .hasMessageContaining("storelink.import.concurrency is 17; it must be a whole number from 1 to 16");
        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.IMPORT_CONCURRENCY, "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.import.concurrency is 'many'; it must be a whole number from "
                        + "1 to 16 (page requests one import keeps in flight at a store)");
    }

    @Test
    void theLeaseDurationIsAMinuteUnlessSetAndMustBeFromASecondToAnHour() {
        assertThat(HostConfig.load(Map.of()).leaseDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(HostConfig.load(Map.of(HostConfig.LEASE_DURATION, "3s")).leaseDuration())
                .isEqualTo(Duration.ofSeconds(3));

        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.LEASE_DURATION, "500ms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.lease.duration is PT0.5S; it must be from 1s to 1h");
        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.LEASE_DURATION, "2h")))
                .hasMessageContaining("storelink.lease.duration is PT2H; it must be from 1s to 1h");
    }

    @Test
    void theSchedulersSettingsHaveDefaultsAndAreChecked() {
        assertThat(HostConfig.load(Map.of()).schedule()).isEqualTo(io.storelink.core.schedule.ScheduleSettings.DEFAULTS);
        assertThat(io.storelink.core.schedule.ScheduleSettings.DEFAULTS).isEqualTo(
                new io.storelink.core.schedule.ScheduleSettings(Duration.ofMinutes(5), 4, Duration.ofHours(1),
                        Duration.ofSeconds(10), 2, Duration.ofSeconds(30)));

        HostConfig config = HostConfig.load(Map.of("storelink.schedule.import-interval", "15m",
                "storelink.schedule.workers", "8", "storelink.schedule.max-backoff", "2h",
                "storelink.schedule.outbox-interval", "30s", "storelink.schedule.outbox-workers", "3",
                "storelink.schedule.stop-drain", "1m"));
        assertThat(config.schedule()).isEqualTo(new io.storelink.core.schedule.ScheduleSettings(
                Duration.ofMinutes(15), 8, Duration.ofHours(2), Duration.ofSeconds(30), 3, Duration.ofMinutes(1)));

        assertThatThrownBy(() -> HostConfig.load(Map.of("storelink.schedule.import-interval", "30s")))
                .hasMessage("Invalid setting: storelink.schedule.import-interval is 30 s; it must be from 1 minute "
                        + "to 1 day (for example 5m)");
        assertThatThrownBy(() -> HostConfig.load(Map.of("storelink.schedule.workers", "0")))
                .hasMessage("Invalid setting: storelink.schedule.workers is 0; it must be a whole number from 1 "
                        + "to 256");
        assertThatThrownBy(() -> HostConfig.load(Map.of("storelink.schedule.workers", "some")))
                .hasMessage("Invalid setting: storelink.schedule.workers is 'some'; it must be a whole number");
        assertThatThrownBy(() -> HostConfig.load(Map.of("storelink.schedule.max-backoff", "0s")))
                .hasMessageContaining("storelink.schedule.max-backoff must be more than 0");
    }

    @Test
    void limitsAreReadFromTheirSettingsAndMustBePositive() {
        HostConfig config = HostConfig.load(Map.of("storelink.plugin-time-limits.fetch-batch", "90s",
                HostConfig.MAX_RESPONSE_SIZE, "8MiB", HostConfig.REQUEST_DEADLINE, "45s"));
        assertThat(config.pluginLimits().fetchBatch()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxResponseBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.requestDeadline()).isEqualTo(Duration.ofSeconds(45));

        assertThatThrownBy(() -> HostConfig.load(Map.of("storelink.plugin-time-limits.notify-shipment", "0s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.plugin-time-limits.notify-shipment must be more than 0: PT0S");
        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.MAX_RESPONSE_SIZE, "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-response-size")
                .hasMessageContaining("lots");
    }

    @Test
    void thePluginsDirectoryDefaultsToTheDistributions() {
        System.setProperty(HostConfig.DISTRIBUTION_PROPERTY, "/opt/storelink");

        assertThat(HostConfig.load(Map.of()).pluginsDir()).isEqualTo(Path.of("/opt/storelink/plugins"));
    }

    @Test
    void systemPropertiesOverrideReferenceConfAndCommandLineOptionsOverrideBoth() {
        System.setProperty("storelink.request-timeout", "5s");
        assertThat(HostConfig.load(Map.of()).requestTimeout()).isEqualTo(Duration.ofSeconds(5));

        HostConfig config = HostConfig.load(Map.of(HostConfig.HOME, "/tmp/elsewhere",
                HostConfig.PLUGINS_DIR, "/tmp/plugins", HostConfig.REQUEST_TIMEOUT, "7s"));
        assertThat(config.home()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(config.pluginsDir()).isEqualTo(Path.of("/tmp/plugins"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void namesTheSettingAndValueThatAreMalformed() {
        assertThatThrownBy(() -> HostConfig.load(Map.of(HostConfig.REQUEST_TIMEOUT, "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request-timeout")
                .hasMessageContaining("soon");
    }

    @Test
    void theDatabaseIsTheSqliteFileInTheHomeUnlessAUrlNamesAnother() {
        HostConfig config = HostConfig.load(Map.of(HostConfig.HOME, "/tmp/elsewhere"));
        assertThat(config.database().engine()).isEqualTo(DatabaseSettings.Engine.SQLITE);
        assertThat(config.database().sqliteFile(config.home())).isEqualTo(Path.of("/tmp/elsewhere/storelink.db"));

        HostConfig postgres = HostConfig.load(Map.of(DatabaseSettings.URL, "jdbc:postgresql://db.example:5432/storelink",
                DatabaseSettings.USER, "storelink", DatabaseSettings.PASSWORD, "${env:STORELINK_PG_PASSWORD}"));
        assertThat(postgres.database().engine()).isEqualTo(DatabaseSettings.Engine.POSTGRESQL);
        assertThat(postgres.database().password()).isEqualTo("${env:STORELINK_PG_PASSWORD}");

        DatabaseSettings literal = new DatabaseSettings("jdbc:postgresql://db.example/storelink?password=hunter2",
                "storelink", "hunter2", 10);
        assertThat(literal.toString()).isEqualTo("DatabaseSettings[url=jdbc:postgresql://db.example/storelink, "
                + "user=storelink, password=(hidden), poolSize=10]");
        assertThat(config.withDatabase(literal).toString()).doesNotContain("hunter2");
    }

    @Test
    void anUnknownDatabaseUrlIsRefusedNamingTheSettingAndWhatIsExpectedButNeverItsPassword() {
        assertThatThrownBy(() -> HostConfig.load(Map.of(DatabaseSettings.URL,
                "jdbc:mysql://db.example/storelink?password=hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid setting: storelink.database.url is 'jdbc:mysql://db.example/storelink'; expected "
                        + "jdbc:postgresql://host[:port]/database, jdbc:sqlite:/path/to/file, or nothing for "
                        + "storelink.db in the home")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> HostConfig.load(Map.of(DatabaseSettings.POOL_SIZE, "0")))
                .hasMessageContaining("storelink.database.pool-size is 0; it must be a whole number from 1 to 200");
    }
}
