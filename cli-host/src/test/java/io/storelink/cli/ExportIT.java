package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code orders export} checks every write: a closed pipe or a full disk on standard output ends with exit 1 and
 * says how far it got; {@code --output} replaces a regular file atomically and writes through a device, a FIFO or a
 * symlink's target instead of replacing them with a regular file.
 */
final class ExportIT {

    private static final String TOKEN = "export-a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    @TempDir
    Path out;

    private final Path plugins = CliRun.distribution().resolve("plugins");
    private MagentoSandbox sandbox;
    private long processing;

    @BeforeEach
    void importOrders() {
        // Several hundred KB of JSON Lines: more than a pipe holds, so a closed pipe is hit while writing.
        sandbox = MagentoSandbox.builder().seed(17).orderCount(500).token(TOKEN, Acl.ALL).build().start();
        processing = sandbox.store().orders().stream().filter(order -> "processing".equals(order.status())).count();
        assertThat(run("connections", "add", "--name", "shop", "--platform", "magento2", "--set",
                "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl()).exitCode()).isZero();
        CliRun imported = run("orders", "import", "shop");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }

    private List<String> launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(
                CliRun.distribution().resolve("bin/storelink").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aClosedPipeEndsWithExitOneAndSaysHowFarItGot() throws Exception {
        Path stderr = out.resolve("stderr.txt");
        Path headOut = out.resolve("head.txt");
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(launcher("orders", "export", "shop", "--format", "jsonl"))
                        .redirectError(stderr.toFile()),
                new ProcessBuilder("head", "-c", "100").redirectOutput(headOut.toFile())));
        Process export = pipeline.get(0);
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pipeline.get(1).waitFor(10, TimeUnit.SECONDS)).isTrue();

        String error = Files.readString(stderr);
        assertThat(export.exitValue()).as(error).isEqualTo(1);
        assertThat(error).matches("error: writing the export to standard output failed after \\d+ of " + processing
                + " orders: Broken pipe\n").doesNotContain("Exported");
        long written = Long.parseLong(error.replaceAll("(?s).* after (\\d+) of .*", "$1"));
        assertThat(written).isLessThan(processing);
        assertThat(Files.readString(headOut)).hasSize(100).startsWith("{\"platformOrderId\":");
    }

