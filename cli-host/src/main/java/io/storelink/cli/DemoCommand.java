package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.Order;
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
 * {@code storelink demo}: the whole flow against the bundled Magento 2 sandbox, with nothing to set up. Each step
 * is a real storelink command, printed before it runs, against a fresh home directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job against the bundled Magento 2 sandbox: add a connection, test it, "
                + "import orders, ship one, review their status.",
            "Uses a fresh home directory, so it never touches your own connections."})
final class DemoCommand implements Callable<Integer> {

    static final String CONNECTION = "demo-store";
    static final String TOKEN = "demo-a1b2c3d4e5f6g7h8";

    private final Terminal terminal;
    private final GlobalOptions options;

    @Option(names = "--orders", paramLabel = "<n>", defaultValue = "60",
            description = "How many sample orders the sandbox generates (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the sample orders, for a repeatable demo (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "0",
            description = "Port of the sandbox; 0 picks a free one (default: ${DEFAULT-VALUE}).")
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
        try (MagentoSandbox sandbox = MagentoSandbox.builder().port(port).seed(seed).orderCount(orders)
                .token(TOKEN, Acl.ALL).build().start()) {
            out.printf("== Magento 2 sandbox with %d sample orders at %s%n", orders, sandbox.baseUrl());
            out.printf("== Storelink home for this demo: %s%n", home);
            String toShip = orderToShip(sandbox);
            List<List<String>> steps = List.of(
                    List.of("connections", "add", "--name", CONNECTION, "--platform", "magento2",
                            "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl()),
                    List.of("connections", "show", CONNECTION),
                    List.of("connections", "test", CONNECTION),
                    List.of("orders", "import", CONNECTION),
                    List.of("orders", "list", CONNECTION),
                    List.of("orders", "show", CONNECTION, toShip),
                    List.of("shipments", "notify", CONNECTION, "--order", toShip, "--carrier", "ups",
                            "--tracking", "1ZDEMO" + toShip, "--title", "UPS Ground", "--notify",
                            "--comment", "Shipped by the Storelink demo"),
                    List.of("status", CONNECTION));
            for (List<String> step : steps) {
                int code = step(home, step);
                if (code != ErrorHandler.OK) {
                    out.printf("== The demo stopped: that step exited with %d.%n", code);
                    return code;
                }
            }
        }
        out.printf("== Done. Look around with: storelink --home %s orders show %s <order-number>%n", home, CONNECTION);
        out.flush();
        return ErrorHandler.OK;
    }

    /** The first order the import will take (status processing) that has something to ship. */
    private static String orderToShip(MagentoSandbox sandbox) {
        return sandbox.store().orders().stream()
                .filter(order -> "processing".equals(order.status()))
                .filter(order -> order.items().stream().anyMatch(item -> item.productType().equals("simple")
                        && item.parentItemId() == 0 && item.qtyOrdered() > item.qtyShipped()))
                .map(Order::incrementId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the sandbox has no processing order to ship; "
                        + "try more --orders"));
    }

    private int step(Path home, List<String> args) {
        PrintWriter out = terminal.out();
        out.println();
        out.println("$ storelink " + args.stream().map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg)
                .collect(Collectors.joining(" ")).replace(TOKEN, "<token>"));
        out.flush();
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        if (options.pluginsDir != null) {
            all.addAll(List.of("--plugins-dir", options.pluginsDir.toString()));
        }
        all.addAll(args);
        return Main.run(terminal, all.toArray(String[]::new));
    }
}
