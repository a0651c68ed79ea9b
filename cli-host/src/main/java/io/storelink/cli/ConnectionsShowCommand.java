package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code storelink connections show <name>}: a connection with its secrets masked. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a connection. Secrets are masked; references are shown as written.")
final class ConnectionsShowCommand implements Callable<Integer> {

    private final Provider<ConnectionService> connections;
    private final Terminal terminal;

    @Parameters(paramLabel = "<name>", description = "Connection name.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    ConnectionsShowCommand(Provider<ConnectionService> connections, Terminal terminal) {
        this.connections = connections;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ConnectionService service = connections.get();
        Connection connection = service.get(name);
        Map<String, Object> display = service.displayValues(connection);
        PrintWriter out = terminal.out();
        if (json) {
            ObjectNode document = Json.mapper().createObjectNode()
                    .put("name", connection.name())
                    .put("platform", connection.platform())
                    .put("createdAt", connection.createdAt().toString())
                    .put("updatedAt", connection.updatedAt().toString());
            ObjectNode credentials = document.putObject("credentials");
            // Numbers and booleans as JSON numbers and booleans, as the platform's form schema declares them.
            connection.credentials().keySet().forEach(key -> credentials.set(key, typed(display, key)));
            ObjectNode settings = document.putObject("settings");
            connection.settings().keySet().forEach(key -> settings.set(key, typed(display, key)));
            Json.print(out, document);
            return ErrorHandler.OK;
        }
        out.printf("Name:     %s%nPlatform: %s%nCreated:  %s%nUpdated:  %s%n", connection.name(),
                connection.platform(), connection.createdAt(), connection.updatedAt());
        out.println("Credentials:");
        connection.credentials().keySet().forEach(key -> out.printf("  %-28s %s%n", key, display.get(key)));
        out.println("Settings:");
        connection.settings().keySet().forEach(key -> out.printf("  %-28s %s%n", key, display.get(key)));
        out.flush();
        return ErrorHandler.OK;
    }

    private static JsonNode typed(Map<String, Object> display, String key) {
        return Json.mapper().valueToTree(display.get(key));
    }
}
