package io.storelink.woocommerce;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built plugin archive: plugin.properties with a plugin.requires range, the plugin's jar with its extension
 * index naming the platform, its private libraries, and none of the host's jars.
 */
final class WooPluginArchiveIT {

    @Test
    void carriesThePluginAndItsLibrariesButNoneOfTheHosts() throws IOException {
        Path archive = Path.of(System.getProperty("plugin.archive"));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();

            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(zip.getEntry("plugin.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty("plugin.id")).isEqualTo("woocommerce");
            assertThat(properties.getProperty("plugin.requires")).startsWith(">=1.2.0").contains("<2.0.0");

            String jar = names.stream().filter(name -> name.matches("lib/storelink-woocommerce-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no plugin jar in " + names));
            assertThat(extensionIndex(zip, jar)).contains("io.storelink.woocommerce.WooCommercePlatform");
            assertThat(names).anyMatch(name -> name.startsWith("lib/storelink-plugin-sdk-"))
                    .anyMatch(name -> name.startsWith("lib/httpclient5-"))
                    .anyMatch(name -> name.startsWith("lib/jackson-databind-"));
            assertThat(names).noneMatch(name -> name.contains("plugin-api"))
                    .noneMatch(name -> name.contains("pf4j"))
                    .noneMatch(name -> name.contains("slf4j"))
                    .noneMatch(name -> name.contains("wiremock"));
        }
    }

    private static String extensionIndex(ZipFile zip, String jar) throws IOException {
        try (JarInputStream in = new JarInputStream(zip.getInputStream(zip.getEntry(jar)))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals("META-INF/extensions.idx")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }
}
