package io.storelink.api;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The values of one connection as a plugin receives them: validated against the platform's forms, defaults
 * applied, types coerced and secret references resolved.
 *
 * <p>Values are typed by field kind: {@link FieldKind#TEXT}, {@link FieldKind#CHOICE} and
 * {@link FieldKind#SUGGESTED_TEXT} are {@link String}, {@link FieldKind#URL} is {@link URI},
 * {@link FieldKind#INTEGER} is {@link Long}, {@link FieldKind#BOOLEAN} is {@link Boolean} and
 * {@link FieldKind#SECRET} is {@link Secret}. An optional field left empty has no value.
 *
 * @since 1.0.0
 */
public final class ConnectionConfig {

    private final String connectionName;
    private final Map<String, Object> values;

    /**
     * @param connectionName the connection's unique name, for messages
     * @param values typed values by field key
     */
    public ConnectionConfig(String connectionName, Map<String, Object> values) {
        this.connectionName = requireNonNull(connectionName, "connectionName is null");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    /** @return the connection's unique name */
    public String connectionName() {
        return connectionName;
    }

    /** @return every value by field key; secrets stay wrapped */
    public Map<String, Object> values() {
        return values;
    }

    /** @param key a field key @return the text value, if one was given */
    public Optional<String> text(String key) {
        return Optional.ofNullable(get(key, String.class));
    }

    /** @param key a required text field's key @return its value */
    public String requireText(String key) {
        return require(key, String.class);
    }

    /** @param key a required URL field's key @return its value */
    public URI requireUrl(String key) {
        return require(key, URI.class);
    }

    /** @param key a required or defaulted integer field's key @return its value */
    public long requireInteger(String key) {
        return require(key, Long.class);
    }

    /** @param key a required or defaulted boolean field's key @return its value */
    public boolean requireBoolean(String key) {
        return require(key, Boolean.class);
    }

    /** @param key a required secret field's key @return its value */
    public Secret requireSecret(String key) {
        return require(key, Secret.class);
    }

    private <T> T require(String key, Class<T> type) {
        T value = get(key, type);
        if (value == null) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION,
                    "Connection " + connectionName + " has no value for " + key);
        }
        return value;
    }

    private <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("field " + key + " holds a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** @return the connection name and keys, never the values */
    @Override
    public String toString() {
        return "ConnectionConfig[" + connectionName + ", keys=" + values.keySet() + "]";
    }
}
