package io.storelink.cli;

import io.storelink.core.connection.ConnectionService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code storelink connections remove <name>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a connection.")
final class ConnectionsRemoveCommand implements Callable<Integer> {

    private final Provider<ConnectionService> connections;
    private final Terminal terminal;

    @Parameters(paramLabel = "<name>", description = "Connection name.")
    String name;

    @Inject
    ConnectionsRemoveCommand(Provider<ConnectionService> connections, Terminal terminal) {
        this.connections = connections;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        connections.get().remove(name);
        terminal.out().printf("Removed connection %s.%n", name);
        terminal.out().flush();
        return ErrorHandler.OK;
    }
}
