package io.storelink.cli;

import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.shipment.BatchReport;
import io.storelink.core.shipment.ShipmentFile;
import io.storelink.core.shipment.ShipmentService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code storelink shipments import <connection> <file>}: a batch of ship notifications from CSV or JSON Lines. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Send a batch of ship notifications from a .csv or .jsonl file.",
            "CSV (UTF-8, a byte order mark allowed) with a header naming the columns "
                + "order,carrier,tracking[,title,lines,notify,comment,shipped_at]; lines as SKU=QTY;SKU=QTY.",
            "Bad rows are reported with their row, the line they start on and the column; good rows are sent all "
                + "the same."})
final class ShipmentsImportCommand implements Callable<Integer> {

    private final Provider<ShipmentService> shipments;
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Parameters(index = "1", paramLabel = "<file>", description = "A .csv or .jsonl file.")
    Path file;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "4",
            description = "Notifications in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Inject
    ShipmentsImportCommand(Provider<ShipmentService> shipments, Terminal terminal) {
        this.shipments = shipments;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<ShipmentFile.Row> rows;
        try {
            rows = ShipmentFile.read(file);
        } catch (IOException e) {
            throw new ValidationException(List.of(new FieldError("file", "'" + file + "' cannot be read: "
                    + e.getMessage())));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new FieldError("file", e.getMessage() + "; nothing was sent")));
        }
        BatchReport report;
        if (terminal.interactive()) {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Shipping").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(rows.size()).setUnit(" rows", 1).showSpeed().continuousUpdate().build()) {
                report = shipments.get().sendBatch(connection, rows, concurrency, bar::stepTo);
            }
        } else {
            report = shipments.get().sendBatch(connection, rows, concurrency, done -> { });
        }
        PrintWriter out = terminal.out();
        out.printf("%d rows: %d sent, %d sent before, %d not sent.%n", report.rows(), report.sent(),
                report.alreadySent(), report.errors().size());
        for (BatchReport.RowError error : report.errors()) {
            terminal.err().printf("row %d, line %d%s: %s%n", error.row(), error.line(),
                    error.orderNumber() == null ? "" : " (order " + error.orderNumber() + ")", error.message());
        }
        out.flush();
        terminal.err().flush();
        return report.errors().isEmpty() ? ErrorHandler.OK : ErrorHandler.FAILURE;
    }
}
