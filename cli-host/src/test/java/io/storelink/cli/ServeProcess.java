package io.storelink.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code storelink serve} process of the built distribution, as an operator runs it: started on a free port with
 * its own home, its output kept in a file in the home, called over HTTP with the home's bearer token, and signalled:
 * SIGKILL, SIGSTOP / SIGCONT (a host paused, as by a long GC pause, a frozen VM or a debugger), SIGTERM. Used by
 * {@link Soak} and by the bench's several-hosts figure (through this module's test jar), so it uses no test library.
 */
public final class ServeProcess {

    private static final String READY = "Storelink API listening on http://127.0.0.1:";

    private final String name;
    private final Path home;
    private final Process process;
    private final int port;
    private final String token;
    private final HttpClient http;
    private volatile Instant pausedAt;
    private volatile Instant resumedAt;

    private ServeProcess(String name, Path home, Process process, int port, String token, HttpClient http) {
        this.name = name;
        this.home = home;
        this.process = process;
        this.port = port;
        this.token = token;
        this.http = http;
    }

    /**
     * Starts {@code storelink serve} on a free port and waits until it listens.
     *
     * @param name the host, for messages
     * @param environment added to this JVM's environment, e.g. {@code STORELINK_JAVA_OPTS}
     */
    public static ServeProcess start(Path distribution, Path home, String name, Map<String, String> environment,
                              HttpClient http) throws Exception {
        Files.createDirectories(home);
        Path output = home.resolve("serve-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/storelink").toString(),
                "--home", home.toString(), "serve", "--port", "0").redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter file = new PrintWriter(Files.newBufferedWriter(output), true)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    file.println(line);
                    int at = line.indexOf(READY);
                    if (at >= 0 && !listening.isDone()) {
                        listening.complete(Integer.parseInt(line.substring(at + READY.length())
                                .replaceAll("\\D.*", "")));
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            listening.completeExceptionally(new IllegalStateException("storelink serve (" + name + ") ended; see "
                    + output));
        }, "serve-output-" + name);
        reader.setDaemon(true);
        reader.start();
        int port;
        try {
            port = listening.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly().waitFor();
            List<String> lines = Files.readAllLines(output);
            throw new IllegalStateException("storelink serve (" + name + ") did not start listening; it said:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
        }
        String token = Files.readString(home.resolve("api-token")).strip();
        return new ServeProcess(name, home, process, port, token, http);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends one API request with the bearer token, and an {@code Idempotency-Key} when not {@code null}. */
    public HttpResponse<String> send(String method, String path, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: every thread of the host stops where it is, its sockets and database sessions left open. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
        pausedAt = Instant.now();
    }

    /** SIGCONT: the host goes on where it stopped, its timers overdue. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
        resumedAt = Instant.now();
    }

    /** @return whether the host was paused at some moment since {@code since} */
    boolean pausedSince(Instant since) {
        Instant paused = pausedAt;
        Instant resumed = resumedAt;
        return paused != null && (resumed == null || resumed.isBefore(paused) || resumed.isAfter(since));
    }

    private void signal(String signal) throws IOException, InterruptedException {
        // ProcessHandle sends SIGTERM and SIGKILL only.
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** @return every line the host logged: its output and its log files in the home */
    List<String> logLines() {
        try (Stream<Path> files = Stream.concat(Files.list(home).filter(file -> file.getFileName().toString()
                .startsWith("serve-")), Files.exists(home.resolve("logs")) ? Files.list(home.resolve("logs"))
                : Stream.empty())) {
            return files.flatMap(file -> {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as systemd stops it (resumed first if paused); forcibly if it does not stop within a minute. */
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            if (pausedSince(Instant.now())) {
                resume();
            }
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
