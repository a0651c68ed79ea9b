package io.storelink.core.storage;

import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.connection.SecretResolver;
import io.storelink.core.form.SecretReference;
import jakarta.inject.Inject;

import java.nio.file.Path;

/**
 * Opens the database that settings name, their user and password resolved first when they are
 * {@code ${env:NAME}} / {@code ${file:/path}} references: the host's own database, and the target of
 * {@code storelink db copy}.
 */
public final class Databases {

    private final SecretResolver resolver;

    @Inject
    public Databases(SecretResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param settings which database
     * @param home the host's home, where the default SQLite file lives
     * @return the database, migrated to this release's schema
     */
    public Database open(DatabaseSettings settings, Path home) {
        return Database.open(new DatabaseSettings(settings.url(), resolved(DatabaseSettings.USER, settings.user()),
                resolved(DatabaseSettings.PASSWORD, settings.password()), settings.poolSize()), home);
    }

    /**
     * Copies the host's database into another, empty one ({@code storelink db copy}); see {@link DatabaseCopy}.
     *
     * @param source the host's database; only read
     * @param target the database to fill, its user and password possibly references
     * @param home the host's home
     * @return each table with its rows and checksum, equal in both
     */
    public java.util.List<DatabaseCopy.Copied> copy(Database source, DatabaseSettings target, Path home) {
        try (Database into = open(target, home)) {
            return DatabaseCopy.copy(source, into);
        }
    }

    /** A setting's value, or what its {@code ${env:NAME}} / {@code ${file:/path}} reference names. */
    private String resolved(String setting, String value) {
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
