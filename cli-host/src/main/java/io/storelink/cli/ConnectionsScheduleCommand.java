package io.storelink.cli;

import io.storelink.core.audit.AuditLog;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.retry.RetryPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code storelink connections schedule <name> [--every <interval> | --host-default]}. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Show or set how often storelink serve imports a connection.",
            "Without an option, prints the connection's interval and where it comes from."})
final class ConnectionsScheduleCommand implements Callable<Integer> {

    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})\\s*(s|m|min|h|d)", Pattern.CASE_INSENSITIVE);

    private final Provider<ConnectionService> connections;
    private final Provider<AuditLog> audit;
    private final Provider<HostConfig> host;
    private final Terminal terminal;

    @Parameters(paramLabel = "<name>", description = "Connection name.")
    String name;

    @ArgGroup(exclusive = true)
    Change change;

    static final class Change {
        @Option(names = "--every", paramLabel = "<interval>",
                description = "Its own interval, from 1m to 1d: a number and s, m, h or d (for example 10m).")
        String every;

        @Option(names = "--host-default", description = "Follow storelink.schedule.import-interval again.")
        boolean hostDefault;
    }

    @Inject
    ConnectionsScheduleCommand(Provider<ConnectionService> connections, Provider<AuditLog> audit,
                               Provider<HostConfig> host, Terminal terminal) {
        this.connections = connections;
        this.audit = audit;
        this.host = host;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ConnectionService service = connections.get();
        String connection = service.get(name).name();
        if (change != null && change.every != null) {
            service.setImportInterval(connection, parse(change.every));
            audit(connection);
        } else if (change != null && change.hostDefault) {
            service.clearImportInterval(connection);
            audit(connection);
        }
        String shown = service.importInterval(connection)
                .map(own -> RetryPolicy.human(own) + " (its own)")
                .orElseGet(() -> RetryPolicy.human(host.get().schedule().importInterval())
                        + " (the host's storelink.schedule.import-interval)");
        terminal.out().printf("%s is imported every %s by storelink serve.%n", connection, shown);
        terminal.out().flush();
        return ErrorHandler.OK;
    }

    private void audit(String connection) {
        audit.get().record(ConnectionsCommand.auditActor(), AuditLog.Action.SETTINGS_CHANGED, connection,
                List.of(ConnectionService.IMPORT_INTERVAL));
    }

    /** @return {@code 10m}, {@code 90 s}, {@code 1h} or {@code 1d} as a duration; refused naming the value */
    static Duration parse(String text) {
        Matcher matcher = INTERVAL.matcher(text.strip());
        if (!matcher.matches()) {
            throw new ValidationException(List.of(new FieldError(ConnectionService.IMPORT_INTERVAL, "'" + text
                    + "' is not an interval; expected a number and s, m, h or d, for example 10m")));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
