package io.storelink.cli;

import io.storelink.core.storage.Database;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code storelink db migrate}: opens the configured database, which applies the migrations it has not seen (as
 * every command does), and says which schema version it is at.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply this release's schema migrations to the configured database (storelink.database.url; "
                + "by default storelink.db in the home), and print its schema version.")
final class DbMigrateCommand implements Callable<Integer> {

    private final Provider<Database> database;
    private final Terminal terminal;

    @Inject
    DbMigrateCommand(Provider<Database> database, Terminal terminal) {
        this.database = database;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Database migrated = database.get();
        terminal.out().printf("%s is at schema version %d, this release's.%n", migrated.describe(),
                migrated.schemaVersion());
        terminal.out().flush();
        return ErrorHandler.OK;
    }
}
