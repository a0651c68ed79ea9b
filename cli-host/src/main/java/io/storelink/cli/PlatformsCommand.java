package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink platforms}: the store platforms the loaded plugins offer. */
@Command(name = "platforms", mixinStandardHelpOptions = true,
        description = "List and describe the store platforms the plugins offer.",
        subcommands = {PlatformsListCommand.class, PlatformsDescribeCommand.class})
final class PlatformsCommand {
}
