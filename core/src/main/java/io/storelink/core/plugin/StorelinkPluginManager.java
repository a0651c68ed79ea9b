package io.storelink.core.plugin;

import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PF4J hardened for drop-in archives: it loads only the expanded plugin directories of a {@link PluginArchives}, gives
 * every plugin an {@link IsolatingPluginClassLoader}, refuses two archives with one plugin id, enforces
 * {@code plugin.requires} against the host's API version, builds {@code plugin.class} itself so a failing constructor
 * is named, and records why a plugin failed, naming its archive, instead of only logging it.
 */
final class StorelinkPluginManager extends DefaultPluginManager {

    private final PluginArchives archives;
    private final List<PluginProblem> problems = new ArrayList<>();
    private List<Path> pluginPaths;
    /** How long a plugin's constructor may take. */
    private final java.time.Duration constructorLimit;

    StorelinkPluginManager(Path pluginsDir, String systemVersion, PluginArchives archives,
                           java.time.Duration constructorLimit) {
        super(pluginsDir);
        setSystemVersion(systemVersion);
        this.archives = archives;
        this.constructorLimit = constructorLimit;
        this.pluginPaths = archives.pluginDirectories();
    }

    /** @return why plugins were not loaded, each with the archive it came from */
    List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return pluginPaths;
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        };
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CompoundPluginDescriptorFinder().add(new PropertiesPluginDescriptorFinder());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new DefaultPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new IsolatingPluginClassLoader(pluginManager, descriptor,
                        StorelinkPluginManager.class.getClassLoader());
            }
        };
    }

    /**
     * Builds {@code plugin.class} as PF4J does (the constructor taking the {@link PluginWrapper}, else the one
     * without arguments), but throws a {@link PluginClasses.LoadFailure} naming the class and the cause where PF4J's
     * factory logs it and returns {@code null}, which surfaced as a NullPointerException from PF4J itself.
     */
    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> {
            String role = "plugin class";
            String className = wrapper.getDescriptor().getPluginClass();
            ClassLoader loader = wrapper.getPluginClassLoader();
            Class<?> type = PluginClasses.load(role, className, loader);
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginClasses.LoadFailure(role + " " + className + " does not extend org.pf4j.Plugin", null);
            }
            Class<? extends Plugin> pluginType = type.asSubclass(Plugin.class);
            Constructor<? extends Plugin> withWrapper;
            try {
                withWrapper = pluginType.getConstructor(PluginWrapper.class);
            } catch (NoSuchMethodException e) {
                return PluginClasses.construct(role, PluginClasses.noArgumentConstructor(role, pluginType), loader,
                        constructorLimit);
            }
            return PluginClasses.construct(role, withWrapper, loader, constructorLimit, wrapper);
        };
    }

    /**
     * Loads every plugin except those whose id another archive also declares. PF4J would load the first and refuse
     * the second with its own text; which one is "first" depends on file names, so the user gets neither and a
     * problem on each archive naming the other.
     */
    @Override
    public void loadPlugins() {
        Map<String, List<Path>> pathsById = new LinkedHashMap<>();
        for (Path path : pluginPaths) {
            try {
                String id = getPluginDescriptorFinder().find(path).getPluginId();
                if (id != null) {
                    pathsById.computeIfAbsent(id, key -> new ArrayList<>()).add(path);
                }
            } catch (RuntimeException unreadable) {
                // Reported with its reason when PF4J loads it below.
            }
        }
        List<Path> refused = new ArrayList<>();
        pathsById.forEach((id, paths) -> {
            if (paths.size() < 2) {
                return;
            }
            for (Path path : paths) {
                String others = paths.stream().filter(other -> !other.equals(path))
                        .map(other -> archives.origin(other).getFileName().toString())
                        .collect(Collectors.joining(", "));
                problems.add(new PluginProblem(archives.origin(path), PluginArchives.label(id, archives.origin(path))
                        + ": the plugin id " + id + " is also declared by " + others + "; "
                        + PluginArchives.NEITHER_LOADED));
            }
            refused.addAll(paths);
        });
        pluginPaths = pluginPaths.stream().filter(path -> !refused.contains(path)).toList();
        super.loadPlugins();
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(archives.origin(pluginPath), "cannot load plugin: "
                    + PluginArchives.describe(e)));
            return null;
        }
    }

    /**
     * Accepts a plugin whose {@code plugin.requires} range holds the host's plugin API version. PF4J accepts a plugin
     * without the property (or with {@code *}) unchecked, and fails on a range it cannot parse with its own text;
     * both are refused here, with advice on what to declare.
     */
    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        String requires = plugin.getDescriptor().getRequires() == null ? "" : plugin.getDescriptor().getRequires().trim();
        String version = getSystemVersion();
        String refusal;
        if (requires.isEmpty() || requires.equals("*")) {
            // PF4J reads a missing plugin.requires as '*'.
            refusal = " declares no plugin.requires (or '*'), so the host cannot check which plugin API it was built "
                    + "for; " + requiresAdvice();
        } else {
            try {
                if (super.isPluginValid(plugin)) {
                    return true;
                }
                refusal = " requires Storelink plugin API " + requires + ", but this host provides " + version
                        + "; use a version of the plugin built for API " + version
                        + ", or a Storelink whose plugin API it accepts";
            } catch (RuntimeException unparsable) {
                refusal = ": plugin.requires '" + requires + "' is not a version range; " + requiresAdvice();
            }
        }
        Path source = archives.origin(plugin.getPluginPath());
        problems.add(new PluginProblem(source, PluginArchives.label(plugin.getPluginId(), source) + refusal));
        return false;
    }

    private String requiresAdvice() {
        String version = getSystemVersion();
        String major = version.split("\\.")[0];
        String range = major.chars().allMatch(Character::isDigit) && !major.isEmpty()
                ? ">=" + version + " & <" + (Integer.parseInt(major) + 1) + ".0.0"
                : ">=" + version;
        return "declare plugin.requires=>=<the plugin API version it was built against> in its plugin.properties, "
                + "for example plugin.requires=" + range + " for this host (the storelink.api.requires property of "
                + "io.storelink:storelink-bom)";
    }
}
