package io.storelink.magento2;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The built plugin archive carries the plugin and its private libraries, never the host's jars. */
final class Magento2PluginArchiveIT {

    @Test
    void carriesItsOwnLibrariesButNoneOfTheHosts() throws IOException {
        Path archive = Path.of(System.getProperty("plugin.archive"));
        List<String> names;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            names = zip.stream().map(ZipEntry::getName).toList();
        }

        assertThat(names).contains("plugin.properties");
        assertThat(names).anyMatch(name -> name.matches("lib/storelink-magento2-.*\\.jar"))
                .anyMatch(name -> name.startsWith("lib/storelink-plugin-sdk-"))
                .anyMatch(name -> name.startsWith("lib/httpclient5-"))
                .anyMatch(name -> name.startsWith("lib/jackson-databind-"));
        assertThat(names).noneMatch(name -> name.contains("plugin-api"))
                .noneMatch(name -> name.contains("pf4j"))
                .noneMatch(name -> name.contains("slf4j"));
    }
}
