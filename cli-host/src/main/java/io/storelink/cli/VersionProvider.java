package io.storelink.cli;

import io.storelink.core.plugin.PluginApiVersion;
import picocli.CommandLine;

/** Prints the host's version and the plugin API version it offers. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "storelink " + (version == null ? "dev" : version),
            "plugin API " + PluginApiVersion.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
