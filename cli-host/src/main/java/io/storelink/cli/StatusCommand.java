package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderJson;
import io.storelink.core.status.ConnectionStatus;
import io.storelink.core.status.StatusService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink status [<connection>]}: the "Review Order Status" view. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Review Order Status: per connection, the last import, orders by state, the last error and "
                + "shipments pending or failed.")
final class StatusCommand implements Callable<Integer> {

    private final Provider<StatusService> status;
    private final Terminal terminal;

    @Parameters(arity = "0..1", paramLabel = "<connection>", description = "One connection; all when left out.")
    String connection;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    StatusCommand(Provider<StatusService> status, Terminal terminal) {
        this.status = status;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<ConnectionStatus> statuses = status.get().status(connection);
        PrintWriter out = terminal.out();
        if (json) {
            ArrayNode array = Json.mapper().createArrayNode();
            for (ConnectionStatus each : statuses) {
                ObjectNode node = array.addObject().put("connection", each.connection()).put("platform", each.platform());
                each.lastImport().ifPresent(run -> node.set("lastImport", run(run)));
                ObjectNode orders = node.putObject("orders").put("total", each.totalOrders());
                each.ordersByFulfilment().forEach(orders::put);
                each.lastFailure().ifPresent(run -> node.putObject("lastError").put("at", run.startedAt().toString())
                        .put("message", run.error()));
                node.set("unreadableOrders", OrderJson.mapper().valueToTree(each.unreadableOrders()));
                ObjectNode shipments = node.putObject("shipments");
                each.shipmentsByState().forEach(shipments::put);
                node.set("unsentShipments", OrderJson.mapper().valueToTree(each.unsentShipments()));
            }
            Json.print(out, array);
            return ErrorHandler.OK;
        }
        if (statuses.isEmpty()) {
            out.println("No connections. Add one with: storelink connections add");
        }
        for (ConnectionStatus each : statuses) {
            out.printf("%s (%s)%n", each.connection(), each.platform());
            out.printf("  Last import:  %s%n", each.lastImport().map(StatusCommand::describe).orElse("never"));
            out.printf("  Orders:       %d imported; %s%n", each.totalOrders(), String.join(", ",
                    List.of(count(each, "open"), count(each, "partly_shipped"), count(each, "shipped"))));
            if (!each.unreadableOrders().isEmpty()) {
                out.printf("  Unreadable:   %d orders in the last import%n", each.unreadableOrders().size());
                each.unreadableOrders().forEach(failure -> out.printf("    order %s: %s%n", failure.platformOrderId(),
                        failure.reason()));
            }
            out.printf("  Last error:   %s%n", each.lastFailure()
                    .map(run -> run.startedAt() + ": " + run.error()).orElse("none"));
            out.printf("  Shipments:    %d sent, %d pending, %d failed%n", each.shipmentsByState().getOrDefault("sent", 0L),
                    each.shipmentsByState().getOrDefault("pending", 0L) + each.shipmentsByState().getOrDefault("sending", 0L),
                    each.shipmentsByState().getOrDefault("failed", 0L));
            each.unsentShipments().forEach(shipment -> out.println("    " + ShipmentsListCommand.describe(shipment)));
            out.println();
        }
        out.flush();
        return ErrorHandler.OK;
    }

    private static String count(ConnectionStatus status, String state) {
        return status.ordersByFulfilment().getOrDefault(state, 0L) + " " + state.replace('_', ' ');
    }

    private static String describe(ImportRun run) {
        return String.format("%s, %s: found %d, new %d, already imported %d, held back %d, failed %d%s",
                run.startedAt(), run.result(), run.found(), run.imported(), run.alreadyImported(), run.heldBack(),
                run.failed(), run.duration() == null ? "" : String.format(", %.1f s", run.duration().toMillis() / 1000.0))
                + (run.result().equals(ImportRun.INTERRUPTED) ? " (" + run.error() + ")" : "");
    }

    private static ObjectNode run(ImportRun run) {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("startedAt", run.startedAt().toString())
                .put("result", run.result().value())
                .put("found", run.found())
                .put("imported", run.imported())
                .put("alreadyImported", run.alreadyImported())
                .put("heldBack", run.heldBack())
                .put("failed", run.failed());
        node.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        node.put("durationMs", run.duration() == null ? null : run.duration().toMillis());
        node.put("error", run.error());
        return node;
    }
}
