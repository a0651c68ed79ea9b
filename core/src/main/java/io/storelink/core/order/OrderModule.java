package io.storelink.core.order;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Binds the import engine and order queries. */
public final class OrderModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OrderRepository.class).in(Singleton.class);
        bind(OrderImportService.class).in(Singleton.class);
        bind(OrderQueryService.class).in(Singleton.class);
    }
}
