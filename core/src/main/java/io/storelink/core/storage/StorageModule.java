package io.storelink.core.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.HostConfig;

import java.time.Clock;

/**
 * Binds the host's database: by default the SQLite file {@value #DATABASE_FILE} in the home, or the one
 * {@code storelink.database.url} names, with its user and password resolved when they are references.
 */
public final class StorageModule extends AbstractModule {

    public static final String DATABASE_FILE = "storelink.db";

    @Provides
    @Singleton
    Database database(HostConfig config, Databases databases, Clock clock) {
        return databases.open(config.database(), config.ensureHome()).leasesOn(clock, config.leaseDuration());
    }
}
