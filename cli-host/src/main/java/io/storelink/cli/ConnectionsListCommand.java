package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink connections list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List connections.")
final class ConnectionsListCommand implements Callable<Integer> {

    private final Provider<ConnectionService> connections;
    private final Terminal terminal;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    ConnectionsListCommand(Provider<ConnectionService> connections, Terminal terminal) {
        this.connections = connections;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Connection> all = connections.get().list();
        PrintWriter out = terminal.out();
        if (json) {
            ArrayNode array = Json.mapper().createArrayNode();
            for (Connection connection : all) {
                array.addObject()
                        .put("name", connection.name())
                        .put("platform", connection.platform())
                        .put("createdAt", connection.createdAt().toString())
                        .put("updatedAt", connection.updatedAt().toString());
            }
            Json.print(out, array);
            return ErrorHandler.OK;
        }
        if (all.isEmpty()) {
            out.println("No connections. Add one with: storelink connections add");
        } else {
            out.printf("%-24s %-12s %s%n", "NAME", "PLATFORM", "CREATED");
            for (Connection connection : all) {
                out.printf("%-24s %-12s %s%n", connection.name(), connection.platform(), connection.createdAt());
            }
        }
        out.flush();
        return ErrorHandler.OK;
    }
}
