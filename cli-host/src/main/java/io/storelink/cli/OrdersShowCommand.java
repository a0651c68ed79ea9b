package io.storelink.cli;

import io.storelink.api.Address;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.core.order.ImportedOrder;
import io.storelink.core.order.OrderJson;
import io.storelink.core.order.OrderQueryService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code storelink orders show <connection> <order-number>}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one imported order with its lines.")
final class OrdersShowCommand implements Callable<Integer> {

    private final Provider<OrderQueryService> orders;
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Parameters(index = "1", paramLabel = "<order-number>", description = "The order number, e.g. 000000123.")
    String orderNumber;

    @Option(names = "--json", description = "Print the canonical order as JSON.")
    boolean json;

    @Inject
    OrdersShowCommand(Provider<OrderQueryService> orders, Terminal terminal) {
        this.orders = orders;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ImportedOrder imported = orders.get().show(connection, orderNumber);
        Order order = imported.order();
        PrintWriter out = terminal.out();
        if (json) {
            Json.print(out, OrderJson.mapper().valueToTree(order));
            return ErrorHandler.OK;
        }
        out.printf("Order %s (id %s) on %s%n", order.orderNumber(), order.platformOrderId(), imported.connection());
        out.printf("  Placed:     %s%n  Status:     %s%n  Fulfilment: %s%n  Imported:   %s%n", order.placedAt(),
                order.status(), imported.fulfilment(), imported.importedAt());
        if (order.store() != null) {
            out.printf("  Store:      %s%s%n", order.store().id(),
                    order.store().code() == null ? "" : " (" + order.store().code() + ")");
        }
        out.printf("  Customer:   %s %s <%s>%s%n", nullToEmpty(order.customer().firstName()),
                nullToEmpty(order.customer().lastName()), nullToEmpty(order.customer().email()),
                order.customer().guest() ? " (guest)" : "");
        out.printf("  Total:      %s %s%n", order.totals().grandTotal().toPlainString(), order.totals().currency());
        if (order.shippingMethod() != null) {
            out.printf("  Shipping:   %s%s%n", order.shippingMethod().code(), order.shippingMethod().description() == null
                    ? "" : " (" + order.shippingMethod().description() + ")");
        }
        if (order.shippingAddress() != null) {
            out.printf("  Ship to:    %s%n", address(order.shippingAddress()));
        }
        out.println("  Lines:");
        out.printf("    %-10s %-32s %-18s %9s %9s %10s%n", "LINE", "SKU", "KIND", "ORDERED", "TO SHIP", "PRICE");
        for (OrderLine line : order.lines()) {
            out.printf("    %-10s %-32s %-18s %9s %9s %10s%s%n", line.lineId(), line.sku(), line.kind(),
                    line.quantityOrdered().stripTrailingZeros().toPlainString(),
                    line.quantityToShip().stripTrailingZeros().toPlainString(), line.unitPrice().toPlainString(),
                    line.parentLineId() == null ? "" : "  (in " + line.parentLineId() + ")");
        }
        out.flush();
        return ErrorHandler.OK;
    }

    private static String address(Address address) {
        return String.join(", ", nullToEmpty(address.firstName()) + " " + nullToEmpty(address.lastName()),
                String.join(" ", address.street()), nullToEmpty(address.postcode()) + " " + nullToEmpty(address.city()),
                nullToEmpty(address.countryCode()));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
