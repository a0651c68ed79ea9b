package io.storelink.core.plugin;

import io.storelink.api.PlatformDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One plugin archive (or exploded plugin directory) loaded on its own, in a throwaway host, the way the host would
 * load it: what it offers, and everything the host would refuse (its descriptor, {@code plugin.requires}, host
 * libraries it bundles, a missing extension index, code that fails to load). For {@code storelink plugins validate}
 * and for authors' builds.
 *
 * @param source the archive or directory checked
 * @param platforms what loaded, by platform id
 * @param problems what the host would refuse, and why
 */
public record PluginValidation(Path source, List<Loaded> platforms, List<PluginProblem> problems) {

    public PluginValidation {
        requireNonNull(source, "source is null");
        platforms = List.copyOf(platforms);
        problems = List.copyOf(problems);
    }

    /** @return whether the host would load it as it is: a platform, and nothing refused */
    public boolean accepted() {
        return !platforms.isEmpty() && problems.isEmpty();
    }

    /**
     * A platform the archive offers.
     *
     * @param pluginId the PF4J plugin id
     * @param pluginVersion the plugin's version
     * @param descriptor what the platform declares
     */
    public record Loaded(String pluginId, String pluginVersion, PlatformDescriptor descriptor) {
    }

    /**
     * Loads {@code source} alone and reports.
     *
     * @param source a plugin zip, or an exploded plugin directory (one with {@code plugin.properties})
     * @param apiVersion the plugin API version of this host
     * @param limits the host's time limits for calls into plugins
     * @return what the host would make of it
     */
    public static PluginValidation check(Path source, String apiVersion, PluginCallLimits limits) {
        Path work;
        try {
            work = Files.createTempDirectory("storelink-validate-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory to validate " + source, e);
        }
        try {
            Path pluginsDir;
            if (Files.isDirectory(source)) {
                pluginsDir = source;
            } else {
                pluginsDir = Files.createDirectories(work.resolve("plugins"));
                Files.copy(source, pluginsDir.resolve(source.getFileName()));
            }
            try (PluginHost host = PluginHost.start(pluginsDir, work.resolve("cache"), apiVersion, limits)) {
                List<Loaded> loaded = host.platforms().stream()
                        .map(platform -> new Loaded(platform.pluginId(), platform.pluginVersion(),
                                platform.descriptor()))
                        .toList();
                List<PluginProblem> problems = host.problems().stream()
                        .map(problem -> new PluginProblem(problem.source().startsWith(work) ? source
                                : problem.source(), problem.reason()))
                        .toList();
                if (loaded.isEmpty() && problems.isEmpty()) {
                    problems = List.of(new PluginProblem(source, Files.isDirectory(source)
                            ? "is not a plugin: it has no " + PluginArchives.DESCRIPTOR + " and holds no plugin"
                            : "is not a plugin archive: expected a .zip with " + PluginArchives.DESCRIPTOR
                                    + " at its root and its jars under lib/"));
                }
                return new PluginValidation(source, loaded, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A scratch directory under the system's temporary directory; nothing depends on it.
        }
    }
}
