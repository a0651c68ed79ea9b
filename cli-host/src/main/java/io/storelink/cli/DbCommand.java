package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink db}: the host's database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "The host's database: migrate it to this release's schema, or copy it into another database "
                + "(moving a single host's SQLite file to PostgreSQL).",
        subcommands = {DbMigrateCommand.class, DbCopyCommand.class})
final class DbCommand {
}
