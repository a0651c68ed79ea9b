package io.storelink.cli;

import io.storelink.core.config.HostConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command accepts. They are read when the host is first used, after the command line is parsed. */
public final class GlobalOptions {

    @Option(names = "--home", paramLabel = "<dir>", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Storelink's home directory (database, key file, logs). Default: ~/.storelink or $STORELINK_HOME.")
    Path home;

    @Option(names = "--plugins-dir", paramLabel = "<dir>", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Directory to load platform plugins from. Default: the distribution's plugins/ or $STORELINK_PLUGINS_DIR.")
    Path pluginsDir;

    @Option(names = "--key-file", paramLabel = "<file>", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The key file that encrypts store tokens at rest. Default: secret.key in the home, or "
                    + "$STORELINK_KEY_FILE; $STORELINK_KEY may hold the key itself.")
    Path keyFile;

    @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for failures.")
    boolean verbose;

    /** @return settings given on the command line, as config paths */
    public Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (home != null) {
            overrides.put(HostConfig.HOME, home.toAbsolutePath().toString());
        }
        if (pluginsDir != null) {
            overrides.put(HostConfig.PLUGINS_DIR, pluginsDir.toAbsolutePath().toString());
        }
        if (keyFile != null) {
            overrides.put(HostConfig.KEY_FILE, keyFile.toAbsolutePath().toString());
        }
        return overrides;
    }

    public boolean verbose() {
        return verbose;
    }
}
