package io.storelink.core.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.SecretResolver;
import io.storelink.core.form.SecretReference;

import java.time.Clock;

/**
 * Binds the host's database: by default the SQLite file {@value #DATABASE_FILE} in the home, or the one
 * {@code storelink.database.url} names, with its user and password resolved when they are references.
 */
public final class StorageModule extends AbstractModule {

    public static final String DATABASE_FILE = "storelink.db";

    @Provides
    @Singleton
    Database database(HostConfig config, SecretResolver resolver, Clock clock) {
        DatabaseSettings settings = config.database();
        return Database.open(new DatabaseSettings(settings.url(), resolved(resolver, DatabaseSettings.USER,
                settings.user()), resolved(resolver, DatabaseSettings.PASSWORD, settings.password()),
                settings.poolSize()), config.ensureHome()).leasesOn(clock, config.leaseDuration());
    }

    /** A setting's value, or what its {@code ${env:NAME}} / {@code ${file:/path}} reference names. */
    private static String resolved(SecretResolver resolver, String setting, String value) {
        if (value == null) {
            return null;
        }
        try {
            return SecretReference.parse(value).map(reference -> resolver.resolve("(host)", setting, reference))
                    .orElse(value);
        } catch (IllegalArgumentException e) {
            // The value is never shown: it may be the password itself.
            throw new IllegalArgumentException("Invalid setting: " + setting + " " + e.getMessage(), e);
        }
    }
}
