package io.storelink.cli;

import io.storelink.core.order.OrderJson;
import io.storelink.core.order.OrderQueryService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code storelink orders export <connection> --format jsonl}: canonical orders, one JSON document per line. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a connection's imported orders as canonical JSON, one order per line.")
final class OrdersExportCommand implements Callable<Integer> {

    enum Format { jsonl }

    private final Provider<OrderQueryService> orders;
    private final Terminal terminal;

    @Parameters(paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Option(names = "--format", required = true, paramLabel = "<format>", description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--status", paramLabel = "<status>", description = "Only orders with this platform status.")
    String status;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file instead of standard output.")
    Path output;

    @Inject
    OrdersExportCommand(Provider<OrderQueryService> orders, Terminal terminal) {
        this.orders = orders;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        if (output == null) {
            long count = write(terminal.out());
            terminal.out().flush();
            terminal.err().printf("Exported %d orders.%n", count);
            return ErrorHandler.OK;
        }
        // Written next to the target and moved into place, so a failed export never leaves half a file.
        Path target = output.toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            long count = write(writer);
            writer.flush();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            terminal.out().printf("Exported %d orders to %s.%n", count, target);
            terminal.out().flush();
        } finally {
            Files.deleteIfExists(partial);
        }
        return ErrorHandler.OK;
    }

    private long write(Writer writer) {
        long[] count = {0};
        orders.get().forEach(connection, status, order -> {
            try {
                writer.write(OrderJson.write(order.order()));
                writer.write('\n');
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return count[0];
    }
}
