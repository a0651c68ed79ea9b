package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import io.storelink.core.CoreModule;
import io.storelink.core.audit.AuditLog;
import io.storelink.core.config.HostConfig;
import io.storelink.core.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ConnectionsCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    private final Path plugins = CliRun.distribution().resolve("plugins");

    private CliRun run(String stdin, String... args) {
        return CliRun.run(home, plugins, stdin, args);
    }

    @Test
    void addsShowsListsAndRemovesWithoutPrompting() throws IOException {
        CliRun add = run("", "connections", "add", "--name", "acme", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=https://store.example.com",
                "--set", "import-delay=15");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added connection acme (magento2).\n");

        CliRun show = run("", "connections", "show", "acme");
        assertThat(show.out()).contains("a1b2…g7h8").contains("https://store.example.com")
                .contains("import-delay                 15").doesNotContain(TOKEN);

        JsonNode json = JSON.readTree(run("", "connections", "show", "acme", "--json").out());
        assertThat(json.get("credentials").get("access-token").asText()).isEqualTo("a1b2…g7h8");
        assertThat(json.get("settings").get("order-import-status").asText()).isEqualTo("processing");

        JsonNode list = JSON.readTree(run("", "connections", "list", "--json").out());
        assertThat(list).extracting(node -> node.get("name").asText()).containsExactly("acme");

        assertThat(run("", "connections", "remove", "acme").exitCode()).isZero();
        assertThat(run("", "connections", "list").out()).startsWith("No connections.");
    }

    @Test
    void addAndRemoveAreAuditedAsTheOsUserWithTheFieldsButNoValues() {
        assertThat(run("", "connections", "add", "--name", "Audited", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=https://store.example.com").exitCode()).isZero();
        CliRun unknown = run("", "connections", "remove", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(run("", "connections", "remove", "AUDITED").exitCode()).isZero();

        HostConfig host = new HostConfig(home, plugins, Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)));
        List<AuditLog.Entry> entries = Guice.createInjector(new CoreModule(),
                binder -> binder.bind(HostConfig.class).toInstance(host)).getInstance(AuditLog.class).entries(null);
        assertThat(entries).extracting(AuditLog.Entry::action, AuditLog.Entry::connection).containsExactly(
                org.assertj.core.groups.Tuple.tuple("connection.created", "Audited"),
                org.assertj.core.groups.Tuple.tuple("connection.deleted", "Audited"));
        assertThat(entries).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo(System.getProperty("user.name")));
        assertThat(entries.get(0).fields()).contains("access-token", "store-url");
        assertThat(entries.toString()).doesNotContain(TOKEN, "store.example.com");
    }

    @Test
    void readsASecretFromStandardInputSoItNeverShowsInTheProcessList() {
        CliRun add = run(TOKEN + "\n", "connections", "add", "--name", "piped", "--platform", "magento2",
                "--set", "access-token=-", "--set", "store-url=https://store.example.com");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).doesNotContain(TOKEN);
        assertThat(run("", "connections", "show", "piped").out()).contains("a1b2…g7h8");

        CliRun empty = run("", "connections", "add", "--name", "empty", "--platform", "magento2",
                "--set", "access-token=-", "--set", "store-url=https://store.example.com");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("error: access-token: '-' reads the value from standard input, but it was "
                + "empty; expected one line with the value\n");
    }

    @Test
    void anImportDelayThatWouldOverflowIsRefused() {
        CliRun add = run("", "connections", "add", "--name", "late", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=https://store.example.com",
                "--set", "import-delay=2147483648");

        assertThat(add.exitCode()).isEqualTo(2);
        assertThat(add.err()).isEqualTo("error: import-delay: '2147483648' is out of range; expected 0 to 525600 "
                + "minutes\n");
        assertThat(run("", "connections", "list").out()).startsWith("No connections.");
    }

    @Test
    void printsEveryFieldErrorExitsWithTwoAndWritesNothing() {
        CliRun add = run("", "connections", "add", "--name", "acme", "--platform", "magento2",
                "--set", "store-url=store.example.com", "--set", "import-delay=-1", "--set", "colour=blue");

        assertThat(add.exitCode()).isEqualTo(2);
        assertThat(add.err().lines()).containsExactly(
                "error: colour: unknown field; expected one of: access-token, store-url, store-view-code, "
                        + "order-import-status, import-delay, include-bundle-parent, compact-ship-notification",
                "error: access-token: Access token is required",
                "error: store-url: 'store.example.com' is not a URL; expected an absolute http or https URL such as "
                        + "https://store.example.com",
                "error: import-delay: '-1' is out of range; expected 0 to 525600 minutes");
        assertThat(add.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("", "connections", "list", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void runsTheWizardThroughStandardInputReAskingRefusedAnswers() {
        String answers = String.join("\n",
                "acme-eu",                      // Name
                TOKEN,                          // Platform: a token pasted one prompt too early, refused unprinted
                "magento2",                     // Platform: the distribution has two, so no default
                TOKEN,                          // Access token
                "store.example.com",            // Store URL: refused, asked again
                "https://store.example.com",    // Store URL
                "",                             // Store View Code: optional, skipped
                "",                             // Order Import Status: default
                "ten",                          // Delay: refused
                "10",                           // Delay
                "y",                            // Include Bundle Parent
                "") + "\n";                     // Compact ship notification: default

        CliRun wizard = run(answers, "connections", "add");

        assertThat(wizard.exitCode()).as(wizard.err()).isZero();
        assertThat(wizard.out()).contains("Platform (magento2, woocommerce): ")
                .contains("Order Import Status [processing]: ")
                .contains("Delay Orders Imported By (minutes) [0]: ")
                .contains("Use Compact Shipment Ship Notification (y/n) [y]: ")
                .contains("   ! 'store.example.com' is not a URL")
                .contains("   ! 'ten' is not a whole number; expected 0 to 525600 minutes")
                .contains("   ! that is not a known platform; expected one of: magento2, woocommerce")
                .contains("Added connection acme-eu (magento2).")
                .doesNotContain(TOKEN);
        String shown = run("", "connections", "show", "acme-eu").out();
        assertThat(shown).contains("include-bundle-parent        true").contains("import-delay                 10")
                .contains("compact-ship-notification    true").doesNotContain("store-view-code");
    }

    @Test
    void setsShowsAndClearsAConnectionsOwnImportIntervalAndRefusesABadOne() {
        run("", "connections", "add", "--name", "acme", "--platform", "magento2", "--set", "access-token=" + TOKEN,
                "--set", "store-url=https://store.example.com");

        assertThat(run("", "connections", "schedule", "acme").out())
                .isEqualTo("acme is imported every 5 min (the host's storelink.schedule.import-interval) by "
                        + "storelink serve.\n");
        assertThat(run("", "connections", "schedule", "acme", "--every", "10m").out())
                .isEqualTo("acme is imported every 10 min (its own) by storelink serve.\n");
        CliRun tooOften = run("", "connections", "schedule", "acme", "--every", "30s");
        assertThat(tooOften.exitCode()).isEqualTo(2);
        assertThat(tooOften.err()).contains("import-interval: '30 s' is not a valid import interval; expected from 1 "
                + "minute to 1 day");
        CliRun garbled = run("", "connections", "schedule", "acme", "--every", "often");
        assertThat(garbled.exitCode()).isEqualTo(2);
        assertThat(garbled.err()).contains("import-interval: 'often' is not an interval");
        assertThat(run("", "connections", "schedule", "acme").out()).contains("every 10 min (its own)");
        assertThat(run("", "connections", "schedule", "acme", "--host-default").out())
                .contains("every 5 min (the host's");
    }

    @Test
    void wizardReAsksATakenNameAndSavesNothingWhenInputEnds() {
        run("", "connections", "add", "--name", "acme", "--platform", "magento2", "--set", "access-token=" + TOKEN,
                "--set", "store-url=https://store.example.com");

        CliRun wizard = run("acme\nother\nmagento2\n" + TOKEN + "\n", "connections", "add");

        assertThat(wizard.exitCode()).isEqualTo(2);
        assertThat(wizard.out()).contains("   ! a connection named 'acme' already exists");
        assertThat(wizard.err()).isEqualTo("error: store-url: input ended before this was answered; nothing was saved\n");
        assertThat(run("", "connections", "list").out()).doesNotContain("other");
    }

    @Test
    void readsAConnectionFromAFileWithSetWinning() throws IOException {
        Path file = Files.writeString(home.resolve("connection.json"), """
                {"name": "from-file", "platform": "magento2",
                 "values": {"access-token": "${env:MAGENTO_TOKEN}", "store-url": "https://a.example.com",
                            "include-bundle-parent": true}}
                """);

        CliRun add = run("", "connections", "add", "--from-file", file.toString(),
                "--set", "store-url=https://b.example.com");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(run("", "connections", "show", "from-file").out()).contains("${env:MAGENTO_TOKEN}")
                .contains("https://b.example.com").contains("include-bundle-parent        true");
    }

    @Test
    void namesTheMissingConnection() {
        CliRun show = run("", "connections", "show", "nope");

        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).isEqualTo("error: name: no connection named 'nope'; there are no connections yet\n");
    }
}
