package io.storelink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build produces a runnable layout with the Magento 2 and WooCommerce plugins as drop-in archives, not on the
 * classpath.
 */
final class DistributionIT {

    private final Path dist = CliRun.distribution();

    @Test
    void hasALauncherLibrariesAndAPluginsDirectory() throws IOException {
        assertThat(dist.resolve("bin/storelink")).isExecutable();
        assertThat(dist.resolve("conf/application.conf")).isRegularFile();
        assertThat(dist.resolve("lib/storelink.jsa")).as("class-data archive for start-up").isRegularFile();
        assertThat(names(dist.resolve("lib"))).anyMatch(name -> name.startsWith("storelink-core-"))
                .anyMatch(name -> name.startsWith("storelink-cli-"))
                .noneMatch(name -> name.matches("storelink-magento2-\\d.*"))
                .noneMatch(name -> name.matches("storelink-woocommerce-\\d.*"));
        assertThat(names(dist.resolve("plugins"))).hasSize(2).allMatch(name -> name.endsWith(".zip"))
                .anyMatch(name -> name.startsWith("storelink-magento2-"))
                .anyMatch(name -> name.startsWith("storelink-woocommerce-"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"magento2, io.storelink.magento2.Magento2Platform",
        "woocommerce, io.storelink.woocommerce.WooCommercePlatform"})
    void pluginArchiveHoldsNoSharedJarAndHasAnExtensionIndex(String id, String platformClass) throws IOException {
        Path archive = archive(id);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains("plugin.properties");
            List<String> jars = entries.stream().filter(name -> name.endsWith(".jar")).toList();
            assertThat(jars).allMatch(name -> name.startsWith("lib/"))
                    .noneMatch(name -> name.contains("plugin-api"))
                    .noneMatch(name -> name.contains("pf4j"))
                    .noneMatch(name -> name.contains("slf4j"));
            String pluginJar = jars.stream().filter(name -> name.contains("storelink-" + id)).findFirst().orElseThrow();
            try (ZipInputStream inner = new ZipInputStream(zip.getInputStream(zip.getEntry(pluginJar)))) {
                String index = null;
                for (ZipEntry entry = inner.getNextEntry(); entry != null; entry = inner.getNextEntry()) {
                    if (entry.getName().equals("META-INF/extensions.idx")) {
                        index = new String(inner.readAllBytes());
                    }
                }
                assertThat(index).contains(platformClass);
            }
            String properties = new String(zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes());
            assertThat(properties).contains("plugin.id=" + id).contains("plugin.requires=>=1.2.0 & <2.0.0");
        }
    }

    @Test
    void theLauncherTakesItsHomeAndPluginsDirectoryFromTheEnvironment(@TempDir Path temp) throws Exception {
        Path home = temp.resolve("home");
        Path plugins = Files.createDirectories(temp.resolve("no-plugins"));
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/storelink").toString(), "platforms", "list")
                .redirectErrorStream(true);
        builder.environment().put("STORELINK_HOME", home.toString());
        builder.environment().put("STORELINK_PLUGINS_DIR", plugins.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isZero();
        assertThat(output).startsWith("No platforms loaded.");
        assertThat(home.resolve("logs/storelink.0.log")).isRegularFile();
    }

    @Test
    void readsSettingsFromTheDistributionsConfDirectory(@TempDir Path temp) throws Exception {
        Path copy = temp.resolve("storelink");
        for (String part : List.of("bin", "lib", "conf")) {
            copyTree(dist.resolve(part), copy.resolve(part));
        }
        Path home = temp.resolve("home-from-conf");
        Files.writeString(copy.resolve("conf/application.conf"), "storelink.home = \"" + home + "\"\n");
        Files.createDirectories(copy.resolve("plugins"));
        copy.resolve("bin/storelink").toFile().setExecutable(true);

        Process process = new ProcessBuilder(copy.resolve("bin/storelink").toString(), "connections", "list")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(home.resolve("storelink.db")).isRegularFile();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static Path magentoArchive() throws IOException {
        return archive("magento2");
    }

    static Path wooCommerceArchive() throws IOException {
        return archive("woocommerce");
    }

    private static Path archive(String id) throws IOException {
        try (Stream<Path> files = Files.list(CliRun.distribution().resolve("plugins"))) {
            return files.filter(path -> path.getFileName().toString().startsWith("storelink-" + id + "-"))
                    .findFirst().orElseThrow();
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
