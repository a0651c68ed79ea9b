package io.storelink.core.connection;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A stored connection to one store.
 *
 * <p>Values are kept as stored: plain text for ordinary fields; for secrets either an encrypted value
 * ({@code enc:v1:...}) or a reference ({@code ${env:NAME}}). Use {@link ConnectionService} to mask or resolve them.
 *
 * @param id the database id, or 0 before it is stored
 * @param name unique name, compared without case
 * @param platform the platform id
 * @param credentials credential values by field key, as stored
 * @param settings import-setting values by field key, as stored
 * @param createdAt when it was added
 * @param updatedAt when it was last changed
 */
public record Connection(
        long id,
        String name,
        String platform,
        Map<String, String> credentials,
        Map<String, String> settings,
        Instant createdAt,
        Instant updatedAt) {

    public Connection {
        requireNonNull(name, "name is null");
        requireNonNull(platform, "platform is null");
        credentials = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(credentials, "credentials is null")));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(settings, "settings is null")));
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** @return credentials then settings, as stored */
    public Map<String, String> storedValues() {
        Map<String, String> all = new LinkedHashMap<>(credentials);
        all.putAll(settings);
        return all;
    }

    /** @return the name and platform, never a value */
    @Override
    public String toString() {
        return "Connection[" + name + ", " + platform + "]";
    }
}
