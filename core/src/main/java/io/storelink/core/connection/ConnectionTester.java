package io.storelink.core.connection;

import io.storelink.api.ConnectionCheck;
import io.storelink.core.config.HostConfig;
import io.storelink.core.plugin.DefaultPlatformContext;
import io.storelink.core.plugin.PluginConnector;
import io.storelink.core.plugin.PluginHost;
import jakarta.inject.Inject;

import java.time.Clock;

/** Runs a platform's diagnostic steps against a stored connection. */
public final class ConnectionTester {

    private final ConnectionService connections;
    private final PluginHost plugins;
    private final HostConfig config;
    private final Clock clock;

    @Inject
    public ConnectionTester(ConnectionService connections, PluginHost plugins, HostConfig config, Clock clock) {
        this.connections = connections;
        this.plugins = plugins;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param connectionName the connection
     * @return every step in order
     */
    public ConnectionCheck test(String connectionName) {
        Connection connection = connections.get(connectionName);
        try (PluginConnector connector = plugins.platform(connection.platform()).connect(
                connections.resolve(connection), DefaultPlatformContext.of(clock, config))) {
            return connector.check();
        }
    }
}
