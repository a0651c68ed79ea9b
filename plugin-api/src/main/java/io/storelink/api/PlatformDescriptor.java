package io.storelink.api;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What a platform plugin declares about itself: identity, capabilities and the two forms a connection fills in.
 *
 * <p>The credential form holds what proves access to the store (tokens, URLs); the settings form holds how the
 * import and the ship notifications behave. Field keys are unique across both forms, so a connection's values can
 * be given as one flat map.
 *
 * @param id stable machine id, lower case, for example {@code magento2}; stored with every connection
 * @param displayName the name people see, for example {@code Magento 2}
 * @param version the plugin's own version
 * @param description one sentence on what the platform is, shown by {@code platforms describe}
 * @param capabilities what a connector of this platform can do
 * @param credentials the credential fields, asked first
 * @param settings the import and ship settings, asked after the credentials
 * @since 1.0.0
 */
public record PlatformDescriptor(
        String id,
        String displayName,
        String version,
        String description,
        Set<Capability> capabilities,
        Form credentials,
        Form settings) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public PlatformDescriptor {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(version, "version is null");
        requireNonNull(description, "description is null");
        capabilities = Set.copyOf(requireNonNull(capabilities, "capabilities is null"));
        requireNonNull(credentials, "credentials is null");
        requireNonNull(settings, "settings is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("platform id must match " + ID + ": " + id);
        }
        Set<String> keys = new HashSet<>();
        for (Field field : credentials.fields()) {
            keys.add(field.key());
        }
        for (Field field : settings.fields()) {
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException("field key is declared in both forms: " + field.key());
            }
        }
    }
}
