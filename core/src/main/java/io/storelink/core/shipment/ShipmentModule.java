package io.storelink.core.shipment;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Binds the ship-notification outbox. */
public final class ShipmentModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ShipmentRepository.class).in(Singleton.class);
        bind(ShipmentService.class).in(Singleton.class);
    }
}
