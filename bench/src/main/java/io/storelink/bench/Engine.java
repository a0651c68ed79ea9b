package io.storelink.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderImportService;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.shipment.ShipmentService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real host, wired as the CLI wires it ({@link CoreModule} through Guice), with its own home directory (a
 * fresh SQLite file) and a plugin host that loaded the distribution's plugin archives. The plugin host is shared
 * by the engines of one benchmark, so a run does not pay for loading plugins and warm-up carries over, as in a
 * long-running host; the CLI pays for loading once per command, which the start-up figure shows.
 */
final class Engine {

    /** Every status the sandbox's generator uses, so every generated order is imported. */
    static final String ALL_STATUSES = "pending,processing,complete,holded,canceled";

    private final Injector injector;

    private Engine(Injector injector) {
        this.injector = injector;
    }

    /** Loads the plugin archives of a directory (the distribution's, or a baseline's), as the CLI does on start. */
    static PluginHost loadPlugins(Path pluginsDirectory, Path cacheDirectory) {
        return PluginHost.start(pluginsDirectory, cacheDirectory, PluginApiVersion.current());
    }

    /**
     * @param home the home directory: the database and the key file go there
     * @param plugins the loaded plugins
     */
    /** The retry defaults of core's reference.conf. */
    static final RetryPolicy RETRY = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    static Engine open(Path home, PluginHost plugins) {
        // The defaults of core's reference.conf; the plugins directory is not read, the loaded plugins are bound.
        HostConfig config = new HostConfig(home, home.resolve("unused-plugins"), Duration.ofSeconds(30), RETRY);
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.override(new CoreModule()).with(binder -> {
            binder.bind(HostConfig.class).toInstance(config);
            binder.bind(PluginHost.class).toInstance(plugins);
        }));
        return new Engine(injector);
    }

    /** Adds a Magento 2 connection to a sandbox, importing the given statuses with no delay. */
    Connection addMagentoConnection(String name, java.net.URI storeUrl, String statuses) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("store-url", storeUrl.toString());
        values.put("access-token", SandboxProcess.TOKEN);
        values.put("order-import-status", statuses);
        values.put("import-delay", "0");
        return connections().add(name, "magento2", values);
    }

    ImportRun importOrders(String connection) {
        return injector.getInstance(OrderImportService.class).importOrders(connection, ImportListener.NONE);
    }

    ConnectionService connections() {
        return injector.getInstance(ConnectionService.class);
    }

    OrderRepository orders() {
        return injector.getInstance(OrderRepository.class);
    }

    ShipmentService shipments() {
        return injector.getInstance(ShipmentService.class);
    }

    /**
     * For what-if figures only: one more connection to the engine's database, which the caller keeps open. While
     * it is open, the engine's per-transaction connections are never the last to close, so SQLite does not
     * checkpoint the write-ahead log at each close.
     */
    java.sql.Connection openExtraDatabaseConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:sqlite:" + injector.getInstance(
                io.storelink.core.storage.Database.class).file());
    }

    PluginHost plugins() {
        return injector.getInstance(PluginHost.class);
    }
}
