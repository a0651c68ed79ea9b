package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.Order;
import io.storelink.sandbox.woo.WooSandbox;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code storelink demo}: the whole flow against the bundled sandboxes, first a Magento 2 store, then a WooCommerce
 * store, with nothing to set up. Each step is a real storelink command, printed before it runs, against a fresh home
 * directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job against the bundled Magento 2 and WooCommerce sandboxes: for each, add a "
                + "connection, test it, import orders, ship one, review their status.",
            "Uses a fresh home directory, so it never touches your own connections."})
final class DemoCommand implements Callable<Integer> {

    static final String CONNECTION = "demo-store";
    static final String TOKEN = "demo-a1b2c3d4e5f6g7h8";
    static final String WOO_CONNECTION = "demo-woo";
    static final String WOO_KEY = "ck_demo_0123456789abcdef";
    static final String WOO_SECRET = "cs_demo_fedcba9876543210";

    private final Terminal terminal;
    private final GlobalOptions options;

    @Option(names = "--orders", paramLabel = "<n>", defaultValue = "60",
            description = "How many sample orders each sandbox generates (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the sample orders, for a repeatable demo (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "0",
            description = "Port of the Magento 2 sandbox; the WooCommerce one takes the next port when this is not "
                    + "0; 0 picks free ones (default: ${DEFAULT-VALUE}).")
    int port;

    @Inject
    DemoCommand(Terminal terminal, GlobalOptions options) {
        this.terminal = terminal;
        this.options = options;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = terminal.out();
        Path home = options.home != null ? options.home : Files.createTempDirectory("storelink-demo-");
        try (MagentoSandbox magento = MagentoSandbox.builder().port(port).seed(seed).orderCount(orders)
                .token(TOKEN, Acl.ALL).build().start();
             WooSandbox woo = WooSandbox.builder().port(port == 0 ? 0 : port + 1).seed(seed).orderCount(orders)
                .key(WOO_KEY, WOO_SECRET).build().start()) {
            out.printf("== Storelink home for this demo: %s%n", home);
            int code = part(home, "Magento 2", magento.baseUrl().toString(), CONNECTION,
                    List.of("--platform", "magento2", "--set", "access-token=" + TOKEN,
                            "--set", "store-url=" + magento.baseUrl()),
                    magentoOrderToShip(magento), "ups", "UPS Ground", "1ZDEMO");
            if (code == ErrorHandler.OK) {
                String wooOrder = woo.orderIds("processing").stream().findFirst().map(String::valueOf)
                        .orElseThrow(() -> new IllegalStateException("the WooCommerce sandbox has no processing "
                                + "order to ship; try more --orders"));
                code = part(home, "WooCommerce", woo.baseUrl().toString(), WOO_CONNECTION,
                        List.of("--platform", "woocommerce", "--set", "store-url=" + woo.baseUrl(),
                                "--set", "consumer-key=" + WOO_KEY, "--set", "consumer-secret=" + WOO_SECRET),
                        wooOrder, "dhl", "DHL Parcel", "JJDDEMO");
            }
            if (code != ErrorHandler.OK) {
                return code;
            }
        }
        out.println();
        out.printf("== Done. Look around with: storelink --home %s orders list %s (or %s)%n", home, CONNECTION,
                WOO_CONNECTION);
        out.flush();
        return ErrorHandler.OK;
    }

    /** The flow against one sandbox: add the connection, test, import, list, show and ship one order, status. */
    private int part(Path home, String platform, String url, String connection, List<String> addArgs,
                     String toShip, String carrier, String carrierTitle, String trackingPrefix) {
        PrintWriter out = terminal.out();
        out.println();
        out.printf("== %s: sandbox with %d sample orders at %s, connection %s%n", platform, orders, url, connection);
        List<String> add = new ArrayList<>(List.of("connections", "add", "--name", connection));
        add.addAll(addArgs);
        List<List<String>> steps = List.of(
                add,
                List.of("connections", "show", connection),
                List.of("connections", "test", connection),
                List.of("orders", "import", connection),
                List.of("orders", "list", connection),
                List.of("orders", "show", connection, toShip),
                List.of("shipments", "notify", connection, "--order", toShip, "--carrier", carrier,
                        "--tracking", trackingPrefix + toShip, "--title", carrierTitle, "--notify",
                        "--comment", "Shipped by the Storelink demo"),
                List.of("status", connection));
        for (List<String> step : steps) {
            int code = step(home, step);
            if (code != ErrorHandler.OK) {
                out.printf("== The demo stopped in its %s part: that step exited with %d.%n", platform, code);
                return code;
            }
        }
        return ErrorHandler.OK;
    }

    /** The first order the import will take (status processing) that has something to ship. */
    private static String magentoOrderToShip(MagentoSandbox sandbox) {
        return sandbox.store().orders().stream()
                .filter(order -> "processing".equals(order.status()))
                .filter(order -> order.items().stream().anyMatch(item -> item.productType().equals("simple")
                        && item.parentItemId() == 0 && item.qtyOrdered() > item.qtyShipped()))
                .map(Order::incrementId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the Magento 2 sandbox has no processing order to ship; "
                        + "try more --orders"));
    }

    private int step(Path home, List<String> args) {
        PrintWriter out = terminal.out();
        out.println();
        out.println("$ storelink " + args.stream().map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg)
                .collect(Collectors.joining(" ")).replace(TOKEN, "<token>")
                .replace(WOO_KEY, "<consumer-key>").replace(WOO_SECRET, "<consumer-secret>"));
        out.flush();
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        if (options.pluginsDir != null) {
            all.addAll(List.of("--plugins-dir", options.pluginsDir.toString()));
        }
        all.addAll(args);
        return Main.run(terminal, all.toArray(String[]::new));
    }
}
