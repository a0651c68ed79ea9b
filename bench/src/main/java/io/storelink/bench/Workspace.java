package io.storelink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The scratch directory: a fresh Storelink home per run, the sandbox logs, batch files. */
final class Workspace {

    private final Path root;
    private final AtomicInteger next = new AtomicInteger();

    Workspace(Path root) {
        this.root = root;
        delete(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** @return a new, empty directory named after {@code purpose} */
    Path newDirectory(String purpose) {
        Path directory = root.resolve(purpose + "-" + next.incrementAndGet());
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
