package io.storelink.core.plugin;

import io.storelink.api.PluginInfo;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.util.List;

/**
 * A plugin's class loader that shares only the plugin API, pf4j and slf4j with the host.
 *
 * <p>Everything else a plugin uses must come from its own archive: a plugin never sees the host's Jackson, Guice
 * or HTTP client, even by accident, so the two can use different versions. JDK classes come from the platform
 * class loader.
 */
final class IsolatingPluginClassLoader extends PluginClassLoader implements PluginInfo.Source {

    /** Package prefixes whose classes come from the host: the API, pf4j (ExtensionPoint) and slf4j. */
    static final List<String> SHARED_PREFIXES = List.of("io.storelink.api.", "org.pf4j.", "org.slf4j.");

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Never the application: a class the plugin does not bundle is missing, not borrowed from the host. */
    private static final ClassLoadingStrategy PLUGIN_THEN_DEPENDENCIES = new ClassLoadingStrategy(
            List.of(ClassLoadingStrategy.Source.PLUGIN, ClassLoadingStrategy.Source.DEPENDENCIES));

    static {
        registerAsParallelCapable();
    }

    private final PluginInfo info;

    IsolatingPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        super(pluginManager, descriptor, parent, PLUGIN_THEN_DEPENDENCIES);
        this.info = new PluginInfo(descriptor.getPluginId(), descriptor.getVersion(),
                descriptor.getRequires() == null ? "" : descriptor.getRequires());
    }

    /** The plugin's own descriptor, for {@link PluginInfo#of(Class)}: a plugin writes its version once, in its build. */
    @Override
    public PluginInfo pluginInfo() {
        return info;
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (!isShared(className) && !className.startsWith("java.")) {
            try {
                return PLATFORM.loadClass(className);
            } catch (ClassNotFoundException notPlatform) {
                // Not a JDK class: the plugin's own, looked up below.
            }
        }
        return super.loadClass(className);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return isShared(className);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
