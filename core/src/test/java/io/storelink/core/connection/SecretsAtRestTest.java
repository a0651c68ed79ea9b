package io.storelink.core.connection;

import io.storelink.core.testing.TestDatabases;
import io.storelink.core.config.HostConfig;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.storage.Database;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The home, the database and the key as a local user or a backup would find them. */
final class SecretsAtRestTest {

    private static final String TOKEN = "tok_0123456789abcdef";

    @TempDir
    Path work;

    @TempDir
    Path plugins;

    private final Map<String, String> environment = new HashMap<>();
    private PluginHost host;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);
        host = PluginHost.start(plugins, work.resolve("plugin-cache"), "1.1.0");
        // An existing directory, as --home pointed at one would find it: readable by everyone.
        home = Files.createDirectories(work.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private HostConfig config(Path keyFile, String key) {
        HostConfig defaults = new HostConfig(home, plugins, Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        return new HostConfig(home, plugins, defaults.requestTimeout(), defaults.requestDeadline(),
                defaults.maxResponseBytes(), defaults.retry(), defaults.pluginLimits(),
                keyFile == null ? defaults.keyFile() : keyFile, key, defaults.importConcurrency());
    }

    private ConnectionService service(HostConfig config) {
        ConnectionRepository repository = new ConnectionRepository(TestDatabases.open(home));
        SecretResolver resolver = new SecretResolver(environment::get);
        return new ConnectionService(repository, () -> host, () -> KeySource.cipher(config, repository, resolver),
                resolver, Clock.systemUTC());
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    @io.storelink.core.testing.SqliteOnly // the permissions of the database file and its WAL
    void theHomeTheDatabaseAndItsWalAreOwnerOnlyAlsoInAnExistingDirectory() throws IOException {
        Path database = home.resolve("storelink.db");
        // Left by an older version: readable by everyone.
        Files.createFile(database, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.createFile(Path.of(database + "-wal"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        HostConfig config = config(null, null);
        config.ensureHome();
        service(config).add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        assertThat(permissions(home)).isEqualTo("rwx------");
        assertThat(permissions(database)).isEqualTo("rw-------");
        assertThat(permissions(Path.of(database + "-wal"))).isEqualTo("rw-------");
        assertThat(permissions(home.resolve("secret.key"))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileOutsideTheHomeMeansACopyOfTheHomeAloneRevealsNoToken() throws IOException {
        Path keys = Files.createDirectories(work.resolve("keys"));
        HostConfig config = config(keys.resolve("storelink.key"), null);
        service(config).add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        assertThat(keys.resolve("storelink.key")).exists();
        assertThat(home.resolve("secret.key")).doesNotExist();
        assertThat(service(config).resolve(service(config).get("one")).requireSecret("api-key").reveal())
                .isEqualTo(TOKEN);
        // The home as a backup holds it, without the key: the token is nowhere in it in plain text.
        for (Path file : Files.walk(home).filter(Files::isRegularFile).toList()) {
            assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as(file.toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aLostKeyFileIsNeverReplacedWhileSecretsNeedIt() throws IOException {
        HostConfig config = config(null, null);
        service(config).add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        service(config).add("two", "acme", Map.of("api-key", "${env:ACME}", "shop", "s"));
        Files.delete(home.resolve("secret.key"));

        ConnectionService afterLoss = service(config);
        // Listing needs no key.
        assertThat(afterLoss.list()).hasSize(2);
        assertThatThrownBy(() -> afterLoss.resolve(afterLoss.get("one")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The key file " + home.resolve("secret.key") + " is missing, but 1 connection (one) holds "
                        + "secrets encrypted with it, so Storelink does not make a new one. Restore the key file from "
                        + "your backup (or point --key-file / STORELINK_KEY_FILE / STORELINK_KEY at it), or remove "
                        + "those connections (storelink connections remove <name>) and add them again with their "
                        + "tokens.");
        assertThat(home.resolve("secret.key")).doesNotExist();

        // Once the connection whose token needed the key is gone, a new key is made.
        afterLoss.remove("one");
        ConnectionService fresh = service(config);
        fresh.add("three", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        assertThat(home.resolve("secret.key")).exists();
    }

    @Test
    void aKeyThatCannotReadTheStoredSecretsIsRefusedBeforeItIsUsed() throws IOException {
        Path shared = Files.createDirectories(work.resolve("shared")).resolve("storelink.key");
        service(config(shared, null)).add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        // Another host's own key, made in its home: a key, but not the one the stored token was encrypted with.
        Path own = Files.createDirectories(work.resolve("other")).resolve("storelink.key");
        SecretCipher.fromKeyFile(own, true);
        byte[] ownKey = Files.readAllBytes(own);

        ConnectionService other = service(config(own, null));
        assertThatThrownBy(other::checkKey)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The key storelink.key-file (" + own + ") is not the key the secrets in this database were "
                        + "encrypted with (connection one, field api-key cannot be read with it), so Storelink does not"
                        + " start with it. Every host on one database needs the same key: point storelink.key-file / "
                        + "STORELINK_KEY_FILE or storelink.key / STORELINK_KEY at the key the other hosts use. Nothing "
                        + "was changed.")
                .message().doesNotContain(TOKEN);
        String wrongKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> service(config(null, wrongKey)).checkKey())
                .hasMessageStartingWith("The key storelink.key is not the key the secrets in this database were")
                .message().doesNotContain(wrongKey);
        // Nothing changed: the key files as they were, and the right key still reads the token.
        assertThat(Files.readAllBytes(own)).isEqualTo(ownKey);
        service(config(shared, null)).checkKey();
        assertThat(service(config(shared, null)).resolve(service(config(shared, null)).get("one"))
                .requireSecret("api-key").reveal()).isEqualTo(TOKEN);
    }

    @Test
    void theKeyCanComeFromTheEnvironmentInsteadOfAFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        environment.put("STORELINK_TEST_KEY", key);
        HostConfig config = config(null, "${env:STORELINK_TEST_KEY}");

        service(config).add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        assertThat(home.resolve("secret.key")).doesNotExist();
        assertThat(service(config(null, key)).resolve(service(config).get("one")).requireSecret("api-key").reveal())
                .isEqualTo(TOKEN);
        assertThatThrownBy(() -> service(config(null, "not-a-key")).resolve(service(config).get("one")))
                .hasMessage("storelink.key is not base64; expected 32 random bytes in base64, as 'openssl rand "
                        + "-base64 32' prints them");
    }

    @Test
    void whetherAValueIsASecretFollowsFromItsFieldNotFromWhatItLooksLike() {
        HostConfig config = config(null, null);
        ConnectionService service = service(config);
        environment.put("HOME_LIKE", "/home/someone");

        service.add("odd", "acme", Map.of("api-key", TOKEN, "shop", "${env:HOME_LIKE}"));

        // A text field keeps the text as given: it is neither resolved nor treated as a secret.
        assertThat(service.get("odd").storedValues()).containsEntry("shop", "${env:HOME_LIKE}");
        assertThat(service.resolve(service.get("odd")).requireText("shop")).isEqualTo("${env:HOME_LIKE}");
        assertThat(service.displayValues(service.get("odd"))).containsEntry("shop", "${env:HOME_LIKE}");
    }
}
