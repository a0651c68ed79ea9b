package io.storelink.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the plugin API this host runs with: the PF4J system version every plugin.requires is checked against. */
public final class PluginApiVersion {

    private static final String RESOURCE = "/io/storelink/api/plugin-api.properties";

    private PluginApiVersion() {
    }

    /** @return the plugin API version, for example {@code 1.0.0} */
    public static String current() {
        try (InputStream in = io.storelink.api.Platform.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plugin-api jar has no " + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
