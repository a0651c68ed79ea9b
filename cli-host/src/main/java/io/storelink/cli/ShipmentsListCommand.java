package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.storelink.core.form.ClosedSet;
import io.storelink.core.order.OrderJson;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code storelink shipments list [<connection>]}: the outbox. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List ship notifications and their state.")
final class ShipmentsListCommand implements Callable<Integer> {

    private final Provider<ShipmentService> shipments;
    private final Terminal terminal;

    @Parameters(arity = "0..1", paramLabel = "<connection>", description = "One connection; all when left out.")
    String connection;

    @Option(names = "--state", paramLabel = "<state>",
            description = "Only this state: pending, sending, sent or failed.")
    String state;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    ShipmentsListCommand(Provider<ShipmentService> shipments, Terminal terminal) {
        this.shipments = shipments;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ClosedSet.require("--state", state, ShipmentRecord.STATE_NOUN, ShipmentRecord.STATES);
        List<ShipmentRecord> records = shipments.get().list(connection, state);
        PrintWriter out = terminal.out();
        if (json) {
            ArrayNode array = OrderJson.mapper().valueToTree(records);
            Json.print(out, array);
            return ErrorHandler.OK;
        }
        if (records.isEmpty()) {
            out.println("No shipments.");
        }
        records.forEach(record -> out.println(describe(record)));
        out.flush();
        return ErrorHandler.OK;
    }

    static String describe(ShipmentRecord record) {
        String tracking = record.request().tracking().stream().map(track -> track.carrierCode() + " " + track.number())
                .collect(Collectors.joining(", "));
        String base = String.format("#%d %s order %s [%s] %s, attempts %d", record.id(), record.connection(),
                record.orderNumber(), tracking, record.state(), record.attempts());
        if (record.state().equals(ShipmentRecord.SENT)) {
            return base + ", store shipment " + record.remoteId() + (record.alreadyExisted()
                    ? " (found on the store from an earlier attempt)" : "");
        }
        if (record.state().equals(ShipmentRecord.SENDING)) {
            return base + ": " + record.whyNotSent(java.time.Instant.now());
        }
        return record.lastError() == null ? base : base + ": " + record.lastError();
    }
}
