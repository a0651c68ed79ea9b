package io.storelink.core.plugin;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Platform;
import io.storelink.api.PlatformContext;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.StoreConnector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * One loaded platform: the extension a plugin contributed, with the plugin's identity and class loader.
 *
 * <p>Every call into the plugin's code goes through {@link PluginCall}: on a host thread with the plugin's class
 * loader as the thread context class loader (Jackson, ServiceLoader and friends rely on it), within a time limit
 * from {@link PluginCallLimits}, and with any failure turned into a {@link ConnectorException} that names the
 * plugin. {@code descriptor()} is called once, here, and kept.
 */
public final class PlatformPlugin {

    static final String LIMITS = "storelink.plugin-time-limits.";

    private final String pluginId;
    private final String pluginVersion;
    private final Path source;
    private final ClassLoader classLoader;
    private final Platform platform;
    private final PluginCallLimits limits;
    private final PlatformDescriptor descriptor;

    PlatformPlugin(String pluginId, String pluginVersion, Path source, ClassLoader classLoader, Platform platform,
                   PluginCallLimits limits) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
        this.pluginVersion = requireNonNull(pluginVersion, "pluginVersion is null");
        this.source = requireNonNull(source, "source is null");
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.limits = requireNonNull(limits, "limits is null");
        PlatformDescriptor declared = call(null, "descriptor", limits.descriptor(), LIMITS + "descriptor",
                platform::descriptor);
        if (declared == null) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who(null) + " returned no descriptor");
        }
        this.descriptor = declared;
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

    /** @return what the platform declared when it was loaded; never asks the plugin again */
    public PlatformDescriptor descriptor() {
        return descriptor;
    }

    /** @return the time limits of calls into this plugin */
    PluginCallLimits limits() {
        return limits;
    }

    /**
     * Builds a connector for one connection; the caller closes it.
     *
     * @param config the connection's resolved values
     * @param context what the host offers the plugin
     * @return the connector, whose every call is guarded as this class describes
     * @throws ConnectorException the plugin's own, or {@link ErrorKind#PLUGIN_FAILURE} naming the plugin and the
     *         connection for anything else, a call past {@link PluginCallLimits#connect()} included
     */
    public PluginConnector connect(ConnectionConfig config, PlatformContext context) {
        String connection = config.connectionName();
        StoreConnector connector = call(connection, "connect", limits.connect(), LIMITS + "connect",
                () -> platform.connect(config, context));
        if (connector == null) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who(connection) + " returned no connector");
        }
        return new PluginConnector(this, connection, connector);
    }

    /**
     * Calls into the plugin, guarded.
     *
     * @param connection the connection the call is for, or {@code null}
     * @param operation the plugin method, for messages
     * @param limit how long it may take
     * @param setting the host setting holding {@code limit}
     * @param call the call
     * @param <T> what it returns
     * @return what the call returned
     */
    <T> T call(String connection, String operation, Duration limit, String setting, Callable<T> call) {
        return PluginCall.run(who(connection), operation, limit, setting, classLoader, call);
    }

    /** @return "Plugin id version" and, for a connection, " (connection name)": the subject of every message */
    String who(String connection) {
        return "Plugin " + pluginId + " " + pluginVersion + (connection == null ? "" : " (connection " + connection + ")");
    }
}
