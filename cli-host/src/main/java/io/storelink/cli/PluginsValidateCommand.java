package io.storelink.cli;

import io.storelink.api.PlatformDescriptor;
import io.storelink.core.config.HostConfig;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginProblem;
import io.storelink.core.plugin.PluginValidation;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code storelink plugins validate <archive>}: loads one plugin archive, or an exploded plugin directory, alone and
 * prints what the host would refuse. Exit 0 when the host would load it as it is, 2 when it would refuse it.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Load one plugin archive (or exploded plugin directory) on its own and print what the host "
                + "would refuse: its descriptor, plugin.requires, host libraries it bundles, a missing extension "
                + "index, code that fails to load.", "Exit code 0 when it would load as it is, 2 when not."})
final class PluginsValidateCommand implements Callable<Integer> {

    private final Provider<HostConfig> config;
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "<archive>", description = "A plugin .zip, or a directory with plugin.properties.")
    Path archive;

    @Inject
    PluginsValidateCommand(Provider<HostConfig> config, Terminal terminal) {
        this.config = config;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (!Files.exists(archive)) {
            throw new ValidationException(List.of(new FieldError("archive", "'" + archive
                    + "' does not exist; expected a plugin .zip or a directory with plugin.properties")));
        }
        PluginValidation result = PluginValidation.check(archive.toAbsolutePath().normalize(),
                PluginApiVersion.current(), config.get().pluginLimits());
        PrintWriter out = terminal.out();
        out.printf("%s: %s (plugin API %s)%n", archive.getFileName(), result.accepted() ? "the host loads it"
                : "the host refuses it", PluginApiVersion.current());
        for (PluginValidation.Loaded loaded : result.platforms()) {
            PlatformDescriptor descriptor = loaded.descriptor();
            out.printf("  platform %s \"%s\" %s, from plugin %s %s: %d credential field%s, %d setting%s; %s%n",
                    descriptor.id(), descriptor.displayName(), descriptor.version(), loaded.pluginId(),
                    loaded.pluginVersion(), descriptor.credentials().fields().size(),
                    descriptor.credentials().fields().size() == 1 ? "" : "s", descriptor.settings().fields().size(),
                    descriptor.settings().fields().size() == 1 ? "" : "s",
                    descriptor.capabilities().isEmpty() ? "no capabilities" : descriptor.capabilities().stream()
                            .map(Enum::name).sorted().reduce((a, b) -> a + ", " + b).orElse(""));
        }
        for (PluginProblem problem : result.problems()) {
            out.println("  refused: " + problem.reason());
        }
        out.flush();
        return result.accepted() ? ErrorHandler.OK : ErrorHandler.USAGE;
    }
}
