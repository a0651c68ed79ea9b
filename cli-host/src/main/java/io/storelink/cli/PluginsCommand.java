package io.storelink.cli;

import picocli.CommandLine.Command;

/** {@code storelink plugins}: tools for plugin archives. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Check plugin archives.",
        subcommands = {PluginsValidateCommand.class})
final class PluginsCommand {
}