    @Test
    void aFullDiskEndsWithExitOneAndNamesTheCause() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "Linux /dev/full");
        Path stderr = out.resolve("stderr.txt");
        Process export = new ProcessBuilder(launcher("orders", "export", "shop", "--format", "jsonl"))
                .redirectOutput(new File("/dev/full")).redirectError(stderr.toFile()).start();
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String error = Files.readString(stderr);
        assertThat(export.exitValue()).as(error).isEqualTo(1);
        assertThat(error).isEqualTo("error: writing the export to standard output failed after 0 of " + processing
                + " orders: No space left on device\n");
    }

    @Test
    void textLostOnTheWayOutIsAFailureForEveryCommand() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "Linux /dev/full");
        Path stderr = out.resolve("stderr.txt");
        Process list = new ProcessBuilder(launcher("orders", "list", "shop", "--json"))
                .redirectOutput(new File("/dev/full")).redirectError(stderr.toFile()).start();
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(list.exitValue()).isEqualTo(1);
        assertThat(Files.readString(stderr)).isEqualTo("error: writing to standard output failed: No space left on "
                + "device\n");
    }

    @Test
    void aRegularFileIsReplacedAtomicallyAndKeptWholeWhenTheExportFails() throws Exception {
        Path fresh = out.resolve("new.jsonl");
        CliRun first = run("orders", "export", "shop", "--format", "jsonl", "--output", fresh.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(Files.readAllLines(fresh)).hasSize((int) processing);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).as("customers' addresses")
                .isEqualTo("rw-------");
        Files.delete(fresh);

        Path file = Files.writeString(out.resolve("orders.jsonl"), "the previous export\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Path before = Files.createLink(out.resolve("before.jsonl"), file);

        CliRun export = run("orders", "export", "shop", "--format", "jsonl", "--output", file.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).isEqualTo("Exported " + processing + " orders to " + file + ".\n");
        assertThat(export.out()).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize((int) processing);
        assertThat(Files.readString(before)).as("a new file moved into place, not the old one rewritten")
                .isEqualTo("the previous export\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        String complete = Files.readString(file);

        corruptStoredOrder(5);
        CliRun failed = run("orders", "export", "shop", "--format", "jsonl", "--output", file.toString());

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).startsWith("error: writing the export to " + file + " failed after 5 of "
                + processing + " orders: order ").contains(" of connection shop: Stored order is not valid canonical "
                + "JSON: ").endsWith("; " + file + " was left as it was\n").hasLineCount(1);
        assertThat(Files.readString(file)).isEqualTo(complete);
        assertThat(names(out)).containsExactlyInAnyOrder("orders.jsonl", "before.jsonl");
    }

    @Test
    void aSymlinkStaysASymlinkAndItsTargetIsReplaced() throws IOException {
        Path target = Files.writeString(out.resolve("target.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(out.resolve("link.jsonl"), Path.of("target.jsonl"));

        CliRun export = run("orders", "export", "shop", "--format", "jsonl", "--output", link.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("target.jsonl"));
        assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllLines(target)).hasSize((int) processing);
        assertThat(names(out)).containsExactlyInAnyOrder("target.jsonl", "link.jsonl");
    }

    @Test
    void aCharacterDeviceIsWrittenThroughNotReplaced() throws Exception {
        // A private node with /dev/null's numbers: if the export replaced it, only this copy would be lost.
        Path device = out.resolve("null");
        assumeTrue(new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0,
                "mknod needs root");

        CliRun export = run("orders", "export", "shop", "--format", "jsonl", "--output", device.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).isEqualTo("Exported " + processing + " orders to " + device + ".\n");
        assertThat(fileType(device)).isEqualTo("character device");
        assertThat(names(out)).containsExactly("null");
    }

    @Test
    void aFifoIsWrittenThrough() throws Exception {
        Path fifo = out.resolve("orders.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        CompletableFuture<CliRun> export = CompletableFuture.supplyAsync(
                () -> run("orders", "export", "shop", "--format", "jsonl", "--output", fifo.toString()));

        byte[] bytes = read.get(60, TimeUnit.SECONDS);
        CliRun done = export.get(60, TimeUnit.SECONDS);
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(new String(bytes, StandardCharsets.UTF_8).lines()).hasSize((int) processing);
        assertThat(fileType(fifo)).isEqualTo("fifo");
        assertThat(names(out)).containsExactly("orders.fifo");
    }

    @Test
    void aFileBehindAFileDescriptorIsAddedToNotReplaced() throws Exception {
        // As a shell's >> opens it; /proc/self/fd/1 is what /dev/stdout leads to.
        Path file = Files.writeString(out.resolve("log.jsonl"), "previous\n");
        Path stderr = out.resolve("stderr.txt");
        Process export = new ProcessBuilder(launcher("orders", "export", "shop", "--format", "jsonl", "--output",
                "/proc/self/fd/1")).redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                .redirectError(stderr.toFile()).start();
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(export.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(Files.readString(stderr)).isEqualTo("Exported " + processing + " orders to /proc/self/fd/1.\n");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize((int) processing + 1).first().isEqualTo("previous");
        assertThat(lines.get(1)).startsWith("{\"platformOrderId\":");
        assertThat(names(out)).containsExactlyInAnyOrder("log.jsonl", "stderr.txt");
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path directory = Files.createDirectory(out.resolve("exports"));

        CliRun export = run("orders", "export", "shop", "--format", "jsonl", "--output", directory.toString());

        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err()).isEqualTo("error: --output: '" + directory + "' is a directory; expected a file, "
                + "a new path, a device or a FIFO\n");
        assertThat(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(names(out)).containsExactly("exports");
    }

    private void corruptStoredOrder(int offset) throws SQLException {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("storelink.db"));
             Statement statement = sql.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE imported_order SET payload = '{\"broken' WHERE id = "
                    + "(SELECT id FROM imported_order ORDER BY placed_at, id LIMIT 1 OFFSET " + offset + ")"))
                    .isEqualTo(1);
        }
    }

    private static String fileType(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0020000 -> "character device";
            case 0010000 -> "fifo";
            case 0100000 -> "regular file";
            case 0120000 -> "symlink";
            default -> Integer.toOctalString(mode);
        };
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
