package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Platform;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platforms the host loaded from its plugins directory, and the archives it could not load.
 *
 * <p>Plugins are loaded once, when the host starts; adding or replacing an archive takes effect at the next start.
 * A broken archive, a plugin that needs a newer API, or a plugin whose code fails while loading is listed in
 * {@link #problems()} and skipped: the host keeps working with the rest.
 */
public final class PluginHost implements AutoCloseable {

    private final StorelinkPluginManager manager;
    private final Map<String, PlatformPlugin> platforms;
    private final List<PluginProblem> problems;

    private PluginHost(StorelinkPluginManager manager, Map<String, PlatformPlugin> platforms,
                       List<PluginProblem> problems) {
        this.manager = manager;
        this.platforms = platforms;
        this.problems = problems;
    }

    /**
     * Loads and starts every plugin in {@code pluginsDir}.
     *
     * @param pluginsDir where the plugin archives are
     * @param cacheDir where zip archives are expanded
     * @param apiVersion the plugin API version plugins are checked against
     * @return the host
     */
    public static PluginHost start(Path pluginsDir, Path cacheDir, String apiVersion) {
        PluginArchives archives = PluginArchives.scan(pluginsDir, cacheDir);
        List<PluginProblem> problems = new ArrayList<>(archives.problems());
        StorelinkPluginManager manager = new StorelinkPluginManager(pluginsDir, apiVersion);
        manager.setPluginPaths(archives.pluginDirectories());
        manager.loadPlugins();
        manager.startPlugins();

        Map<String, PlatformPlugin> platforms = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            Path source = archives.origin(plugin.getPluginPath());
            if (plugin.getPluginState() != PluginState.STARTED) {
                if (plugin.getPluginState() == PluginState.FAILED) {
                    problems.add(new PluginProblem(source, "plugin " + plugin.getPluginId() + " failed to start: "
                            + PluginArchives.describe(plugin.getFailedException())));
                }
                continue;
            }
            addPlatforms(manager, plugin, source, platforms, problems);
        }
        for (PluginProblem problem : manager.problems()) {
            problems.add(new PluginProblem(archives.origin(problem.source()), problem.reason()));
        }
        problems.sort(Comparator.comparing(problem -> problem.source().toString()));
        return new PluginHost(manager, platforms, List.copyOf(problems));
    }

    private static void addPlatforms(StorelinkPluginManager manager, PluginWrapper plugin, Path source,
                                     Map<String, PlatformPlugin> platforms, List<PluginProblem> problems) {
        String pluginId = plugin.getPluginId();
        List<Platform> extensions;
        try {
            extensions = manager.getExtensions(Platform.class, pluginId);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(source, "plugin " + pluginId + " extensions cannot be created: "
                    + PluginArchives.describe(e)));
            return;
        }
        if (extensions.isEmpty()) {
            problems.add(new PluginProblem(source, "plugin " + pluginId + " contributes no Platform extension "
                    + "(is META-INF/extensions.idx missing from its jar?)"));
            return;
        }
        for (Platform extension : extensions) {
            try {
                PlatformPlugin platform = new PlatformPlugin(pluginId, plugin.getDescriptor().getVersion(), source,
                        plugin.getPluginClassLoader(), extension);
                List<String> errors = DescriptorCheck.errors(platform.descriptor());
                if (!errors.isEmpty()) {
                    String label = PluginArchives.label(pluginId, source);
                    errors.forEach(error -> problems.add(new PluginProblem(source, label + ": " + error)));
                    continue;
                }
                String id = platform.descriptor().id();
                PlatformPlugin existing = platforms.putIfAbsent(id, platform);
                if (existing != null) {
                    problems.add(new PluginProblem(source, "platform " + id + " is already provided by plugin "
                            + existing.pluginId() + " from " + existing.source()));
                }
            } catch (ConnectorException | IllegalArgumentException | NullPointerException e) {
                problems.add(new PluginProblem(source, "plugin " + pluginId + " has an invalid platform: "
                        + PluginArchives.describe(e)));
            }
        }
    }

    /** @return the loaded platforms, ordered by id */
    public List<PlatformPlugin> platforms() {
        return platforms.values().stream()
                .sorted(Comparator.comparing(platform -> platform.descriptor().id()))
                .toList();
    }

    /**
     * @param id a platform id
     * @return the platform
     * @throws ConnectorException of kind {@link ErrorKind#NOT_FOUND} naming the known platforms
     */
    public PlatformPlugin platform(String id) {
        return find(id).orElseThrow(() -> new ConnectorException(ErrorKind.NOT_FOUND, false,
                "Unknown platform '" + id + "'; expected one of " + platforms.keySet()));
    }

    /** @param id a platform id @return the platform, if one is loaded */
    public Optional<PlatformPlugin> find(String id) {
        return Optional.ofNullable(platforms.get(id));
    }

    /** @return the archives that could not be loaded, and why */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Stops and unloads every plugin, closing their class loaders. */
    @Override
    public void close() {
        // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() fails while iterating its own list.
        manager.unloadPlugins();
    }
}
