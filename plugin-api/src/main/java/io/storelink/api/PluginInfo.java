package io.storelink.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * What a plugin's own {@code plugin.properties} says about it, so that a plugin writes its version once, in its
 * build, and its {@link PlatformDescriptor} reads it from there:
 * <pre>{@code
 * new PlatformDescriptor("acme", "Acme", PluginInfo.of(AcmePlatform.class).version(), ...)
 * }</pre>
 *
 * @param id {@code plugin.id}
 * @param version {@code plugin.version}
 * @param requires {@code plugin.requires}, or empty
 * @since 1.2.0
 */
public record PluginInfo(String id, String version, String requires) {

    /** The version a plugin reports when it runs outside a host and has no {@code plugin.properties} in reach. */
    public static final String UNKNOWN_VERSION = "0.0.0-dev";

    public PluginInfo {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(requires, "requires is null");
    }

    /**
     * The plugin a class belongs to. Inside the host, its class loader knows the plugin's descriptor. Outside it (a
     * plugin's own unit tests), {@code plugin.properties} is looked up on the class path; failing that, the id is
     * empty and the version {@value #UNKNOWN_VERSION}.
     *
     * @param pluginClass any class of the plugin
     * @return what the plugin's descriptor says
     */
    public static PluginInfo of(Class<?> pluginClass) {
        ClassLoader loader = pluginClass.getClassLoader();
        if (loader instanceof Source source) {
            return source.pluginInfo();
        }
        if (loader != null) {
            try (InputStream in = loader.getResourceAsStream("plugin.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return new PluginInfo(properties.getProperty("plugin.id", ""),
                            properties.getProperty("plugin.version", UNKNOWN_VERSION),
                            properties.getProperty("plugin.requires", ""));
                }
            } catch (IOException | IllegalArgumentException unreadable) {
                // Outside a host a missing or broken file only costs the version.
            }
        }
        return new PluginInfo("", UNKNOWN_VERSION, "");
    }

    /**
     * Implemented by the host's plugin class loaders: the descriptor of the plugin whose classes they load.
     *
     * @since 1.2.0
     */
    public interface Source {
        /** @return the plugin's descriptor */
        PluginInfo pluginInfo();
    }
}
