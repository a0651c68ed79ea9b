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
import java.util.stream.Collectors;

/**
 * The platforms the host loaded from its plugins directory, and the archives it could not load.
 *
 * <p>Plugins are loaded once, when the host starts; adding or replacing an archive takes effect at the next start.
 * A broken archive, a plugin that needs a newer API or does not say which, a plugin whose code fails while loading,
 * a descriptor the host would not accept, and two archives that claim one plugin id or one platform id are listed in
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
        return start(pluginsDir, cacheDir, apiVersion, PluginCallLimits.DEFAULTS);
    }

    /**
     * Loads and starts every plugin in {@code pluginsDir}, calling into plugins within {@code limits}.
     *
     * @param pluginsDir where the plugin archives are
     * @param cacheDir where zip archives are expanded
     * @param apiVersion the plugin API version plugins are checked against
     * @param limits how long calls into plugins may take; a descriptor past its limit refuses that plugin
     * @return the host
     */
    public static PluginHost start(Path pluginsDir, Path cacheDir, String apiVersion, PluginCallLimits limits) {
        PluginArchives archives = PluginArchives.scan(pluginsDir, cacheDir);
        List<PluginProblem> problems = new ArrayList<>(archives.problems());
        StorelinkPluginManager manager = new StorelinkPluginManager(pluginsDir, apiVersion, archives,
                limits.descriptor());
        manager.loadPlugins();
        manager.startPlugins();
        problems.addAll(manager.problems());

        List<PlatformPlugin> candidates = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            Path source = archives.origin(plugin.getPluginPath());
            if (plugin.getPluginState() == PluginState.FAILED) {
                problems.add(new PluginProblem(source, failure(plugin, source)));
            } else if (plugin.getPluginState() == PluginState.STARTED) {
                candidates.addAll(platforms(plugin, source, problems, limits));
            }
        }
        Map<String, PlatformPlugin> platforms = withoutRivals(candidates, problems);
        problems.sort(Comparator.comparing(problem -> problem.source().toString()));
        return new PluginHost(manager, platforms, List.copyOf(problems));
    }

    private static String failure(PluginWrapper plugin, Path source) {
        String label = PluginArchives.label(plugin.getPluginId(), source);
        Throwable failure = plugin.getFailedException();
        return failure instanceof PluginClasses.LoadFailure
                ? label + ": " + failure.getMessage()
                : label + " failed to start: " + PluginArchives.describe(failure);
    }

    /** @return the plugin's platforms whose descriptors pass {@link DescriptorCheck} */
    private static List<PlatformPlugin> platforms(PluginWrapper plugin, Path source, List<PluginProblem> problems,
                                                  PluginCallLimits limits) {
        String pluginId = plugin.getPluginId();
        String label = PluginArchives.label(pluginId, source);
        List<Platform> extensions = PlatformExtensions.create(plugin.getPluginClassLoader(),
                reason -> problems.add(new PluginProblem(source, label + reason)), limits.descriptor());
        List<PlatformPlugin> platforms = new ArrayList<>();
        for (Platform extension : extensions) {
            try {
                PlatformPlugin platform = new PlatformPlugin(pluginId, plugin.getDescriptor().getVersion(), source,
                        plugin.getPluginClassLoader(), extension, limits);
                List<String> errors = DescriptorCheck.errors(platform.descriptor());
                if (errors.isEmpty()) {
                    platforms.add(platform);
                }
                errors.forEach(error -> problems.add(new PluginProblem(source, label + ": " + error)));
            } catch (ConnectorException | IllegalArgumentException | NullPointerException e) {
                problems.add(new PluginProblem(source, label + " has an invalid platform: "
                        + PluginArchives.describe(e)));
            }
        }
        return platforms;
    }

    /**
     * Keeps the platforms whose id no other plugin claims. When two plugins claim one id, neither is loaded: taking
     * either would silently move existing connections of that platform to code the user may not have meant to run.
     */
    private static Map<String, PlatformPlugin> withoutRivals(List<PlatformPlugin> candidates,
                                                             List<PluginProblem> problems) {
        Map<String, List<PlatformPlugin>> byId = new LinkedHashMap<>();
        for (PlatformPlugin candidate : candidates) {
            byId.computeIfAbsent(candidate.descriptor().id(), id -> new ArrayList<>()).add(candidate);
        }
        Map<String, PlatformPlugin> platforms = new LinkedHashMap<>();
        byId.forEach((id, claimants) -> {
            if (claimants.size() == 1) {
                platforms.put(id, claimants.get(0));
                return;
            }
            for (PlatformPlugin claimant : claimants) {
                String others = claimants.stream().filter(other -> other != claimant)
                        .map(other -> PluginArchives.label(other.pluginId(), other.source()))
                        .collect(Collectors.joining(", "));
                problems.add(new PluginProblem(claimant.source(), PluginArchives.label(claimant.pluginId(),
                        claimant.source()) + ": platform " + id + " is also provided by " + others + "; "
                        + PluginArchives.NEITHER_LOADED));
            }
        });
        return platforms;
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
        return find(id).orElseThrow(() -> ConnectorException.of(ErrorKind.NOT_FOUND,
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
