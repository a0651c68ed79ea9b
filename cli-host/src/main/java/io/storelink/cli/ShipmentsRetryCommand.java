package io.storelink.cli;

import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink shipments retry <id|--all-failed>}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Send a failed ship notification again; it never creates a second shipment on the store.")
final class ShipmentsRetryCommand implements Callable<Integer> {

    private final Provider<ShipmentService> shipments;
    private final Terminal terminal;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(paramLabel = "<id>", description = "The shipment's id, from shipments list.")
        Long id;

        @Option(names = "--all-failed", description = "Every notification not sent: failed, pending or interrupted.")
        boolean allFailed;
    }

    @Option(names = "--connection", paramLabel = "<name>", description = "With --all-failed: only this connection.")
    String connection;

    @Inject
    ShipmentsRetryCommand(Provider<ShipmentService> shipments, Terminal terminal) {
        this.shipments = shipments;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<ShipmentRecord> results = target.allFailed ? shipments.get().retryAllFailed(connection)
                : List.of(shipments.get().retry(target.id));
        if (results.isEmpty()) {
            terminal.out().println("Nothing to retry.");
        }
        results.forEach(record -> terminal.out().println(ShipmentsListCommand.describe(record)));
        terminal.out().flush();
        return results.stream().allMatch(record -> record.state().equals(ShipmentRecord.SENT))
                ? ErrorHandler.OK : ErrorHandler.FAILURE;
    }
}
