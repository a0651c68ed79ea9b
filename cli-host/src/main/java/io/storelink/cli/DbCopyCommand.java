package io.storelink.cli;

import io.storelink.core.config.DatabaseSettings;
import io.storelink.core.config.HostConfig;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.DatabaseCopy;
import io.storelink.core.storage.Databases;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code storelink db copy --to <url>}: every row of the configured database into another, empty one, checked by
 * counts and checksums per table; the configured database is only read.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy every row of the configured database into another, empty database (for example a SQLite "
                + "install into PostgreSQL), table by table, checked by row counts and checksums. The configured "
                + "database is only read. Stop storelink serve first, so that nothing changes while it copies.")
final class DbCopyCommand implements Callable<Integer> {

    private final Provider<Database> source;
    private final Provider<Databases> databases;
    private final Provider<HostConfig> config;
    private final Terminal terminal;

    @Option(names = "--to", required = true, paramLabel = "<url>",
            description = "The target: jdbc:postgresql://host[:port]/database (or jdbc:sqlite:/path/to/file).")
    String to;

    @Option(names = "--to-user", paramLabel = "<user>", description = "The target's user, or a ${env:NAME} / "
            + "${file:/path} reference to it.")
    String user;

    @Option(names = "--to-password", paramLabel = "<reference>", description = "The target's password as a "
            + "${env:NAME} or ${file:/path} reference; never the password itself, which others could see in the "
            + "process list.")
    String password;

    @Inject
    DbCopyCommand(Provider<Database> source, Provider<Databases> databases, Provider<HostConfig> config,
                  Terminal terminal) {
        this.source = source;
        this.databases = databases;
        this.config = config;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try {
            DatabaseSettings.engineOf("--to", to);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new FieldError("--to",
                    e.getMessage().substring("--to ".length()))));
        }
        if (password != null && !password.startsWith("${")) {
            throw new ValidationException(List.of(new FieldError("--to-password", "expected a ${env:NAME} or "
                    + "${file:/path} reference, not the password itself (which others could see in the process list)")));
        }
        Database from = source.get();
        List<DatabaseCopy.Copied> copied = databases.get().copy(from,
                new DatabaseSettings(to, user, password, 4), config.get().ensureHome());
        PrintWriter out = terminal.out();
        out.printf("Copied %s into %s:%n", from.describe(), DatabaseSettings.shown(to));
        for (DatabaseCopy.Copied table : copied) {
            out.printf("  %-16s %8d rows  sha256 sum %s%n", table.table(), table.rows(), table.checksum());
        }
        out.println("Every table has the same rows and checksum in both. To run on the copy, set "
                + DatabaseSettings.URL + " (and its user and password) to it.");
        out.flush();
        return ErrorHandler.OK;
    }
}
