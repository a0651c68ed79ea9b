package io.storelink.testkit;

import io.storelink.api.ConnectionCheck;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionRepository;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.connection.ConnectionTester;
import io.storelink.core.connection.SecretCipher;
import io.storelink.core.connection.SecretResolver;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderImportService;
import io.storelink.core.order.OrderRepository;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginApiVersion;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.shipment.ShipmentRepository;
import io.storelink.core.shipment.ShipmentRequest;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.storage.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

/**
 * The host's own services wired by hand around one plugin archive and a real SQLite file in {@code home}, with a
 * sleeper that records backoff instead of waiting. Two hosts on the same home share the database, the stored
 * cursor and the connection key, as a restarted process would.
 */
public final class EmbeddedHost implements AutoCloseable {

    /** The connection every check uses. */
    public static final String CONNECTION = "conformance";

    /** How many times the host tries a call that fails for a passing reason. */
    public static final int ATTEMPTS = 5;

    private final List<Duration> sleeps = new ArrayList<>();
    private final PluginHost plugins;
    private final Database database;
    private final ConnectionService connections;
    private final OrderRepository orders;
    private final OrderImportService imports;
    private final ConnectionTester tester;
    private final ShipmentService shipments;

    private EmbeddedHost(Path home, Path archive, int importConcurrency) {
        Path pluginsDir = home.resolve("plugins");
        try {
            Files.createDirectories(pluginsDir);
            Files.copy(archive, pluginsDir.resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the plugin archive " + archive + " into " + pluginsDir, e);
        }
        plugins = PluginHost.start(pluginsDir, home.resolve("cache"), PluginApiVersion.current(),
                PluginCallLimits.DEFAULTS);
        database = Database.open(home.resolve("storelink.db"));
        connections = new ConnectionService(new ConnectionRepository(database), plugins,
                SecretCipher.fromKeyFile(home.resolve("secret.key")), new SecretResolver(name -> null),
                Clock.systemUTC());
        orders = new OrderRepository(database);
        HostConfig config = new HostConfig(home, pluginsDir, Duration.ofSeconds(10),
                new RetryPolicy(ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .withImportConcurrency(importConcurrency);
        imports = new OrderImportService(connections, plugins, orders, config, Clock.systemUTC(), sleeps::add);
        tester = new ConnectionTester(connections, plugins, config, Clock.systemUTC());
        shipments = new ShipmentService(connections, plugins, orders, new ShipmentRepository(database), config,
                Clock.systemUTC(), sleeps::add);
    }

    /**
     * Starts a host on {@code home} with {@code archive} as its only plugin.
     *
     * @param home the host's home; created if missing, reused as it is if not
     * @param archive the built plugin archive
     * @return the running host
     */
    public static EmbeddedHost start(Path home, Path archive) {
        return new EmbeddedHost(home, archive, HostConfig.DEFAULT_IMPORT_CONCURRENCY);
    }

    /**
     * Starts a host that keeps at most {@code importConcurrency} page requests of a ranged import in flight.
     *
     * @param home the host's home; created if missing, reused as it is if not
     * @param archive the built plugin archive
     * @param importConcurrency 1 to 16
     * @return the running host
     */
    public static EmbeddedHost start(Path home, Path archive, int importConcurrency) {
        return new EmbeddedHost(home, archive, importConcurrency);
    }

    /** @return the one platform the archive offers; fails if it offers none or several */
    public PlatformPlugin platform() {
        List<PlatformPlugin> platforms = plugins.platforms();
        if (platforms.size() != 1) {
            throw new AssertionError("The host loaded " + platforms.size() + " platforms from the archive, expected "
                    + "exactly one; problems the host reported: " + plugins.problems());
        }
        return platforms.get(0);
    }

    /** Adds the connection {@value #CONNECTION} with the store's values, through the host's own form checks. */
    public Connection connect(StandInStore store) {
        return connect(store.connectionValues());
    }

    /** Adds the connection {@value #CONNECTION} with these raw values, through the host's own form checks. */
    public Connection connect(Map<String, String> values) {
        return connections.add(CONNECTION, platform().descriptor().id(), new HashMap<>(values));
    }

    /** @return the connection {@value #CONNECTION}, added by an earlier host on the same home */
    public Connection connection() {
        return connections.get(CONNECTION);
    }

    /** Runs one import of the connection; throws what the host throws when the run fails. */
    public ImportRun importOrders(ImportListener listener) {
        return imports.importOrders(CONNECTION, listener);
    }

    /** @return how many orders the database holds for the connection */
    public long storedOrders() {
        return orders.countByFulfilment(connection()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the platform order ids stored for the connection (the database keeps each once) */
    public Set<String> storedOrderIds() {
        Set<String> ids = new HashSet<>();
        orders.forEach(connection(), null, order -> ids.add(order.order().platformOrderId()));
        return ids;
    }

    /** @return the order number of the oldest order stored for the connection, if any */
    public Optional<String> firstOrderNumber() {
        List<String> numbers = new ArrayList<>();
        orders.forEach(connection(), null, order -> {
            if (numbers.isEmpty()) {
                numbers.add(order.order().orderNumber());
            }
        });
        return numbers.stream().findFirst();
    }

    /** Stores a ship notification in the outbox and sends it, as {@code storelink ship} does. */
    public ShipmentRecord ship(ShipmentRequest request) {
        return shipments.notify(CONNECTION, request);
    }

    /** Sends a failed notification again, as {@code storelink shipments retry} does. */
    public ShipmentRecord retryShipment(long id) {
        return shipments.retry(id);
    }

    /** @return the connection test's steps, as {@code storelink connections test} runs them */
    public ConnectionCheck test() {
        return tester.test(CONNECTION);
    }

    /** @return the backoff the host would have slept through, in order */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public void close() {
        try {
            plugins.close();
        } finally {
            database.close();
        }
    }
}
