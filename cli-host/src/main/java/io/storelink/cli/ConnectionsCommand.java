package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink connections}: add, list, show and remove connections to stores. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Add, list, show and remove connections to stores.",
        subcommands = {ConnectionsAddCommand.class, ConnectionsListCommand.class, ConnectionsShowCommand.class,
                ConnectionsRemoveCommand.class, ConnectionsTestCommand.class, ConnectionsScheduleCommand.class})
final class ConnectionsCommand {

    /**
     * @return who a connection change made on the command line is audited as: the OS user name (an API change is
     *         {@code api-token@<address>})
     */
    static String auditActor() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "cli" : user;
    }
}
