package io.storelink.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.config.HostConfig;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.schedule.SyncScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What an embedding application (the CLI, the server) gets from the core module. */
final class CoreModuleTest {

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @Test
    void bindsTheRegistryItIsGivenAndOneSchedulerOverTheServicesThatRecordInIt() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Injector injector = Guice.createInjector(new CoreModule(registry), binder -> binder.bind(HostConfig.class)
                .toInstance(new HostConfig(home, plugins, Duration.ofSeconds(5), new RetryPolicy(1,
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                        .withDatabase(io.storelink.core.testing.TestDatabases.settings(home))));
        try {
            assertThat(injector.getInstance(MeterRegistry.class)).isSameAs(registry);
            assertThat(injector.getInstance(StorelinkMetrics.class).registry()).isSameAs(registry);
            SyncScheduler scheduler = injector.getInstance(SyncScheduler.class);
            assertThat(injector.getInstance(SyncScheduler.class)).isSameAs(scheduler);
            assertThat(scheduler.settings()).isEqualTo(io.storelink.core.schedule.ScheduleSettings.DEFAULTS);

            scheduler.start();
            assertThat(scheduler.running()).isTrue();
            assertThat(scheduler.stop(Duration.ofSeconds(1))).isTrue();
            assertThat(scheduler.running()).isFalse();
        } finally {
            injector.getInstance(PluginHost.class).close();
        }
    }

    @Test
    void keepsMetricsInARegistryOfItsOwnWhenGivenNone() {
        Injector injector = Guice.createInjector(new CoreModule(), binder -> binder.bind(HostConfig.class)
                .toInstance(new HostConfig(home, plugins, Duration.ofSeconds(5), new RetryPolicy(1,
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                        .withDatabase(io.storelink.core.testing.TestDatabases.settings(home))));

        assertThat(injector.getInstance(MeterRegistry.class))
                .isInstanceOf(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class);
    }
}
