package io.storelink.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.storelink.core.audit.AuditLog;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.plugin.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code storelink connections add}: the Add Connection wizard, or the same in one line with {@code --name},
 * {@code --platform} and {@code --set key=value}, or from a file.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a connection to a store.",
            "Without options, asks for each field. With --name/--platform/--set/--from-file, asks nothing.",
            "A secret may be given as ${env:NAME} or ${file:/path}, resolved only when the connection is used,",
            "or as '-' (--set access-token=-) to read it from standard input: a value on the command line is",
            "visible to every local user in the process list."})
final class ConnectionsAddCommand implements Callable<Integer> {

    private final Provider<ConnectionService> connections;
    private final Provider<PluginHost> plugins;
    private final Provider<AuditLog> audit;
    private final Terminal terminal;

    @Option(names = "--name", paramLabel = "<name>", description = "Unique connection name.")
    String name;

    @Option(names = "--platform", paramLabel = "<id>", description = "Platform id, for example magento2.")
    String platform;

    @Option(names = "--set", paramLabel = "<key=value>", description = "A field value; repeat for each field.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--from-file", paramLabel = "<file>",
            description = "A JSON or HOCON file with name, platform and a values object; --set wins over it.")
    Path fromFile;

    @Inject
    ConnectionsAddCommand(Provider<ConnectionService> connections, Provider<PluginHost> plugins,
                          Provider<AuditLog> audit, Terminal terminal) {
        this.connections = connections;
        this.plugins = plugins;
        this.audit = audit;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ConnectionService service = connections.get();
        Connection connection;
        if (name == null && platform == null && values.isEmpty() && fromFile == null) {
            ConnectionWizard.Answers answers = new ConnectionWizard(terminal, plugins.get(), service).run();
            connection = service.add(answers.name(), answers.platform(), answers.values());
        } else {
            Map<String, String> given = new LinkedHashMap<>();
            if (fromFile != null) {
                readFile(given);
            }
            given.putAll(values);
            readStandardInput(given);
            connection = service.add(name, platform, given);
        }
        audit.get().record(ConnectionsCommand.auditActor(), AuditLog.Action.CREATED, connection.name(),
                connection.storedValues().keySet());
        terminal.out().printf("Added connection %s (%s).%n", connection.name(), connection.platform());
        terminal.out().flush();
        return ErrorHandler.OK;
    }

    /**
     * {@code --set access-token=-} takes that value from standard input (one line, not echoed on a terminal), so a
     * token never appears on the command line, where every local user can read it with {@code ps}.
     */
    private void readStandardInput(Map<String, String> given) {
        List<String> fromStdin = given.entrySet().stream().filter(entry -> entry.getValue().equals("-"))
                .map(Map.Entry::getKey).toList();
        if (fromStdin.size() > 1) {
            throw new ValidationException(List.of(new FieldError("set", "only one value can be read from standard "
                    + "input, but " + String.join(", ", fromStdin) + " are all '-'; expected '-' for one field")));
        }
        if (fromStdin.isEmpty()) {
            return;
        }
        String key = fromStdin.get(0);
        String line = terminal.interactive() ? terminal.readSecret(key + ": ") : terminal.readLine("");
        if (line == null || line.isBlank()) {
            throw new ValidationException(List.of(new FieldError(key, "'-' reads the value from standard input, "
                    + "but it was empty; expected one line with the value")));
        }
        given.put(key, line);
    }

    private void readFile(Map<String, String> given) {
        if (!Files.isReadable(fromFile)) {
            throw new ValidationException(List.of(new FieldError("from-file", "'" + fromFile
                    + "' cannot be read; expected a readable JSON or HOCON file")));
        }
        try {
            Config file = ConfigFactory.parseFile(fromFile.toFile()).resolve();
            if (name == null && file.hasPath("name")) {
                name = file.getString("name");
            }
            if (platform == null && file.hasPath("platform")) {
                platform = file.getString("platform");
            }
            if (file.hasPath("values")) {
                for (Map.Entry<String, ConfigValue> entry : file.getObject("values").entrySet()) {
                    given.put(entry.getKey(), String.valueOf(entry.getValue().unwrapped()));
                }
            }
        } catch (ConfigException e) {
            throw new ValidationException(List.of(new FieldError("from-file", "'" + fromFile
                    + "' is not valid: " + e.getMessage() + "; expected {name, platform, values {...}}")));
        }
    }
}
