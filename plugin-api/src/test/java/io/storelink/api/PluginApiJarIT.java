package io.storelink.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged plugin-api jar says which plugin API it is, the version a plugin's plugin.requires names. */
final class PluginApiJarIT {

    @Test
    void manifestNamesThePluginApiVersionTheHostChecksPluginsAgainst() throws IOException {
        String jar = System.getProperty("plugin-api.jar");
        try (JarFile file = new JarFile(jar)) {
            Attributes manifest = file.getManifest().getMainAttributes();
            Properties resource = new Properties();
            try (InputStream in = file.getInputStream(file.getEntry("io/storelink/api/plugin-api.properties"))) {
                resource.load(in);
            }
            assertThat(manifest.getValue("Storelink-Plugin-Api-Version"))
                    .as("Storelink-Plugin-Api-Version in the manifest of %s; expected the version in its "
                            + "plugin-api.properties, which the host checks plugin.requires against", jar)
                    .isEqualTo(resource.getProperty("version"))
                    .matches("\\d+\\.\\d+\\.\\d+");
            assertThat(manifest.getValue("Implementation-Version"))
                    .as("Implementation-Version in the manifest of %s; expected the Storelink version", jar)
                    .isEqualTo(System.getProperty("storelink.version"));
        }
    }
}
