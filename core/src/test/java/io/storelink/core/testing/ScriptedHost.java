package io.storelink.core.testing;

import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.ConnectionRepository;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.connection.SecretCipher;
import io.storelink.core.connection.SecretResolver;
import io.storelink.core.order.OrderImportService;
import io.storelink.core.order.OrderQueryService;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.shipment.ShipmentRepository;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.storage.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's services wired by hand around the {@link ScriptedPlatform} archive, a real database and a sleeper
 * that records backoff instead of waiting; one connection, {@code shop}, reads its script from {@code script}.
 */
public final class ScriptedHost implements AutoCloseable {

    public final List<Duration> sleeps = new ArrayList<>();
    public final PluginHost plugins;
    public final Database database;
    public final ConnectionService connections;
    public final OrderRepository orderRepository;
    public final OrderImportService imports;
    public final OrderQueryService orders;
    public final ShipmentService shipments;

    public ScriptedHost(Path home, Path pluginsDir, Path script, int attempts) {
        this(home, pluginsDir, script, attempts, PluginCallLimits.DEFAULTS);
    }

    /** With the given time limits for calls into plugins; any other archive already in {@code pluginsDir} loads too. */
    public ScriptedHost(Path home, Path pluginsDir, Path script, int attempts, PluginCallLimits limits) {
        this(home, pluginsDir, script, attempts, limits, HostConfig.DEFAULT_IMPORT_CONCURRENCY);
    }

    /**
     * With the given time limits and {@code storelink.import.concurrency}, on a host of this build's plugin API
     * version; any other archive already in {@code pluginsDir} loads too.
     */
    public ScriptedHost(Path home, Path pluginsDir, Path script, int attempts, PluginCallLimits limits,
                        int importConcurrency) {
        this(home, "cache", pluginsDir, script, attempts, limits, importConcurrency, Clock.systemUTC(), null);
    }

    /**
     * One of several hosts on one database (the home's): its own plugin cache ({@code cache-<name>}), its own lease
     * owner, its own clock for everything it does, leases included; {@code pause} is called, besides being
     * recorded, where a host waits between attempts of a store call. The connection {@code shop} is added once.
     */
    public ScriptedHost(Path home, String name, Path pluginsDir, Path script, Clock clock,
                        RetryPolicy.Sleeper pause) {
        this(home, "cache-" + name, pluginsDir, script, 3, PluginCallLimits.DEFAULTS,
                HostConfig.DEFAULT_IMPORT_CONCURRENCY, clock, pause);
    }

    private ScriptedHost(Path home, String cache, Path pluginsDir, Path script, int attempts, PluginCallLimits limits,
                         int importConcurrency, Clock clock, RetryPolicy.Sleeper pause) {
        ScriptedPlatform.buildInto(pluginsDir);
        plugins = PluginHost.start(pluginsDir, home.resolve(cache), PluginApiVersion.current(), limits);
        database = TestDatabases.open(home).leasesOn(clock);
        connections = new ConnectionService(new ConnectionRepository(database), plugins,
                SecretCipher.fromKeyFile(home.resolve("secret.key")), new SecretResolver(name -> null), clock);
        orderRepository = new OrderRepository(database);
        HostConfig config = new HostConfig(home, pluginsDir, Duration.ofSeconds(5),
                new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .withPluginLimits(limits).withImportConcurrency(importConcurrency);
        RetryPolicy.Sleeper sleeper = pause == null ? sleeps::add : duration -> {
            sleeps.add(duration);
            pause.sleep(duration);
        };
        imports = new OrderImportService(connections, plugins, orderRepository, config, clock, sleeper);
        orders = new OrderQueryService(connections, orderRepository);
        shipments = new ShipmentService(connections, plugins, orderRepository, new ShipmentRepository(database),
                config, clock, sleeper);
        if (connections.list().stream().noneMatch(connection -> connection.name().equals("shop"))) {
            connections.add("shop", "scripted", Map.of("script-dir", script.toString(), "token", "t0ken"));
        }
    }

    @Override
    public void close() {
        plugins.close();
        database.close();
    }
}
