package io.storelink.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * The server's bindings, installed next to core's modules: its settings, the {@link ImportRuns} behind
 * {@code POST .../imports}, and the readiness checks of {@code /health/ready}.
 *
 * <p>SCHEDULER (issue 13): bind {@link ImportRuns} to the scheduler's implementation instead of
 * {@link ExecutorImportRuns}, and add the scheduler's {@link ReadinessCheck} to the multibinding.
 */
public final class ServerModule extends AbstractModule {

    private final ServerConfig config;

    public ServerModule(ServerConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(ImportRuns.class).to(ExecutorImportRuns.class);
        Multibinder<ReadinessCheck> checks = Multibinder.newSetBinder(binder(), ReadinessCheck.class);
        checks.addBinding().to(ReadinessChecks.DatabaseReachable.class);
        checks.addBinding().to(ReadinessChecks.PluginsLoaded.class);
    }
}
