package io.storelink.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.storelink.api.Order;
import io.storelink.core.order.ImportedOrder;
import io.storelink.core.order.OrderJson;
import io.storelink.core.order.OrderQueryService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** {@code storelink orders list <connection>}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List a connection's imported orders.")
final class OrdersListCommand implements Callable<Integer> {

    private final Provider<OrderQueryService> orders;
    private final Terminal terminal;

    @Parameters(paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Option(names = "--status", paramLabel = "<status>", description = "Only orders with this platform status.")
    String status;

    @Option(names = "--json", description = "Print a JSON array of canonical orders.")
    boolean json;

    @Inject
    OrdersListCommand(Provider<OrderQueryService> orders, Terminal terminal) {
        this.orders = orders;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        if (json) {
            try (JsonGenerator generator = OrderJson.mapper().getFactory().createGenerator(out)) {
                generator.useDefaultPrettyPrinter();
                generator.writeStartArray();
                orders.get().forEach(connection, status, order -> write(generator, order));
                generator.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
            out.flush();
            return ErrorHandler.OK;
        }
        out.printf("%-14s %-20s %-12s %-15s %5s %12s  %s%n", "NUMBER", "PLACED (UTC)", "STATUS", "FULFILMENT",
                "LINES", "TOTAL", "CUSTOMER");
        long[] count = {0};
        orders.get().forEach(connection, status, imported -> {
            Order order = imported.order();
            out.printf("%-14s %-20s %-12s %-15s %5d %12s  %s%n", order.orderNumber(),
                    order.placedAt().toString().replace('T', ' ').replace("Z", ""), order.status(),
                    imported.fulfilment(), order.lines().size(),
                    order.totals().grandTotal().toPlainString() + " " + order.totals().currency(),
                    order.customer().email() == null ? "" : order.customer().email());
            count[0]++;
        });
        out.printf("%d orders%n", count[0]);
        out.flush();
        return ErrorHandler.OK;
    }

    private static void write(JsonGenerator generator, ImportedOrder order) {
        try {
            OrderJson.mapper().writeValue(generator, order.order());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
