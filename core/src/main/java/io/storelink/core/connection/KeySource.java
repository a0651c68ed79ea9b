package io.storelink.core.connection;

import io.storelink.core.config.HostConfig;
import io.storelink.core.form.SecretReference;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Where the key that encrypts secrets at rest comes from: {@code storelink.key} (the key itself, or a reference to
 * it), else {@code storelink.key-file} (by default {@code secret.key} in the home, made on first use).
 *
 * <p>A missing key file is made anew only while no stored secret needs the old one: a new key would make every
 * encrypted token unreadable, so the command stops and says how to recover instead.
 */
final class KeySource {

    private KeySource() {
    }

    static SecretCipher cipher(HostConfig config, ConnectionRepository repository, SecretResolver resolver) {
        if (config.key() != null) {
            Optional<SecretReference> reference = SecretReference.parse(config.key());
            String key = reference.isPresent()
                    ? resolver.resolve("(host)", HostConfig.KEY, reference.get()) : config.key();
            String origin = reference.map(ref -> HostConfig.KEY + " (" + ref + ")").orElse(HostConfig.KEY);
            return readsTheStoredSecrets(SecretCipher.fromKey(key, origin), origin, repository);
        }
        if (!Files.exists(config.keyFile())) {
            List<String> locked = repository.list().stream()
                    .filter(connection -> connection.storedValues().values().stream()
                            .anyMatch(SecretCipher::isEncrypted))
                    .map(Connection::name).toList();
            if (!locked.isEmpty()) {
                throw new IllegalStateException("The key file " + config.keyFile() + " is missing, but "
                        + locked.size() + " connection" + (locked.size() == 1 ? "" : "s") + " (" + String.join(", ",
                        locked) + ") hold" + (locked.size() == 1 ? "s" : "") + " secrets encrypted with it, so "
                        + "Storelink does not make a new one. Restore the key file from your backup (or point "
                        + "--key-file / STORELINK_KEY_FILE / STORELINK_KEY at it), or remove those connections "
                        + "(storelink connections remove <name>) and add them again with their tokens.");
            }
            config.ensureHome();
        }
        return readsTheStoredSecrets(SecretCipher.fromKeyFile(config.keyFile(), true),
                HostConfig.KEY_FILE + " (" + config.keyFile() + ")", repository);
    }

    /**
     * Refuses a key that cannot read what is stored: one encrypted value is opened with it. A host pointed at a
     * shared database with a key of its own (one made in its home, say) would otherwise start, store new secrets
     * under its key and fail on every connection another host added.
     */
    private static SecretCipher readsTheStoredSecrets(SecretCipher cipher, String origin,
                                                      ConnectionRepository repository) {
        for (Connection connection : repository.list()) {
            for (var value : connection.storedValues().entrySet()) {
                if (!SecretCipher.isEncrypted(value.getValue())) {
                    continue;
                }
                try {
                    cipher.decrypt(value.getKey(), value.getValue());
                    return cipher;
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("The key " + origin + " is not the key the secrets in this "
                            + "database were encrypted with (connection " + connection.name() + ", field "
                            + value.getKey() + " cannot be read with it), so Storelink does not start with it. Every "
                            + "host on one database needs the same key: point storelink.key-file / STORELINK_KEY_FILE"
                            + " or storelink.key / STORELINK_KEY at the key the other hosts use. Nothing was changed.");
                }
            }
        }
        return cipher;
    }
}
