package io.storelink.core.output;

import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Locale;

/**
 * A path to write output to, by what is there:
 * <ul>
 *   <li>a regular file or a new path: written to a temporary file in the same directory, forced to disk and moved
 *       into place atomically, so a reader sees the old file or the new one, never half of one, and a failed write
 *       leaves the old file as it was. An existing file keeps its permissions; a new one is readable by its owner
 *       only, since exports hold customers' names and addresses;</li>
 *   <li>a symbolic link: followed; its final target is written by these rules and the link stays;</li>
 *   <li>a device or a FIFO (e.g. {@code /dev/null}, a named pipe, {@code /dev/stdout} on a pipe or a terminal):
 *       opened and written in place, never replaced by a regular file; a regular file under {@code /dev} or
 *       {@code /proc} ({@code /dev/stdout} redirected to a file) is appended to, as it is someone's open file;</li>
 *   <li>a directory, or a new path whose directory does not exist: refused before anything is written.</li>
 * </ul>
 */
public final class OutputFile {

    private static final int MAX_LINKS = 40;
    private static final String EXPECTED = "expected a file, a new path, a device or a FIFO";

    private static final OpenOption[] IN_PLACE = {StandardOpenOption.WRITE};
    private static final OpenOption[] APPENDED = {StandardOpenOption.WRITE, StandardOpenOption.APPEND};

    private final Path given;
    private final Path target;
    private final boolean existed;
    /** How to open the path to write it in place, or {@code null} to replace it atomically. */
    private final OpenOption[] inPlace;

    private OutputFile(Path given, Path target, boolean existed, OpenOption[] inPlace) {
        this.given = given;
        this.target = target;
        this.existed = existed;
        this.inPlace = inPlace;
    }

    /** What to write; gets an unflushed stream and returns what it wrote, for the caller. */
    @FunctionalInterface
    public interface Body<T> {
        T write(OutputStream out) throws IOException;
    }

    /**
     * Looks at what the path is, following symbolic links, without writing anything.
     *
     * @param key how the caller names the path in errors, e.g. {@code --output}
     * @param path the path as given
     * @return the output
     * @throws ValidationException when the path is a directory, a link that leads nowhere, or in no directory
     */
    public static OutputFile of(String key, Path path) {
        Path absolute = path.toAbsolutePath();
        BasicFileAttributes there;
        try {
            there = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return newPath(key, path, absolute);
        } catch (IOException e) {
            throw refused(key, path, "cannot be looked at (" + describe(e) + "); " + EXPECTED);
        }
        if (there.isDirectory()) {
            throw refused(key, path, "is a directory; " + EXPECTED);
        }
        if (!there.isRegularFile()) {
            return new OutputFile(path, absolute, true, IN_PLACE);
        }
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) {
            // A file behind a file descriptor (/dev/stdout, /proc/self/fd/1, redirected to a file): someone's open
            // file, added to as a shell's >> would, never swapped for another.
            return new OutputFile(path, absolute, true, APPENDED);
        }
        try {
            return new OutputFile(path, absolute.toRealPath(), true, null);
        } catch (IOException e) {
            throw refused(key, path, "cannot be looked at (" + describe(e) + "); " + EXPECTED);
        }
    }

    /** Nothing is there, or a symbolic link names what is not: the file is created where the last link points. */
    private static OutputFile newPath(String key, Path path, Path absolute) {
        Path target = absolute;
        try {
            for (int links = 0; Files.isSymbolicLink(target); links++) {
                if (links == MAX_LINKS) {
                    throw refused(key, path, "is a chain of more than " + MAX_LINKS + " symbolic links; " + EXPECTED);
                }
                target = target.resolveSibling(Files.readSymbolicLink(target));
            }
        } catch (IOException e) {
            throw refused(key, path, "cannot be looked at (" + describe(e) + "); " + EXPECTED);
        }
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw refused(key, path, "is in a directory that does not exist (" + directory + "); " + EXPECTED);
        }
        return new OutputFile(path, target, false, null);
    }

    /**
     * @param body writes the output
     * @param <T> what the body returns
     * @return what the body returned, once the output is complete and, for a file, in place
     * @throws IOException when the output cannot be opened, written or moved into place, or the body failed; a
     *         regular file is then as it was, and a new path not created
     */
    public <T> T write(Body<T> body) throws IOException {
        if (inPlace != null) {
            // Unbuffered: what the body counts as written has reached the device or the reader of the FIFO.
            try (OutputStream out = Files.newOutputStream(target, inPlace)) {
                return body.write(out);
            }
        }
        Path directory = target.getParent();
        Path partial = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
        try {
            if (existed) {
                keepPermissions(partial);
            }
            T result;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                result = body.write(out);
                out.flush();
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @return whether a failed write leaves what was there (or nothing, for a new path): not for devices and FIFOs */
    public boolean atomic() {
        return inPlace == null;
    }

    /** @return whether something was at the path before */
    public boolean existed() {
        return existed;
    }

    /** @return the path as given, absolute */
    public Path path() {
        return given.toAbsolutePath();
    }

    private void keepPermissions(Path partial) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(partial, view.readAttributes().permissions());
        }
    }

    private static ValidationException refused(String key, Path path, String problem) {
        return new ValidationException(List.of(new FieldError(key, "'" + path + "' " + problem)));
    }

    /**
     * @param e a failure of a file operation
     * @return what went wrong, for people: {@code /x: Permission denied} rather than the exception's class
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException failure && failure.getReason() == null) {
            String kind = e.getClass().getSimpleName().replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return failure.getFile() + ": " + kind;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
