package io.storelink.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps what Storelink writes readable by its owner only: the home and its directories {@code rwx------}, the
 * database, its WAL, the key file and the logs {@code rw-------}. They hold customer names and addresses and the
 * means to decrypt store tokens. On a file system without POSIX permissions nothing is changed.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates the directory (and its parents) if missing, and takes group and other permissions away from it.
     *
     * @param directory the directory
     * @return the directory
     */
    public static Path directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
            }
            restrict(directory, DIRECTORY);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory + " readable by its owner only: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates an empty file readable by its owner only, unless it exists; an existing file loses group and other
     * permissions.
     *
     * @param file the file
     * @return the file
     */
    public static Path file(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (posix()) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                    } else {
                        Files.createFile(file);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first.
                }
            }
            restrict(file, FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + file + " readable by its owner only: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Takes group and other permissions away from a file if it exists.
     *
     * @param file the file
     */
    public static void ifExists(Path file) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                restrict(file, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + file + " readable by its owner only: " + e.getMessage(),
                    e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (!wanted.containsAll(current)) {
            current.retainAll(wanted);
            Files.setPosixFilePermissions(path, current);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
