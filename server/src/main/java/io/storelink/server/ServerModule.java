package io.storelink.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * The server's bindings, installed next to core's modules: its settings, the {@link ImportRuns} behind
 * {@code POST .../imports} (the scheduler's, so runs asked for and scheduled runs share one slot per connection),
 * and the readiness checks of {@code /health/ready}. Whoever runs the server starts the
 * {@link io.storelink.core.schedule.SyncScheduler} with it.
 */
public final class ServerModule extends AbstractModule {

    private final ServerConfig config;

    public ServerModule(ServerConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(ImportRuns.class).to(SchedulerImportRuns.class);
        Multibinder<ReadinessCheck> checks = Multibinder.newSetBinder(binder(), ReadinessCheck.class);
        checks.addBinding().to(ReadinessChecks.DatabaseReachable.class);
        checks.addBinding().to(ReadinessChecks.PluginsLoaded.class);
        checks.addBinding().to(ReadinessChecks.SchedulerRunning.class);
        checks.addBinding().to(ReadinessChecks.ClockInStep.class);
    }
}
