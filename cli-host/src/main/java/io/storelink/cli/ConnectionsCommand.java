package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink connections}: add, list, show and remove connections to stores. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Add, list, show and remove connections to stores.",
        subcommands = {ConnectionsAddCommand.class, ConnectionsListCommand.class, ConnectionsShowCommand.class,
                ConnectionsRemoveCommand.class, ConnectionsTestCommand.class})
final class ConnectionsCommand {
}
