package io.storelink.cli;

import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.shipment.ShipmentFile;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRequest;
import io.storelink.core.shipment.ShipmentService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink shipments notify}: one ship notification, stored in the outbox and sent. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Tell the store an order (or part of it) shipped, with its tracking number.")
final class ShipmentsNotifyCommand implements Callable<Integer> {

    private final Provider<ShipmentService> shipments;
    private final Terminal terminal;

    @Parameters(paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Option(names = "--order", required = true, paramLabel = "<number>", description = "The order number.")
    String order;

    @Option(names = "--carrier", required = true, paramLabel = "<code>",
            description = "Carrier code, e.g. ups, usps, fedex, dhl or custom.")
    String carrier;

    @Option(names = "--tracking", required = true, paramLabel = "<number>", description = "Tracking number.")
    String tracking;

    @Option(names = "--title", paramLabel = "<title>", description = "Carrier or service name shown to the customer.")
    String title;

    @Option(names = "--line", paramLabel = "<SKU=QTY>",
            description = "A shipped line; repeat for each. Without --line, everything left to ship.")
    List<String> lines = new ArrayList<>();

    @Option(names = "--notify", description = "E-mail the customer.")
    boolean notifyCustomer;

    @Option(names = "--comment", paramLabel = "<text>", description = "A note on the shipment.")
    String comment;

    @Inject
    ShipmentsNotifyCommand(Provider<ShipmentService> shipments, Terminal terminal) {
        this.shipments = shipments;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ShipmentRequest request = request();
        ShipmentRecord record = shipments.get().notify(connection, request);
        terminal.out().println(ShipmentsListCommand.describe(record));
        terminal.out().flush();
        return record.state().equals(ShipmentRecord.SENT) ? ErrorHandler.OK : ErrorHandler.FAILURE;
    }

    private ShipmentRequest request() {
        List<FieldError> errors = new ArrayList<>();
        List<ShipmentLine> shipped = new ArrayList<>();
        for (String line : lines) {
            try {
                shipped.addAll(ShipmentFile.lines(line));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("line", e.getMessage() + "; expected SKU=QTY, e.g. --line ABC-1=2"));
            }
        }
        TrackingNumber track = null;
        try {
            track = new TrackingNumber(carrier, tracking, title);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("tracking", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ShipmentRequest(order, shipped, List.of(track), null, notifyCustomer, comment);
    }
}
