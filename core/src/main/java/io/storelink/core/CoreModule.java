package io.storelink.core;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.core.connection.ConnectionModule;
import io.storelink.core.order.OrderModule;
import io.storelink.core.plugin.PluginModule;
import io.storelink.core.shipment.ShipmentModule;
import io.storelink.core.storage.StorageModule;

import java.time.Clock;

/**
 * Every core module. The embedding application binds {@link io.storelink.core.config.HostConfig}.
 */
public final class CoreModule extends AbstractModule {

    private final MeterRegistry registry;

    /** With metrics kept in a {@link SimpleMeterRegistry}, for a process that does not serve them (the CLI). */
    public CoreModule() {
        this(new SimpleMeterRegistry());
    }

    /** @param registry where the services record their metrics (a Prometheus registry, in a server) */
    public CoreModule(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(MeterRegistry.class).toInstance(registry);
        bind(StorelinkMetrics.class).in(Singleton.class);
        install(new StorageModule());
        install(new PluginModule());
        install(new ConnectionModule());
        install(new OrderModule());
        install(new ShipmentModule());
        bind(SyncScheduler.class).in(Singleton.class);
    }
}
