package io.storelink.cli;

import io.storelink.core.order.ExportException;
import io.storelink.core.order.OrderQueryService;
import io.storelink.core.output.OutputFile;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code storelink orders export <connection> --format jsonl}: canonical orders, one JSON document per line. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a connection's imported orders as canonical JSON, one order per line.",
            "Every write is checked: a closed pipe or a full disk ends with exit code 1 and says how many orders were "
                + "written. A regular --output file is replaced atomically (a failed export leaves it as it was); "
                + "a device or a FIFO is written in place; a symbolic link is followed."})
final class OrdersExportCommand implements Callable<Integer> {

    enum Format { jsonl }

    private final Provider<OrderQueryService> orders;
    private final Terminal terminal;

    @Parameters(paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Option(names = "--format", required = true, paramLabel = "<format>",
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--status", paramLabel = "<status>", description = "Only orders with this platform status.")
    String status;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "Write to this file instead of standard output.")
    Path output;

    @Inject
    OrdersExportCommand(Provider<OrderQueryService> orders, Terminal terminal) {
        this.orders = orders;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (output == null) {
            long count;
            try {
                count = orders.get().exportJsonLines(connection, status, terminal.stdout());
                terminal.stdout().flush();
            } catch (IOException e) {
                throw new IllegalStateException("writing the export to standard output " + failure(e), e);
            }
            terminal.err().printf("Exported %d orders.%n", count);
            terminal.err().flush();
            return ErrorHandler.OK;
        }
        // Checked before the database is opened: a directory or a missing directory is refused with nothing written.
        OutputFile file = OutputFile.of("--output", output);
        long count;
        try {
            count = file.write(out -> orders.get().exportJsonLines(connection, status, out));
        } catch (IOException e) {
            String left = !file.atomic() ? "" : file.existed() ? "; " + file.path() + " was left as it was"
                    : "; " + file.path() + " was not created";
            throw new IllegalStateException("writing the export to " + file.path() + " " + failure(e) + left, e);
        }
        // A message, not data: on standard error, also when the output is standard output (-o /dev/stdout).
        terminal.err().printf("Exported %d orders to %s.%n", count, file.path());
        terminal.err().flush();
        return ErrorHandler.OK;
    }

    /** @return "failed after 382 of 2506 orders: Broken pipe", or what else went wrong */
    private static String failure(IOException e) {
        return e instanceof ExportException ? e.getMessage() : "failed: " + OutputFile.describe(e);
    }
}
