package io.storelink.core.plugin;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Platform;
import io.storelink.api.PlatformContext;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.StoreConnector;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One loaded platform: the extension a plugin contributed, with the plugin's identity and class loader.
 *
 * <p>{@link #invoke(String, Function)} is the one way into the plugin's code: it sets the thread context class
 * loader to the plugin's loader (Jackson, ServiceLoader and friends rely on it) and turns any failure that is not a
 * {@link ConnectorException} into one that names the plugin.
 */
public final class PlatformPlugin {

    private final String pluginId;
    private final String pluginVersion;
    private final Path source;
    private final ClassLoader classLoader;
    private final Platform platform;
    private final PlatformDescriptor descriptor;

    PlatformPlugin(String pluginId, String pluginVersion, Path source, ClassLoader classLoader, Platform platform) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
        this.pluginVersion = requireNonNull(pluginVersion, "pluginVersion is null");
        this.source = requireNonNull(source, "source is null");
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.descriptor = requireNonNull(invoke("descriptor", Platform::descriptor),
                () -> "plugin " + pluginId + " returned no descriptor");
    }

    /** @return the PF4J plugin id */
    public String pluginId() {
        return pluginId;
    }

    /** @return the plugin's version, from its plugin.properties */
    public String pluginVersion() {
        return pluginVersion;
    }

    /** @return where the plugin was loaded from */
    public Path source() {
        return source;
    }

    /** @return what the platform declared when it was loaded */
    public PlatformDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Calls into the plugin with its class loader as the thread context class loader.
     *
     * @param operation what is being done, for the error message
     * @param call the call
     * @param <T> what it returns
     * @return what the call returned
     * @throws ConnectorException the plugin's own, or {@link ErrorKind#PLUGIN_FAILURE} wrapping anything else
     */
    public <T> T invoke(String operation, Function<Platform, T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return call.apply(platform);
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ConnectorException(ErrorKind.PLUGIN_FAILURE, false,
                    "Plugin " + pluginId + " " + pluginVersion + " failed in " + operation + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Builds a connector for one connection; the caller closes it.
     *
     * @param config the connection's resolved values
     * @param context what the host offers the plugin
     * @return the connector, whose every call goes through this plugin's invoker
     */
    public PluginConnector connect(ConnectionConfig config, PlatformContext context) {
        StoreConnector connector = invoke("connect", platform -> platform.connect(config, context));
        return new PluginConnector(this, requireNonNull(connector, () -> "plugin " + pluginId + " returned no connector"));
    }

    /**
     * Runs {@code work} with the plugin's class loader as the thread context class loader, for objects the plugin
     * returned (a connector) whose methods the host calls later.
     *
     * @param operation what is being done, for the error message
     * @param work the work
     * @param <T> what it returns
     * @return what the work returned
     */
    public <T> T within(String operation, Supplier<T> work) {
        return invoke(operation, ignored -> work.get());
    }
}
