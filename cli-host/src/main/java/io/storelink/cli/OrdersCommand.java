package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink orders}: import, list, show and export a connection's orders. */
@Command(name = "orders", mixinStandardHelpOptions = true,
        description = "Import, list, show and export a connection's orders.",
        subcommands = {OrdersImportCommand.class, OrdersListCommand.class, OrdersShowCommand.class,
                OrdersExportCommand.class})
final class OrdersCommand {
}
