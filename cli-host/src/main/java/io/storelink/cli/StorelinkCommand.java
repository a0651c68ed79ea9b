package io.storelink.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code storelink} command; every piece of work is a subcommand. */
@Command(name = "storelink",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Connect e-commerce stores, import the orders that are ready to ship, and send shipments back.",
        subcommands = {PlatformsCommand.class, PluginsCommand.class, ConnectionsCommand.class, OrdersCommand.class,
                ShipmentsCommand.class, StatusCommand.class, DbCommand.class,
                ServeCommand.class, DemoCommand.class})
final class StorelinkCommand {

    @Mixin
    GlobalOptions options;
}
