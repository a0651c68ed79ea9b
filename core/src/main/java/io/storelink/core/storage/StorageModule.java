package io.storelink.core.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.HostConfig;

/** Binds the host's database file, {@code storelink.db} in the home directory. */
public final class StorageModule extends AbstractModule {

    public static final String DATABASE_FILE = "storelink.db";

    @Provides
    @Singleton
    Database database(HostConfig config) {
        return Database.open(config.ensureHome().resolve(DATABASE_FILE));
    }
}
