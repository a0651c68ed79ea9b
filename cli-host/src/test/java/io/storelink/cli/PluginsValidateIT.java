package io.storelink.cli;

import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code storelink plugins validate}: one archive, checked alone, as an author's build or a 3PL's intake would. */
final class PluginsValidateIT {

    @TempDir
    Path home;

    @TempDir
    Path work;

    private CliRun validate(Path archive) {
        return CliRun.run(home, work.resolve("no-plugins"), "", "plugins", "validate", archive.toString());
    }

    @Test
    void theMagentoArchiveIsLoadedAsItIs() throws IOException {
        CliRun run = validate(DistributionIT.magentoArchive());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(DistributionIT.magentoArchive().getFileName() + ": the host loads it")
                .contains("platform magento2 \"Magento 2\"")
                .contains("3 credential fields, 4 settings; IMPORT_ORDERS, SHIP_NOTIFICATIONS, TEST_CONNECTION")
                .doesNotContain("refused");
    }

    @Test
    void theWooCommerceArchiveIsLoadedAsItIs() throws IOException {
        CliRun run = validate(DistributionIT.wooCommerceArchive());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(DistributionIT.wooCommerceArchive().getFileName() + ": the host loads it")
                .contains("platform woocommerce \"WooCommerce\"")
                .contains("3 credential fields, 2 settings; IMPORT_ORDERS, SHIP_NOTIFICATIONS, TEST_CONNECTION")
                .doesNotContain("refused");
    }

    @Test
    void anArchiveTheHostWouldRefuseExitsTwoAndSaysWhy() throws IOException {
        Path bad = PluginArchiveBuilder.minimalPlatform("old-plugin", "old", "Old").requires(null)
                .buildInto(work.resolve("bad"));
        Path corrupt = Files.writeString(work.resolve("corrupt-1.0.0.zip"), "not a zip");

        CliRun refused = validate(bad);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).startsWith("old-plugin-1.0.0.zip: the host refuses it")
                .contains("  refused: ").contains("plugin.requires");

        CliRun unreadable = validate(corrupt);
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.out()).contains("refused: cannot read plugin archive");

        CliRun missing = validate(work.resolve("nowhere.zip"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: archive: '" + work.resolve("nowhere.zip") + "' does not exist");
    }

    @Test
    void aPluginBuildsTargetFolderServesAsThePluginsDirectory() throws IOException {
        // What mvn package leaves in a plugin's target/: the archive, the plain jar beside it, and build folders.
        Path target = Files.createDirectories(work.resolve("target"));
        String zip = DistributionIT.magentoArchive().getFileName().toString();
        String jar = zip.replaceFirst("(-plugin)?\\.zip$", ".jar");
        Files.copy(DistributionIT.magentoArchive(), target.resolve(zip.replaceFirst("(-plugin)?\\.zip$", "-plugin.zip")));
        Files.writeString(target.resolve(jar), "a plain jar");
        Files.createDirectories(target.resolve("classes/io/storelink"));
        Files.writeString(Files.createDirectories(target.resolve("plugin")).resolve("plugin.properties"),
                "plugin.id=magento2\n");

        CliRun list = CliRun.run(home, target, "", "platforms", "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("magento2").doesNotContain("Failed plugins");
    }
}
