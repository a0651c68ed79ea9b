package io.storelink.core.plugin;

import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PF4J hardened for drop-in archives: it loads only expanded plugin directories handed to it, gives every plugin an
 * {@link IsolatingPluginClassLoader}, enforces {@code plugin.requires} against the host's API version, and records
 * why a plugin failed instead of only logging it.
 */
final class StorelinkPluginManager extends DefaultPluginManager {

    private final List<PluginProblem> problems = new ArrayList<>();
    private List<Path> pluginPaths = List.of();

    StorelinkPluginManager(Path pluginsDir, String systemVersion) {
        super(pluginsDir);
        setSystemVersion(systemVersion);
    }

    void setPluginPaths(List<Path> paths) {
        this.pluginPaths = List.copyOf(paths);
    }

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

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(pluginPath, "cannot load plugin: " + PluginArchives.describe(e)));
            return null;
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        if (super.isPluginValid(plugin)) {
            return true;
        }
        PluginDescriptor descriptor = plugin.getDescriptor();
        problems.add(new PluginProblem(plugin.getPluginPath(), "plugin " + descriptor.getPluginId() + " "
                + descriptor.getVersion() + " requires Storelink plugin API " + descriptor.getRequires().trim()
                + ", but this host provides " + getSystemVersion()));
        return false;
    }
}
