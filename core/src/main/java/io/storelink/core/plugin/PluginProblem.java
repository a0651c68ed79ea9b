package io.storelink.core.plugin;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A plugin archive the host could not load, and why. The host keeps working without it.
 *
 * @param source the archive or directory in the plugins directory
 * @param reason what went wrong, for people
 */
public record PluginProblem(Path source, String reason) {
    public PluginProblem {
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
    }
}
