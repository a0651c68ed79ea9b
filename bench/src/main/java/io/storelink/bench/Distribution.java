package io.storelink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The built CLI distribution ({@code cli-host/target/storelink}) the benchmarks run: its launcher, its libraries
 * (which also hold the sandbox, so the standalone sandbox runs from them) and its plugin archives.
 *
 * @param root the distribution's directory
 */
record Distribution(Path root) {

    Distribution {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("bin/storelink")) || !Files.isDirectory(root.resolve("lib"))) {
            throw new IllegalArgumentException("not a built Storelink distribution (no bin/storelink or lib/): " + root
                    + "; build it with mvn -B -q -DskipTests install");
        }
    }

    Path launcher() {
        return root.resolve("bin/storelink");
    }

    Path plugins() {
        return root.resolve("plugins");
    }

    /** @return the class path of {@code lib/*}, as the launcher builds it */
    String libraryClassPath() {
        return root.resolve("conf") + java.io.File.pathSeparator + root.resolve("lib") + java.io.File.separator + "*";
    }

    /** @return the plugin archives' names, for the report */
    String pluginArchives() {
        return archivesIn(plugins());
    }

    /** @return the names of the files in a plugins directory, for the report */
    static String archivesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return String.join(", ", files.map(file -> file.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
