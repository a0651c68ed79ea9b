package io.storelink.core;

import com.google.inject.AbstractModule;
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

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        install(new StorageModule());
        install(new PluginModule());
        install(new ConnectionModule());
        install(new OrderModule());
        install(new ShipmentModule());
    }
}
