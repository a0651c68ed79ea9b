package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class PlatformsCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    private final Path distPlugins = CliRun.distribution().resolve("plugins");

    @Test
    void listsBothPluginsOfTheDistribution() throws IOException {
        CliRun run = CliRun.run(home, distPlugins, "", "platforms", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("magento2").contains("Magento 2").contains("woocommerce")
                .contains("WooCommerce").doesNotContain("Failed plugins");
        JsonNode document = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "list", "--json").out());
        assertThat(document.get("platforms")).extracting(node -> node.get("id").asText())
                .containsExactly("magento2", "woocommerce");
        assertThat(document.get("failed")).isEmpty();
    }

    @Test
    void describesTheMagentoFormAsTextJsonAndJsonSchema() throws IOException {
        CliRun text = CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2");
        assertThat(text.out()).contains("Access token (access-token)").contains("Store View Code")
                .contains("multi-store only").contains("default processing");

        JsonNode described = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--json").out());
        assertThat(described.get("credentials").get(0).get("key").asText()).isEqualTo("access-token");
        assertThat(described.get("settings")).hasSize(4);

        JsonNode schema = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--json-schema").out());
        List<String> keys = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("access-token", "store-url", "store-view-code", "order-import-status",
                "import-delay", "include-bundle-parent", "compact-ship-notification");
        assertThat(schema.get("properties").get("access-token").get("writeOnly").asBoolean()).isTrue();
        assertThat(schema.get("properties").get("import-delay").get("default").asInt()).isZero();
        assertThat(schema.get("properties").get("compact-ship-notification").get("default").asBoolean()).isTrue();
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.get("properties").get("access-token").get("airbyte_secret").asBoolean()).isTrue();
        assertThat(schema.get("properties").get("import-delay").get("title").asText())
                .isEqualTo("Delay Orders Imported By (minutes)");

        JsonNode modern = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--json-schema", "--dialect", "2020-12").out());
        assertThat(modern.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        ((com.fasterxml.jackson.databind.node.ObjectNode) modern).remove("$schema");
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema).remove("$schema");
        assertThat(modern).isEqualTo(schema);

        CliRun unsupported = CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--json-schema", "--dialect", "draft-04");
        assertThat(unsupported.exitCode()).isNotZero();
        assertThat(unsupported.err()).contains("draft-04");
    }

    @Test
    void printsTheLayoutForRjsfAndJsonFormsAndAStrictReadySchema() throws IOException {
        JsonNode rjsf = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--ui-schema", "rjsf").out());
        assertThat(rjsf.get("ui:order")).hasSize(7);
        assertThat(rjsf.get("access-token").get("ui:widget").asText()).isEqualTo("password");
        assertThat(rjsf.get("store-url").get("ui:placeholder").asText()).isEqualTo("https://store.example.com");
        assertThat(rjsf.get("ui:field").asText()).isEqualTo("LayoutGridField");
        assertThat(rjsf.get("ui:layoutGrid").get("ui:row")).extracting(child -> child.has("ui:col")
                ? child.get("ui:col").get("children").get(0).get("title").asText() : child.get("title").asText())
                .containsExactly("Magento 2 connection", "Credentials", "Import settings");

        JsonNode jsonForms = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--ui-schema", "jsonforms").out());
        assertThat(jsonForms.get("elements")).extracting(group -> group.get("label").asText())
                .containsExactly("Credentials", "Import settings");

        JsonNode standard = JSON.readTree(CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2",
                "--json-schema", "--keywords", "standard").out());
        assertThat(standard.has("groups")).isFalse();
        assertThat(standard.get("properties").get("access-token").has("airbyte_secret")).isFalse();

        CliRun unknown = CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2", "--ui-schema", "vue");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("--ui-schema: 'vue' is not a supported renderer; expected rjsf or jsonforms");
        CliRun both = CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2", "--ui-schema", "rjsf",
                "--json-schema");
        assertThat(both.exitCode()).isNotZero();
        CliRun keywordsAlone = CliRun.run(home, distPlugins, "", "platforms", "describe", "magento2", "--keywords",
                "standard");
        assertThat(keywordsAlone.err()).contains("apply only with --json-schema");
    }

    @Test
    void showsADroppedInSecondPluginWithNoChangeToTheHost() throws IOException {
        Files.copy(DistributionIT.magentoArchive(), plugins.resolve(DistributionIT.magentoArchive().getFileName()));
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        CliRun list = CliRun.run(home, plugins, "", "platforms", "list", "--json");
        JsonNode document = JSON.readTree(list.out());
        assertThat(document.get("platforms")).extracting(node -> node.get("id").asText())
                .containsExactly("acme", "magento2");
        assertThat(document.get("failed")).isEmpty();

        JsonNode schema = JSON.readTree(CliRun.run(home, plugins, "", "platforms", "describe", "acme",
                "--json-schema").out());
        assertThat(schema.get("title").asText()).isEqualTo("Acme Shop connection");
        assertThat(schema.get("properties").get("mode").get("oneOf")).hasSize(2);
    }

    @Test
    void reportsCorruptAndTooNewPluginsAndKeepsWorking() throws IOException {
        Files.copy(DistributionIT.magentoArchive(), plugins.resolve(DistributionIT.magentoArchive().getFileName()));
        Files.writeString(plugins.resolve("corrupt-1.0.0.zip"), "not a zip at all");
        PluginArchiveBuilder.minimalPlatform("future-plugin", "future", "Future").requires(">=2.0.0 & <3.0.0")
                .buildInto(plugins);

        CliRun run = CliRun.run(home, plugins, "", "platforms", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("magento2").contains("Failed plugins:")
                .contains("corrupt-1.0.0.zip: cannot read plugin archive")
                .contains("future-plugin-1.0.0.zip: plugin future-plugin (future-plugin-1.0.0.zip) requires "
                        + "Storelink plugin API >=2.0.0 & <3.0.0, but this host provides 1.2.0");
    }

    @Test
    void refusesAnUnknownPlatformWithoutAStackTrace() {
        CliRun run = CliRun.run(home, distPlugins, "", "platforms", "describe", "shopify");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: Unknown platform 'shopify'; expected one of [magento2, woocommerce]\n");
    }
}
