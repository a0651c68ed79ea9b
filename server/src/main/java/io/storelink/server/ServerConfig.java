package io.storelink.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.storelink.core.config.HostConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The settings of {@code storelink serve}.
 *
 * @param bind the address to listen on
 * @param port the TCP port; 0 picks a free one
 * @param tokenFile the file holding the API's bearer token
 * @param maxBodyBytes the largest request body accepted
 * @param corsAllowedOrigins browser origins allowed to call the API; empty turns CORS off
 * @param drainTimeout how long requests and running imports may take to finish on shutdown
 */
public record ServerConfig(String bind, int port, Path tokenFile, long maxBodyBytes, List<String> corsAllowedOrigins,
                           Duration drainTimeout) {

    public static final String BIND = "storelink.server.bind";
    public static final String PORT = "storelink.server.port";
    public static final String TOKEN_FILE = "storelink.server.token-file";
    public static final String MAX_BODY_SIZE = "storelink.server.max-body-size";
    public static final String CORS_ALLOWED_ORIGINS = "storelink.server.cors.allowed-origins";
    public static final String DRAIN_TIMEOUT = "storelink.server.drain-timeout";

    /** The token file's name in the home, when {@value #TOKEN_FILE} is not set. */
    public static final String DEFAULT_TOKEN_FILE = "api-token";

    public ServerConfig {
        requireNonNull(bind, "bind is null");
        requireNonNull(tokenFile, "tokenFile is null");
        requireNonNull(drainTimeout, "drainTimeout is null");
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        if (bind.isBlank()) {
            throw new IllegalArgumentException(BIND + " is empty; expected an address such as 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT + " is " + port + "; expected 0 to 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(MAX_BODY_SIZE + " is " + maxBodyBytes + "; expected at least 1 byte");
        }
    }

    /**
     * @param host the host's settings, for the home
     * @param overrides setting paths to values, e.g. from {@code --port}
     * @return the server's settings, read like the host's
     * @throws IllegalArgumentException naming the setting and its value when a value is malformed
     */
    public static ServerConfig load(HostConfig host, Map<String, String> overrides) {
        Config config = HostConfig.settings(overrides);
        try {
            String tokenFile = config.getString(TOKEN_FILE);
            return new ServerConfig(config.getString(BIND).strip(), config.getInt(PORT),
                    tokenFile.isBlank() ? host.home().resolve(DEFAULT_TOKEN_FILE)
                            : Path.of(tokenFile).toAbsolutePath().normalize(),
                    config.getBytes(MAX_BODY_SIZE), config.getStringList(CORS_ALLOWED_ORIGINS),
                    config.getDuration(DRAIN_TIMEOUT));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting: " + e.getMessage(), e);
        }
    }
}
