package io.storelink.core.connection;

import io.storelink.core.testing.TestDatabases;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.storage.Database;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ConnectionServiceTest {

    private static final String TOKEN = "tok_live_9f8e7d6c5b4a3210";

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    private final Map<String, String> environment = new HashMap<>();
    private PluginHost host;
    private ConnectionService service;

    @BeforeEach
    void setUp() {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);
        host = PluginHost.start(plugins, home.resolve("plugin-cache"), "1.0.0");
        Database database = TestDatabases.open(home);
        service = new ConnectionService(new ConnectionRepository(database), host,
                SecretCipher.fromKeyFile(home.resolve("secret.key")), new SecretResolver(environment::get),
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void keepsAConnectionsOwnImportIntervalWithinAMinuteAndADayAndClearsIt() {
        service.add("Acme-EU", "acme", Map.of("api-key", TOKEN, "shop", "acme-eu"));
        service.add("other", "acme", Map.of("api-key", TOKEN, "shop", "other"));
        assertThat(service.importInterval("acme-eu")).isEmpty();

        service.setImportInterval("ACME-EU", java.time.Duration.ofMinutes(15));

        assertThat(service.importInterval("acme-eu")).contains(java.time.Duration.ofMinutes(15));
        assertThat(service.importIntervals()).containsExactly(
                Map.entry("Acme-EU", java.util.Optional.of(java.time.Duration.ofMinutes(15))),
                Map.entry("other", java.util.Optional.empty()));
        assertThatThrownBy(() -> service.setImportInterval("acme-eu", java.time.Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("import-interval", "'30 s' is not a valid import interval; expected from "
                                + "1 minute to 1 day (for example 5m or 1h)")));
        assertThatThrownBy(() -> service.setImportInterval("acme-eu", java.time.Duration.ofHours(25)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'25 h' is not a valid import interval");
        assertThatThrownBy(() -> service.setImportInterval("nowhere", java.time.Duration.ofMinutes(5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no connection named 'nowhere'");
        assertThat(service.importInterval("acme-eu")).contains(java.time.Duration.ofMinutes(15));

        service.clearImportInterval("acme-eu");
        assertThat(service.importInterval("acme-eu")).isEmpty();
        service.setImportInterval("acme-eu", java.time.Duration.ofMinutes(1));
        service.setImportInterval("acme-eu", java.time.Duration.ofDays(1));
        assertThat(service.importInterval("acme-eu")).contains(java.time.Duration.ofDays(1));
    }

    @Test
    void addsListsShowsAndRemovesAConnection() {
        service.add("Acme-EU", "acme", Map.of("api-key", TOKEN, "shop", "acme-eu"));

        assertThat(service.list()).extracting(Connection::name).containsExactly("Acme-EU");
        Connection connection = service.get("acme-eu");
        assertThat(connection.platform()).isEqualTo("acme");
        assertThat(connection.createdAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(connection.settings()).containsEntry("mode", "live");
        assertThat(service.displayValues(connection)).containsExactly(
                Map.entry("api-key", "tok_…3210"), Map.entry("shop", "acme-eu"), Map.entry("mode", "live"));

        service.remove("ACME-EU");
        assertThat(service.list()).isEmpty();
    }

    @Test
    void writesNothingWhenValidationFailsAndReportsEveryProblem() {
        assertThatThrownBy(() -> service.add("bad name!", "acme", Map.of("mode", "sandbox")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("name", "'bad name!' is not a valid name; expected 1 to 64 letters, digits, "
                                + "'.', '_' or '-', starting with a letter or digit"),
                        new FieldError("api-key", "API key is required"),
                        new FieldError("shop", "Shop is required"),
                        new FieldError("mode", "'sandbox' is not an option; expected one of: live, test")));

        assertThat(service.list()).isEmpty();
    }

    @Test
    void refusesAnUnknownPlatformAndATakenName() {
        assertThatThrownBy(() -> service.add("one", "shopify", Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("platform", "'shopify' is not a known platform; expected one of: acme")));

        service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        assertThatThrownBy(() -> service.add("ONE", "acme", Map.of("api-key", TOKEN, "shop", "s")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("name", "a connection named 'ONE' already exists")));
        assertThat(service.list()).hasSize(1);
    }

    @Test
    void namesTheKnownConnectionsWhenOneIsMissing() {
        service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        assertThatThrownBy(() -> service.get("two"))
                .hasMessage("name: no connection named 'two'; expected one of: one");
        assertThatThrownBy(() -> service.remove("two")).isInstanceOf(ValidationException.class);
    }

    @Test
    void checksADraftWithoutWritingAnything() {
        service.check("draft", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        assertThatThrownBy(() -> service.check("draft", "acme", Map.of("mode", "sandbox", "colour", "red")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::key).containsExactly("colour", "api-key", "shop", "mode"));

        assertThat(service.list()).isEmpty();
    }

    @Test
    void updatesSettingsKeepingTheOthersAndTheCredentials() {
        Connection added = service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        Connection updated = service.updateSettings("ONE", Map.of("mode", "test"));

        assertThat(updated.settings()).containsEntry("mode", "test");
        assertThat(service.get("one").settings()).containsEntry("mode", "test");
        assertThat(service.get("one").credentials()).isEqualTo(added.credentials());
    }

    @Test
    void refusesSettingsThatAreUnknownOrCredentialsOrInvalidWritingNothing() {
        service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        Connection before = service.get("one");

        assertThatThrownBy(() -> service.updateSettings("one", Map.of("api-key", "x", "colour", "red")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::key).containsExactlyInAnyOrder("api-key", "colour"));
        assertThatThrownBy(() -> service.updateSettings("one", Map.of("mode", "sandbox")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("mode", "'sandbox' is not an option; expected one of: live, test")));
        assertThatThrownBy(() -> service.updateSettings("two", Map.of("mode", "test")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.isNotFound()).isTrue());

        assertThat(service.get("one")).isEqualTo(before);
    }

    @Test
    void rotatesASecretEncryptedAndRefusesAFieldThatIsNoSecret() {
        service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        String newToken = "tok_live_0000111122223333";

        Connection rotated = service.rotateSecret("one", "api-key", newToken);

        assertThat(rotated.credentials().get("api-key")).startsWith("enc:v1:");
        assertThat(service.resolve(service.get("one")).requireSecret("api-key").reveal()).isEqualTo(newToken);
        assertThatThrownBy(() -> service.rotateSecret("one", "shop", "x"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("shop", "'shop' is not a secret of platform acme; expected one of: api-key")));
        assertThatThrownBy(() -> service.rotateSecret("one", "api-key", " "))
                .isInstanceOf(ValidationException.class);
        assertThat(service.resolve(service.get("one")).requireSecret("api-key").reveal()).isEqualTo(newToken);
    }

    @Test
    void neverStoresASecretInPlaintext() throws IOException {
        service.add("one", "acme", Map.of("api-key", TOKEN, "shop", "s"));

        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(TOKEN);
            }
        }
        assertThat(service.get("one").credentials().get("api-key")).startsWith("enc:v1:");
    }

    @Test
    void resolvesSecretsOnlyWhenUsed() {
        service.add("plain", "acme", Map.of("api-key", TOKEN, "shop", "s"));
        service.add("env", "acme", Map.of("api-key", "${env:ACME_TOKEN}", "shop", "s"));

        ConnectionConfig plain = service.resolve(service.get("plain"));
        assertThat(plain.requireSecret("api-key").reveal()).isEqualTo(TOKEN);
        assertThat(plain.requireText("mode")).isEqualTo("live");
        assertThat(plain.toString()).doesNotContain(TOKEN);

        assertThat(service.displayValues(service.get("env"))).containsEntry("api-key", "${env:ACME_TOKEN}");
        assertThatThrownBy(() -> service.resolve(service.get("env")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessage("Connection env: api-key refers to ${env:ACME_TOKEN}, but that environment variable is "
                        + "not set");

        environment.put("ACME_TOKEN", "from-the-environment");
        assertThat(service.resolve(service.get("env")).requireSecret("api-key").reveal())
                .isEqualTo("from-the-environment");
    }

    @Test
    void resolvesFileReferences() throws IOException {
        Path secret = Files.writeString(home.resolve("token.txt"), "from-a-file\n");
        service.add("file", "acme", Map.of("api-key", "${file:" + secret + "}", "shop", "s"));

        assertThat(service.resolve(service.get("file")).requireSecret("api-key").reveal()).isEqualTo("from-a-file");

        Files.delete(secret);
        assertThatThrownBy(() -> service.resolve(service.get("file")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Connection file: api-key refers to ${file:" + secret + "}, but that file "
                        + "cannot be read");
    }

    @Test
    void refusesATokenWithALineBreakWithoutShowingIt() throws IOException {
        String injected = "tok_abc123\r\nX-Injected: yes";

        assertThatThrownBy(() -> service.add("crlf", "acme", Map.of("api-key", injected, "shop", "s")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("api-key", "the value holds a control character (U+000D) at position 11; "
                                + "expected printable characters only (no line breaks or tabs)")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok_abc123"));
        assertThat(service.list()).isEmpty();

        // A reference is resolved at use: its value is checked then, and still never shown.
        Path file = Files.writeString(home.resolve("token.txt"), injected + "\n");
        service.add("file", "acme", Map.of("api-key", "${file:" + file + "}", "shop", "s"));
        assertThatThrownBy(() -> service.resolve(service.get("file")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessage("Connection file: api-key refers to ${file:" + file + "}, whose value holds a control "
                        + "character (U+000D) at position 11; expected one line of printable characters");
    }

    @Test
    void refusesAShopNameWithAControlCharacterShowingWhere() {
        assertThatThrownBy(() -> service.add("tab", "acme", Map.of("api-key", TOKEN, "shop", "my\tshop")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("shop", "'my?shop' holds a control character (U+0009) at position 3; "
                                + "expected printable characters only (no line breaks or tabs)")));
    }

    @Test
    void masksShortSecretsCompletely() {
        assertThat(ConnectionService.mask("a1b2c3d4e5f6g7h8")).isEqualTo("a1b2…g7h8");
        assertThat(ConnectionService.mask("short")).isEqualTo("****");
    }
}
