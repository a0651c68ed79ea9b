package io.storelink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Magento 2 sandbox as a separate JVM ({@code io.storelink.sandbox.SandboxMain}) on a free loopback port. It
 * stops when {@link #close()} closes its stdin; if it has not stopped after a few seconds it is destroyed.
 */
final class SandboxProcess implements AutoCloseable {

    static final String TOKEN = "bench-token";

    private static final String READY = "Magento 2 sandbox listening on ";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final URI baseUrl;

    private SandboxProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts a sandbox and waits until it listens.
     *
     * @param distribution whose {@code lib/} holds the sandbox and Jackson
     * @param orders how many orders it generates
     * @param seed the generator's seed; the same seed gives the same orders
     * @param latencyMillis how long it waits before every answer
     * @param logDirectory where its stderr goes
     */
    static SandboxProcess start(Distribution distribution, int orders, long seed, int latencyMillis,
                                Path logDirectory) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", distribution.libraryClassPath(),
                "io.storelink.sandbox.SandboxMain", "--port", Integer.toString(port), "--orders",
                Integer.toString(orders), "--seed", Long.toString(seed), "--token", TOKEN, "--latency-ms",
                Integer.toString(latencyMillis)));
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve("sandbox-" + port + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(READY)) {
                    return new SandboxProcess(process, URI.create(line.substring(line.lastIndexOf(' ') + 1)));
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the sandbox did not start; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox: " + command, e);
        }
    }

    /** @return for example {@code http://127.0.0.1:41234} */
    URI baseUrl() {
        return baseUrl;
    }

    /** @return the CPU time the sandbox's JVM has used so far, if the operating system tells */
    Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** @return the REST base, {@code <base>/rest/V1} */
    String restBase() {
        return baseUrl + "/rest/V1";
    }

    /** Closes the sandbox's stdin, so it stops, and waits for it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is gone; the process is stopping or stopped
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
