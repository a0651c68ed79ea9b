package io.storelink.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console module's build as the tests use it: its folder (node_modules installed, the renderer harness built)
 * and the machine's {@code node} to run its test scripts. The console module builds before this one (a dependency),
 * so a missing piece fails the test with what to build, never skips it.
 */
public final class ConsoleBuild {

    private ConsoleBuild() {
    }

    /** @return the console module's folder, its node_modules installed */
    public static Path directory() {
        Path directory = Path.of(System.getProperty("storelink.console.dir", "../console")).toAbsolutePath().normalize();
        assertThat(directory.resolve("node_modules/ajv")).as("the console module's node_modules (build the console"
                + " module: mvn -B -o package -pl console)").isDirectory();
        return directory;
    }

    /** What a node script printed, and how it exited. */
    public record Run(int exitCode, String out, String err) {
    }

    /**
     * Runs a script of the console module with the machine's {@code node}, in the console's folder.
     *
     * @param script relative to the console's folder, e.g. {@code test/ajv-strict.mjs}
     * @param arguments its arguments
     */
    public static Run node(String script, String... arguments) throws IOException, InterruptedException {
        Path directory = directory();
        List<String> command = new ArrayList<>(List.of(System.getProperty("storelink.node", "node"), script));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node %s finished within a minute", script).isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
