package io.storelink.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds plugin archives in the plugins directory and expands each zip into a cache directory, so the plugins
 * directory itself (often inside a read-only distribution) is never written to.
 *
 * <p>An expanded copy is keyed by the archive's name, size and modification time: replacing the archive makes a
 * new copy at the next start. An archive that cannot be read is reported, not fatal.
 */
final class PluginArchives {

    private final List<Path> pluginDirectories = new ArrayList<>();
    private final Map<Path, Path> origins = new HashMap<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    private PluginArchives() {
    }

    static PluginArchives scan(Path pluginsDir, Path cacheDir) {
        PluginArchives archives = new PluginArchives();
        if (!Files.isDirectory(pluginsDir)) {
            archives.problems.add(new PluginProblem(pluginsDir, "plugins directory does not exist"));
            return archives;
        }
        if (isPluginDirectory(pluginsDir)) {
            // The plugins directory is itself one exploded plugin, e.g. an author's build output: the dev loop.
            archives.addDirectory(pluginsDir, pluginsDir);
            return archives;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pluginsDir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            archives.problems.add(new PluginProblem(pluginsDir, "cannot list plugins directory: " + e.getMessage()));
            return archives;
        }
        entries.sort(Comparator.comparing(Path::toString));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                // Only a directory laid out as a plugin is one; others (a build's classes/) are left alone.
                if (isPluginDirectory(entry)) {
                    archives.addDirectory(entry, entry);
                }
            } else if (lower.endsWith(".zip")) {
                archives.expand(entry, cacheDir);
            } else if (lower.endsWith(".jar") && !builtBeside(entry, entries)) {
                archives.problems.add(new PluginProblem(entry,
                        "a plain jar is not a plugin archive; package the plugin as a zip with plugin.properties "
                                + "at its root and its jars under lib/"));
            }
        }
        return archives;
    }

    /** The file that makes a directory a plugin. */
    static final String DESCRIPTOR = "plugin.properties";

    /**
     * Jars a plugin must not bundle: the host provides them, and a second copy in the plugin is never the one used
     * (the plugin's loader takes these packages from the host), so it only hides a build that got its scopes wrong.
     */
    private static final List<String> HOST_LIBRARIES = List.of("storelink-plugin-api", "pf4j", "slf4j-api");

    /**
     * @return whether a jar is the plain jar a plugin build leaves beside its archive ({@code x-1.0.jar} next to
     *         {@code x-1.0-plugin.zip} in {@code target/}): not a mistake to report
     */
    private static boolean builtBeside(Path jar, List<Path> entries) {
        String name = jar.getFileName().toString();
        String base = name.substring(0, name.length() - ".jar".length());
        return entries.stream().map(entry -> entry.getFileName().toString())
                .anyMatch(other -> other.startsWith(base) && other.toLowerCase(Locale.ROOT).endsWith(".zip"));
    }

    /**
     * @return whether {@code directory} is an exploded plugin: {@code plugin.properties} and code in {@code lib/} or
     *         {@code classes/}. A build's folder that holds only the filtered {@code plugin.properties} is not one.
     */
    static boolean isPluginDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(DESCRIPTOR))
                && (Files.isDirectory(directory.resolve("lib")) || Files.isDirectory(directory.resolve("classes")));
    }

    /** Adds an expanded or exploded plugin, unless it bundles a library the host provides. */
    private void addDirectory(Path directory, Path origin) {
        List<String> bundled = bundledHostLibraries(directory);
        if (!bundled.isEmpty()) {
            problems.add(new PluginProblem(origin, "bundles " + String.join(", ", bundled) + ", which the host "
                    + "provides; declare storelink-plugin-api, pf4j and slf4j-api as provided so the archive's lib/ "
                    + "does not carry them"));
            return;
        }
        pluginDirectories.add(directory);
        origins.put(directory, origin);
    }

    private static List<String> bundledHostLibraries(Path directory) {
        Path lib = directory.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        List<String> bundled = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                for (String library : HOST_LIBRARIES) {
                    if (name.matches(java.util.regex.Pattern.quote(library) + "-[0-9].*\\.jar")) {
                        bundled.add("lib/" + name);
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        bundled.sort(Comparator.naturalOrder());
        return bundled;
    }

    List<Path> pluginDirectories() {
        return List.copyOf(pluginDirectories);
    }

    /** @return the archive a plugin directory was expanded from, or the directory itself */
    Path origin(Path pluginDirectory) {
        return origins.getOrDefault(pluginDirectory, pluginDirectory);
    }

    List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    private void expand(Path archive, Path cacheDir) {
        try {
            String name = archive.getFileName().toString();
            String key = name.substring(0, name.length() - 4) + "-"
                    + Long.toHexString(Files.size(archive) * 31 + Files.getLastModifiedTime(archive).toMillis());
            Path target = cacheDir.resolve(key);
            if (!Files.isDirectory(target)) {
                Files.createDirectories(cacheDir);
                Path staging = Files.createTempDirectory(cacheDir, ".expanding-");
                try {
                    unzip(archive, staging);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    deleteTree(staging);
                    // Another process expanded the same archive first: its copy is complete (it was moved in whole),
                    // so it is used. Linux reports the lost race as "Directory not empty", not as "already exists".
                    if (!(e instanceof IOException) || !Files.isDirectory(target)) {
                        throw e;
                    }
                }
            }
            addDirectory(target, archive);
        } catch (IOException | RuntimeException e) {
            problems.add(new PluginProblem(archive, "cannot read plugin archive: " + describe(e)));
        }
    }

    private static void unzip(Path archive, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Ends the problem of each of two archives that cannot both be loaded. */
    static final String NEITHER_LOADED = "neither is loaded until one archive is removed from the plugins directory";

    /** @return how a problem names a plugin: {@code plugin acme-plugin (acme-plugin-1.0.0.zip)} */
    static String label(String pluginId, Path source) {
        return "plugin " + pluginId + " (" + source.getFileName() + ")";
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
