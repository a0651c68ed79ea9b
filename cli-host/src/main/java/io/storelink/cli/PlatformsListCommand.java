package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.plugin.PluginProblem;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code storelink platforms list}: every loaded platform, and every plugin archive that failed to load. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the platforms of the loaded plugins, and the plugin archives that failed to load.")
final class PlatformsListCommand implements Callable<Integer> {

    private final Provider<PluginHost> plugins;
    private final Terminal terminal;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    PlatformsListCommand(Provider<PluginHost> plugins, Terminal terminal) {
        this.plugins = plugins;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PluginHost host = plugins.get();
        PrintWriter out = terminal.out();
        if (json) {
            ObjectNode document = Json.mapper().createObjectNode();
            ArrayNode platforms = document.putArray("platforms");
            for (PlatformPlugin plugin : host.platforms()) {
                PlatformDescriptor descriptor = plugin.descriptor();
                ObjectNode platform = platforms.addObject()
                        .put("id", descriptor.id())
                        .put("name", descriptor.displayName())
                        .put("version", descriptor.version())
                        .put("plugin", plugin.pluginId())
                        .put("pluginVersion", plugin.pluginVersion())
                        .put("source", plugin.source().getFileName().toString());
                ArrayNode capabilities = platform.putArray("capabilities");
                descriptor.capabilities().stream().map(Enum::name).sorted().forEach(capabilities::add);
            }
            ArrayNode failed = document.putArray("failed");
            for (PluginProblem problem : host.problems()) {
                failed.addObject().put("source", problem.source().getFileName().toString())
                        .put("reason", problem.reason());
            }
            Json.print(out, document);
            return ErrorHandler.OK;
        }
        if (host.platforms().isEmpty()) {
            out.println("No platforms loaded.");
        } else {
            out.printf("%-12s %-20s %-16s %s%n", "ID", "NAME", "VERSION", "CAPABILITIES");
            for (PlatformPlugin plugin : host.platforms()) {
                PlatformDescriptor descriptor = plugin.descriptor();
                out.printf("%-12s %-20s %-16s %s%n", descriptor.id(), descriptor.displayName(), descriptor.version(),
                        descriptor.capabilities().isEmpty() ? "-" : String.join(", ",
                                descriptor.capabilities().stream().map(Enum::name).sorted().toList()));
            }
        }
        if (!host.problems().isEmpty()) {
            out.println();
            out.println("Failed plugins:");
            for (PluginProblem problem : host.problems()) {
                out.printf("  %s: %s%n", problem.source().getFileName(), problem.reason());
            }
        }
        out.flush();
        return ErrorHandler.OK;
    }
}
