package io.storelink.cli;

import io.storelink.core.audit.AuditLog;
import io.storelink.core.connection.ConnectionService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink connections remove <name>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a connection.")
final class ConnectionsRemoveCommand implements Callable<Integer> {

    private final Provider<ConnectionService> connections;
    private final Provider<AuditLog> audit;
    private final Terminal terminal;

    @Parameters(paramLabel = "<name>", description = "Connection name.")
    String name;

    @Inject
    ConnectionsRemoveCommand(Provider<ConnectionService> connections, Provider<AuditLog> audit, Terminal terminal) {
        this.connections = connections;
        this.audit = audit;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ConnectionService service = connections.get();
        String removed = service.get(name).name();
        service.remove(removed);
        audit.get().record(ConnectionsCommand.auditActor(), AuditLog.Action.DELETED, removed, List.of());
        terminal.out().printf("Removed connection %s.%n", removed);
        terminal.out().flush();
        return ErrorHandler.OK;
    }
}
