package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink shipments}: tell stores what shipped, and follow the outbox. */
@Command(name = "shipments", mixinStandardHelpOptions = true,
        description = "Send ship notifications with tracking numbers to stores, and follow their outbox.",
        subcommands = {ShipmentsNotifyCommand.class, ShipmentsImportCommand.class, ShipmentsListCommand.class,
                ShipmentsRetryCommand.class})
final class ShipmentsCommand {
}
