package io.storelink.core.connection;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.Field;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.Secret;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.FormValidator;
import io.storelink.core.form.SecretReference;
import io.storelink.core.form.ValidationException;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Adds, lists, shows and removes connections, and turns a stored connection into the values a plugin receives.
 *
 * <p>Input is validated against the platform's forms before anything is written; a refused input writes nothing.
 * Secret values are encrypted before they reach the database; references are stored as given and resolved only
 * when the connection is used.
 */
public final class ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);

    public static final String NAME = "name";
    public static final String PLATFORM = "platform";
    private static final Pattern NAME_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ConnectionRepository repository;
    /** Loaded on first use: listing or removing connections never starts a plugin. */
    private final Provider<PluginHost> pluginHost;
    /** Read on first use: listing or removing connections needs no key. */
    private final Provider<SecretCipher> cipherProvider;
    private final SecretResolver resolver;
    private final FormValidator validator = new FormValidator();
    private final Clock clock;

    @Inject
    public ConnectionService(ConnectionRepository repository, Provider<PluginHost> plugins,
                             Provider<SecretCipher> cipher, SecretResolver resolver, Clock clock) {
        this.repository = repository;
        this.pluginHost = plugins;
        this.cipherProvider = cipher;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** With plugins loaded already, for embedding and tests. */
    public ConnectionService(ConnectionRepository repository, PluginHost plugins, SecretCipher cipher,
                             SecretResolver resolver, Clock clock) {
        this(repository, () -> plugins, () -> cipher, resolver, clock);
    }

    private PluginHost plugins() {
        return pluginHost.get();
    }

    private SecretCipher cipher() {
        return cipherProvider.get();
    }

    /**
     * Opens the key that encrypts secrets now, as a long-running host does before it starts work, instead of at the
     * first secret it needs.
     *
     * @throws IllegalStateException if the key is missing while secrets need it, or cannot read the stored secrets
     */
    public void checkKey() {
        cipher();
    }

    /**
     * Checks a connection name without writing anything.
     *
     * @param name the proposed name
     * @return the problem, or {@code null} when the name can be used
     */
    public FieldError checkName(String name) {
        if (name == null || name.isBlank()) {
            return new FieldError(NAME, "Name is required");
        }
        if (!NAME_SYNTAX.matcher(name).matches()) {
            return new FieldError(NAME, "'" + name + "' is not a valid name; expected 1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (repository.find(name).isPresent()) {
            return new FieldError(NAME, "a connection named '" + name + "' already exists");
        }
        return null;
    }

    /**
     * Validates and stores a new connection.
     *
     * @param name unique name
     * @param platformId the platform id
     * @param raw field key to raw value, credentials and settings together
     * @return the stored connection
     * @throws ValidationException listing every problem; nothing was written
     */
    public Connection add(String name, String platformId, Map<String, String> raw) {
        Draft draft = draft(name, platformId, raw);
        PlatformDescriptor descriptor = draft.platform();
        Map<String, Object> values = draft.values();
        Instant now = clock.instant();
        Connection connection = new Connection(0, name, descriptor.id(),
                stored(descriptor.credentials(), values), stored(descriptor.settings(), values), now, now);
        Connection stored = repository.insert(connection).orElseThrow(() -> new ValidationException(List.of(
                new FieldError(NAME, "a connection named '" + name + "' already exists"))));
        LOG.info("Connection {} ({}) added", stored.name(), stored.platform());
        return stored;
    }

    /**
     * Validates a draft connection as {@link #add} would, and writes nothing: a UI checks a form before it saves it.
     *
     * @param name the proposed name
     * @param platformId the platform id
     * @param raw field key to raw value
     * @throws ValidationException listing every problem, by field key
     */
    public void check(String name, String platformId, Map<String, String> raw) {
        draft(name, platformId, raw);
    }

    /**
     * Changes import settings of a connection; the settings not given keep their stored values, credentials are
     * untouched (a secret is changed with {@link #rotateSecret}).
     *
     * @param name a connection name, any case
     * @param raw setting key to raw value; a blank value returns the setting to its default
     * @return the updated connection
     * @throws ValidationException listing every problem, by field key; nothing was written
     */
    public Connection updateSettings(String name, Map<String, String> raw) {
        Connection connection = get(name);
        PlatformDescriptor descriptor = plugins().platform(connection.platform()).descriptor();
        List<FieldError> errors = new ArrayList<>();
        Set<String> settingKeys = new HashSet<>();
        descriptor.settings().fields().forEach(field -> settingKeys.add(field.key()));
        for (String key : raw.keySet()) {
            if (!settingKeys.contains(key)) {
                boolean credential = descriptor.credentials().fields().stream().anyMatch(f -> f.key().equals(key));
                errors.add(new FieldError(key, credential
                        ? "is a credential, not an import setting; change a secret with its own call (rotate)"
                        : "unknown setting; expected one of: " + String.join(", ", descriptor.settings().fields()
                                .stream().map(Field::key).toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Map<String, String> merged = new LinkedHashMap<>(connection.settings());
        // A secret setting not given keeps its stored (encrypted) value: a placeholder stands in for validation.
        Set<String> secrets = secretKeys(descriptor);
        Map<String, String> kept = new LinkedHashMap<>();
        merged.forEach((key, value) -> {
            if (secrets.contains(key) && !raw.containsKey(key)) {
                kept.put(key, value);
            }
        });
        kept.keySet().forEach(key -> merged.put(key, "kept"));
        merged.putAll(raw);
        Map<String, Object> values = validator.validate(List.of(descriptor.settings()), merged);
        Map<String, String> settings = stored(descriptor.settings(), values);
        settings.putAll(kept);
        Connection updated = new Connection(connection.id(), connection.name(), connection.platform(),
                connection.credentials(), settings, connection.createdAt(), clock.instant());
        repository.update(updated);
        LOG.info("Connection {}: settings {} changed", connection.name(), String.join(", ", raw.keySet()));
        return updated;
    }

    /**
     * Replaces one secret of a connection: encrypted before it is stored, or kept as a reference.
     *
     * @param name a connection name, any case
     * @param key the secret field's key
     * @param value the new secret, or a {@code ${env:NAME}} / {@code ${file:/path}} reference
     * @return the updated connection
     * @throws ValidationException naming the field when it is not a secret of the platform or the value is refused
     */
    public Connection rotateSecret(String name, String key, String value) {
        Connection connection = get(name);
        PlatformDescriptor descriptor = plugins().platform(connection.platform()).descriptor();
        Optional<Field> field = List.of(descriptor.credentials(), descriptor.settings()).stream()
                .flatMap(form -> form.fields().stream()).filter(candidate -> candidate.key().equals(key)).findFirst();
        if (field.isEmpty() || !field.get().isSecret()) {
            throw new ValidationException(List.of(new FieldError(key, "'" + key + "' is not a secret of platform "
                    + descriptor.id() + "; expected one of: " + String.join(", ", secretKeys(descriptor)))));
        }
        if (value == null || value.isBlank()) {
            throw new ValidationException(List.of(new FieldError(key, field.get().label() + " is required")));
        }
        Map<String, Object> values = validator.validate(List.of(Form.of(field.get())), Map.of(key, value));
        Map<String, String> encrypted = stored(Form.of(field.get()), values);
        boolean credential = descriptor.credentials().fields().stream().anyMatch(f -> f.key().equals(key));
        Map<String, String> credentials = new LinkedHashMap<>(connection.credentials());
        Map<String, String> settings = new LinkedHashMap<>(connection.settings());
        (credential ? credentials : settings).putAll(encrypted);
        Connection updated = new Connection(connection.id(), connection.name(), connection.platform(), credentials,
                settings, connection.createdAt(), clock.instant());
        repository.update(updated);
        LOG.info("Connection {}: secret {} replaced", connection.name(), key);
        return updated;
    }

    /** A draft that passed validation: its platform and typed values. */
    private record Draft(PlatformDescriptor platform, Map<String, Object> values) {
    }

    private Draft draft(String name, String platformId, Map<String, String> raw) {
        List<FieldError> errors = new ArrayList<>();
        Optional.ofNullable(checkName(name)).ifPresent(errors::add);
        Optional<PlatformDescriptor> platform = platformId == null ? Optional.empty()
                : plugins().find(platformId).map(plugin -> plugin.descriptor());
        if (platform.isEmpty()) {
            errors.add(new FieldError(PLATFORM, platformId == null || platformId.isBlank()
                    ? "Platform is required; expected one of: " + knownPlatforms()
                    : "'" + platformId + "' is not a known platform; expected one of: " + knownPlatforms()));
            throw new ValidationException(errors);
        }
        PlatformDescriptor descriptor = platform.get();
        Map<String, Object> values;
        try {
            values = validator.validate(List.of(descriptor.credentials(), descriptor.settings()), raw);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            throw new ValidationException(errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Draft(descriptor, values);
    }

    /** @return every connection, by name */
    public List<Connection> list() {
        return repository.list();
    }

    /**
     * @param name a connection name, any case
     * @return the connection
     * @throws ValidationException when there is none, naming the known connections
     */
    public Connection get(String name) {
        return repository.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * @param name a connection name, any case
     * @throws ValidationException when there is none
     */
    public void remove(String name) {
        if (!repository.delete(name)) {
            throw notFound(name);
        }
        LOG.info("Connection {} removed", name);
    }

    /** The shortest import interval a connection may have. */
    public static final Duration MIN_IMPORT_INTERVAL = Duration.ofMinutes(1);
    /** The longest import interval a connection may have. */
    public static final Duration MAX_IMPORT_INTERVAL = Duration.ofDays(1);
    public static final String IMPORT_INTERVAL = "import-interval";

    /**
     * Gives a connection its own import interval, in place of the host's {@code storelink.schedule.import-interval}.
     *
     * @param name a connection name, any case
     * @param interval from {@link #MIN_IMPORT_INTERVAL} to {@link #MAX_IMPORT_INTERVAL}, whole seconds
     * @throws ValidationException naming the value when it is out of range, or when there is no such connection
     */
    public void setImportInterval(String name, Duration interval) {
        if (interval == null || interval.compareTo(MIN_IMPORT_INTERVAL) < 0
                || interval.compareTo(MAX_IMPORT_INTERVAL) > 0) {
            throw new ValidationException(List.of(new FieldError(IMPORT_INTERVAL, interval == null
                    ? "An import interval is required; expected from 1 minute to 1 day"
                    : "'" + io.storelink.core.retry.RetryPolicy.human(interval) + "' is not a valid import interval; "
                    + "expected from 1 minute to 1 day (for example 5m or 1h)")));
        }
        if (!repository.setImportInterval(name, interval.toSeconds())) {
            throw notFound(name);
        }
        LOG.info("Connection {} imports every {}", name, interval);
    }

    /**
     * Makes a connection follow the host's {@code storelink.schedule.import-interval} again.
     *
     * @param name a connection name, any case
     * @throws ValidationException when there is no such connection
     */
    public void clearImportInterval(String name) {
        if (!repository.setImportInterval(name, null)) {
            throw notFound(name);
        }
        LOG.info("Connection {} imports on the host's interval", name);
    }

    /**
     * @param name a connection name, any case
     * @return the connection's own import interval, empty when it follows the host's
     * @throws ValidationException when there is no such connection
     */
    public Optional<Duration> importInterval(String name) {
        Connection connection = get(name);
        return Optional.ofNullable(repository.importIntervals().get(connection.name())).map(Duration::ofSeconds);
    }

    /**
     * @return every connection's name, by name, with its own import interval where it has one (an empty optional
     *         where it follows the host's); reads no connection values
     */
    public Map<String, Optional<Duration>> importIntervals() {
        Map<String, Optional<Duration>> intervals = new LinkedHashMap<>();
        repository.importIntervals().forEach((name, seconds) ->
                intervals.put(name, Optional.ofNullable(seconds).map(Duration::ofSeconds)));
        return intervals;
    }

    /**
     * The connection's values for people and for {@code --json}: secrets masked (for example {@code a1b2…g7h8}),
     * references shown as written, integer and boolean fields as {@link Long} and {@link Boolean} (as the platform's
     * form schema declares them), everything else as stored text.
     *
     * @param connection a stored connection
     * @return field key to displayable value, in stored order
     */
    public Map<String, Object> displayValues(Connection connection) {
        Optional<PlatformDescriptor> descriptor = plugins().find(connection.platform()).map(PlatformPlugin::descriptor);
        Set<String> secretKeys = descriptor.map(ConnectionService::secretKeys).orElseGet(() -> encryptedKeys(connection));
        Map<String, Field> fields = new LinkedHashMap<>();
        descriptor.ifPresent(platform -> List.of(platform.credentials(), platform.settings())
                .forEach(form -> form.fields().forEach(field -> fields.put(field.key(), field))));
        Map<String, Object> display = new LinkedHashMap<>();
        connection.storedValues().forEach((key, value) -> {
            if (secretKeys.contains(key) && SecretCipher.isEncrypted(value)) {
                display.put(key, mask(cipher().decrypt(key, value)));
            } else {
                display.put(key, fields.containsKey(key) ? FormValidator.schemaTyped(fields.get(key), value) : value);
            }
        });
        return display;
    }

    /** @return without the platform's declaration, the keys whose stored value is encrypted (a text field's never is) */
    private static Set<String> encryptedKeys(Connection connection) {
        Set<String> keys = new HashSet<>();
        connection.storedValues().forEach((key, value) -> {
            if (SecretCipher.isEncrypted(value)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static Set<String> secretKeys(PlatformDescriptor descriptor) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (Form form : List.of(descriptor.credentials(), descriptor.settings())) {
            form.fields().stream().filter(Field::isSecret).forEach(field -> keys.add(field.key()));
        }
        return keys;
    }

    /**
     * Resolves references, decrypts secrets and types every value, for a plugin.
     *
     * @param connection a stored connection
     * @return the values a plugin receives
     */
    public ConnectionConfig resolve(Connection connection) {
        PlatformDescriptor descriptor = plugins().platform(connection.platform()).descriptor();
        List<Form> forms = List.of(descriptor.credentials(), descriptor.settings());
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        Set<String> secretKeys = secretKeys(descriptor);
        connection.storedValues().forEach((key, value) -> {
            // Whether a value is a secret follows from its field's kind, never from what the value looks like: a
            // text field may hold "${env:HOME}" or "enc:v1:..." as plain text.
            if (!secretKeys.contains(key)) {
                raw.put(key, value);
            } else if (SecretCipher.isEncrypted(value)) {
                secrets.put(key, Secret.of(cipher().decrypt(key, value)));
            } else {
                Optional<SecretReference> reference = SecretReference.parse(value);
                secrets.put(key, Secret.of(reference.isPresent()
                        ? resolver.resolve(connection.name(), key, reference.get()) : value));
            }
        });
        // Secrets are typed already; a placeholder lets the validator check presence without seeing the value.
        secrets.keySet().forEach(key -> raw.put(key, "resolved"));
        Map<String, Object> values = new LinkedHashMap<>(validator.validate(forms, raw));
        values.putAll(secrets);
        return new ConnectionConfig(connection.name(), values);
    }

    /**
     * @param secret a secret's plaintext
     * @return a form that identifies it to its owner without revealing it
     */
    public static String mask(String secret) {
        if (secret.length() < 12) {
            return "****";
        }
        return secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }

    private Map<String, String> stored(Form form, Map<String, Object> values) {
        Map<String, String> stored = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            Object value = values.get(field.key());
            if (value == null) {
                continue;
            }
            if (value instanceof Secret secret) {
                String plain = secret.reveal();
                stored.put(field.key(), SecretReference.parse(plain).isPresent() ? plain
                        : cipher().encrypt(field.key(), plain));
            } else {
                stored.put(field.key(), value.toString());
            }
        }
        return stored;
    }

    private ValidationException notFound(String name) {
        String known = repository.list().stream().map(Connection::name).collect(Collectors.joining(", "));
        return ValidationException.notFound(List.of(new FieldError(NAME, "no connection named '" + name + "'; "
                + (known.isEmpty() ? "there are no connections yet" : "expected one of: " + known))));
    }

    private String knownPlatforms() {
        return plugins().platforms().stream().map(plugin -> plugin.descriptor().id()).collect(Collectors.joining(", "));
    }
}
