package io.storelink.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.schedule.ScheduleSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The host's settings, read once at start.
 *
 * @param home where the database, the key file and the logs live
 * @param pluginsDir where plugin archives are loaded from
 * @param requestTimeout how long one request to a store may wait to connect, for its answer to start, and between
 *        two reads of its body
 * @param requestDeadline how long one request to a store may take in all, however steadily bytes arrive
 * @param maxResponseBytes the largest response body one request may read
 * @param retry how calls that failed for a passing reason are retried
 * @param pluginLimits how long each kind of call into a plugin may take
 * @param keyFile the file holding the key that encrypts secrets at rest; by default in the home
 * @param key the key itself (base64), or a {@code ${env:NAME}} / {@code ${file:/path}} reference to it; when set,
 *        {@code keyFile} is not used. {@code null} when not set
 * @param importConcurrency how many page requests an import run keeps in flight at one store, for connectors that
 *        plan ranges (plugin API 1.2); {@value #MIN_IMPORT_CONCURRENCY} to {@value #MAX_IMPORT_CONCURRENCY}
 * @param schedule how the scheduler of a long-running host imports and drains the outbox
 * @param database which database the host uses ({@code storelink.database.*})
 * @param leaseDuration how long a lease on a row this host works on runs from its last renewal; another host may take
 *        the row over once it expired ({@value #LEASE_DURATION})
 */
public record HostConfig(Path home, Path pluginsDir, Duration requestTimeout, Duration requestDeadline,
                         long maxResponseBytes, RetryPolicy retry, PluginCallLimits pluginLimits, Path keyFile,
                         String key, int importConcurrency, ScheduleSettings schedule, DatabaseSettings database,
                         Duration leaseDuration) {

    /** System property the launcher sets to the distribution's root directory. */
    public static final String DISTRIBUTION_PROPERTY = "storelink.distribution";

    public static final String HOME = "storelink.home";
    public static final String PLUGINS_DIR = "storelink.plugins-dir";
    public static final String REQUEST_TIMEOUT = "storelink.request-timeout";
    public static final String REQUEST_DEADLINE = "storelink.request-deadline";
    public static final String MAX_RESPONSE_SIZE = "storelink.max-response-size";
    public static final String PLUGIN_TIME_LIMITS = "storelink.plugin-time-limits";
    public static final String KEY_FILE = "storelink.key-file";
    public static final String KEY = "storelink.key";
    public static final String IMPORT_CONCURRENCY = "storelink.import.concurrency";
    public static final String LEASE_DURATION = "storelink.lease.duration";

    /** The key file's name in the home, when {@value #KEY_FILE} is not set. */
    public static final String DEFAULT_KEY_FILE = "secret.key";

    /** The default of {@value #REQUEST_DEADLINE}. */
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofMinutes(2);
    /** The default of {@value #MAX_RESPONSE_SIZE}: 64 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    /** The default of {@value #LEASE_DURATION}. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(60);
    /** The default of {@value #IMPORT_CONCURRENCY}. */
    public static final int DEFAULT_IMPORT_CONCURRENCY = 2;
    public static final int MIN_IMPORT_CONCURRENCY = 1;
    public static final int MAX_IMPORT_CONCURRENCY = 16;
    private static final String IMPORT_CONCURRENCY_RANGE = "; it must be a whole number from " + MIN_IMPORT_CONCURRENCY
            + " to " + MAX_IMPORT_CONCURRENCY + " (page requests one import keeps in flight at a store)";

    public HostConfig {
        requireNonNull(home, "home is null");
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(requestDeadline, "requestDeadline is null");
        requireNonNull(retry, "retry is null");
        requireNonNull(pluginLimits, "pluginLimits is null");
        requireNonNull(keyFile, "keyFile is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(database, "database is null");
        requireNonNull(leaseDuration, "leaseDuration is null");
        key = key == null || key.isBlank() ? null : key.strip();
        positive(REQUEST_TIMEOUT, requestTimeout);
        positive(REQUEST_DEADLINE, requestDeadline);
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException(MAX_RESPONSE_SIZE + " must be at least 1 byte: " + maxResponseBytes);
        }
        if (importConcurrency < MIN_IMPORT_CONCURRENCY || importConcurrency > MAX_IMPORT_CONCURRENCY) {
            throw new IllegalArgumentException(IMPORT_CONCURRENCY + " is " + importConcurrency + IMPORT_CONCURRENCY_RANGE);
        }
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0 || leaseDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(LEASE_DURATION + " is " + leaseDuration + "; it must be from 1s to 1h");
        }
    }

    /** Settings with the default lease duration. */
    public HostConfig(Path home, Path pluginsDir, Duration requestTimeout, Duration requestDeadline,
                      long maxResponseBytes, RetryPolicy retry, PluginCallLimits pluginLimits, Path keyFile,
                      String key, int importConcurrency, ScheduleSettings schedule, DatabaseSettings database) {
        this(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry, pluginLimits, keyFile, key,
                importConcurrency, schedule, database, DEFAULT_LEASE_DURATION);
    }

    /** Settings with the SQLite file in the home. */
    public HostConfig(Path home, Path pluginsDir, Duration requestTimeout, Duration requestDeadline,
                      long maxResponseBytes, RetryPolicy retry, PluginCallLimits pluginLimits, Path keyFile,
                      String key, int importConcurrency, ScheduleSettings schedule) {
        this(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry, pluginLimits, keyFile, key,
                importConcurrency, schedule, DatabaseSettings.DEFAULT);
    }

    /** Settings with the default {@link ScheduleSettings}. */
    public HostConfig(Path home, Path pluginsDir, Duration requestTimeout, Duration requestDeadline,
                      long maxResponseBytes, RetryPolicy retry, PluginCallLimits pluginLimits, Path keyFile,
                      String key, int importConcurrency) {
        this(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry, pluginLimits, keyFile, key,
                importConcurrency, ScheduleSettings.DEFAULTS);
    }

    /**
     * Settings with the default deadline, response cap and plugin time limits, for embedding and tests.
     *
     * @param home where the database, the key file and the logs live
     * @param pluginsDir where plugin archives are loaded from
     * @param requestTimeout how long one request may wait between reads
     * @param retry how passing failures are retried
     */
    public HostConfig(Path home, Path pluginsDir, Duration requestTimeout, RetryPolicy retry) {
        this(home, pluginsDir, requestTimeout, DEFAULT_REQUEST_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, retry,
                PluginCallLimits.DEFAULTS, home.resolve(DEFAULT_KEY_FILE), null, DEFAULT_IMPORT_CONCURRENCY,
                ScheduleSettings.DEFAULTS, DatabaseSettings.DEFAULT);
    }

    /** @param limits the plugin time limits @return these settings with {@code limits} */
    public HostConfig withPluginLimits(PluginCallLimits limits) {
        return new HostConfig(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry, limits,
                keyFile, key, importConcurrency, schedule, database, leaseDuration);
    }

    /** @param concurrency page requests in flight per import @return these settings with {@code concurrency} */
    public HostConfig withImportConcurrency(int concurrency) {
        return new HostConfig(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry,
                pluginLimits, keyFile, key, concurrency, schedule, database, leaseDuration);
    }

    /** @param settings the scheduler's settings @return these settings with {@code settings} */
    public HostConfig withSchedule(ScheduleSettings settings) {
        return new HostConfig(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry,
                pluginLimits, keyFile, key, importConcurrency, settings, database, leaseDuration);
    }

    /** @param settings which database to use @return these settings with {@code settings} */
    public HostConfig withDatabase(DatabaseSettings settings) {
        return new HostConfig(home, pluginsDir, requestTimeout, requestDeadline, maxResponseBytes, retry,
                pluginLimits, keyFile, key, importConcurrency, schedule, settings, leaseDuration);
    }

    private static void positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be more than 0: " + value);
        }
    }

    /**
     * Loads the settings: {@code overrides} (for example from command-line options) win over system properties,
     * which win over the distribution's {@code conf/application.conf}, then an {@code application.conf} on the class
     * path, then {@code reference.conf} and its environment variables.
     *
     * @param overrides setting paths to values, for example {@code storelink.home}
     * @return the settings
     * @throws IllegalArgumentException naming the setting and its value when a value is malformed
     */
    public static HostConfig load(Map<String, String> overrides) {
        Config config = settings(overrides);
        try {
            Path home = Path.of(config.getString(HOME)).toAbsolutePath().normalize();
            String pluginsDir = config.getString(PLUGINS_DIR);
            String keyFile = config.getString(KEY_FILE);
            return new HostConfig(
                    home,
                    pluginsDir.isBlank() ? defaultPluginsDir() : Path.of(pluginsDir).toAbsolutePath().normalize(),
                    config.getDuration(REQUEST_TIMEOUT),
                    config.getDuration(REQUEST_DEADLINE),
                    config.getBytes(MAX_RESPONSE_SIZE),
                    new RetryPolicy(config.getInt("storelink.retry.attempts"),
                            config.getDuration("storelink.retry.initial-backoff"),
                            config.getDuration("storelink.retry.max-backoff"),
                            config.getDuration("storelink.retry.max-retry-after")),
                    new PluginCallLimits(
                            config.getDuration(PLUGIN_TIME_LIMITS + ".descriptor"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".connect"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".check"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".fetch-batch"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".notify-shipment"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".close"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".plan-import"),
                            config.getDuration(PLUGIN_TIME_LIMITS + ".fetch-page")),
                    keyFile.isBlank() ? home.resolve(DEFAULT_KEY_FILE) : Path.of(keyFile).toAbsolutePath().normalize(),
                    config.getString(KEY),
                    importConcurrency(config),
                    new ScheduleSettings(config.getDuration(ScheduleSettings.IMPORT_INTERVAL),
                            wholeNumber(config, ScheduleSettings.WORKERS),
                            config.getDuration(ScheduleSettings.MAX_BACKOFF),
                            config.getDuration(ScheduleSettings.OUTBOX_INTERVAL),
                            wholeNumber(config, ScheduleSettings.OUTBOX_WORKERS),
                            config.getDuration(ScheduleSettings.STOP_DRAIN)),
                    new DatabaseSettings(config.getString(DatabaseSettings.URL), config.getString(DatabaseSettings.USER),
                            config.getString(DatabaseSettings.PASSWORD), wholeNumber(config, DatabaseSettings.POOL_SIZE)),
                    config.getDuration(LEASE_DURATION));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting: " + e.getMessage(), e);
        }
    }

    /**
     * Every setting, in the order {@link #load} reads them, for modules with settings of their own (for example
     * {@code storelink.server.*}).
     *
     * @param overrides setting paths to values, for example from command-line options
     * @return the resolved settings
     */
    public static Config settings(Map<String, String> overrides) {
        ConfigFactory.invalidateCaches();
        return ConfigFactory.parseMap(overrides, "command-line options")
                .withFallback(ConfigFactory.defaultOverrides())
                .withFallback(distributionConf())
                .withFallback(ConfigFactory.defaultApplication())
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    private static int importConcurrency(Config config) {
        try {
            return config.getInt(IMPORT_CONCURRENCY);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(IMPORT_CONCURRENCY + " is '" + config.getValue(IMPORT_CONCURRENCY)
                    .unwrapped() + "'" + IMPORT_CONCURRENCY_RANGE, e);
        }
    }

    private static int wholeNumber(Config config, String setting) {
        try {
            return config.getInt(setting);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(setting + " is '" + config.getValue(setting).unwrapped()
                    + "'; it must be a whole number", e);
        }
    }

    /**
     * Creates the home directory if it does not exist, and makes it readable by its owner only also when it does
     * (a {@code --home} pointed at an existing directory): it holds customer addresses and the key to store tokens.
     *
     * @return the home directory
     */
    public Path ensureHome() {
        try {
            return OwnerOnly.directory(home);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("Cannot create Storelink home " + home + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * The distribution's {@code conf/application.conf}, read as a file rather than from the class path: a directory
     * on the class path would stop the JVM from using the distribution's class-data archive.
     */
    private static Config distributionConf() {
        String distribution = System.getProperty(DISTRIBUTION_PROPERTY);
        if (distribution == null) {
            return ConfigFactory.empty();
        }
        return ConfigFactory.parseFile(Path.of(distribution, "conf", "application.conf").toFile());
    }

    private static Path defaultPluginsDir() {
        String distribution = System.getProperty(DISTRIBUTION_PROPERTY);
        Path root = distribution == null ? Path.of("") : Path.of(distribution);
        return root.resolve("plugins").toAbsolutePath().normalize();
    }
}
