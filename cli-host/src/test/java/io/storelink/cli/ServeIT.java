package io.storelink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storelink serve} as systemd runs it: the real distribution in the foreground, JSON logs, the scheduler,
 * metrics, a token rotated while it runs, and SIGTERM ending it with 0.
 */
final class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void servesUntilSigtermLoggingJsonLinesOnStandardOutputAndExits() throws Exception {
        Path dist = CliRun.distribution();
        Process process = new ProcessBuilder(dist.resolve("bin/storelink").toString(), "--home", home.toString(),
                "serve", "--port", "0", "--log-format", "json").redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        int port = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
                lines.add(line);
                String message = JSON.readTree(line).path("message").asText();
                if (message.startsWith("Storelink API listening on http://127.0.0.1:")) {
                    port = Integer.parseInt(message.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
                    break;
                }
            }
            assertThat(port).as(String.join("\n", lines)).isPositive();
            Thread reader = new Thread(() -> out.lines().forEach(lines::add));
            reader.start();

            String token = Files.readString(home.resolve("api-token")).strip();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> platforms = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/platforms")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(platforms.body()).get("platforms")).extracting(p -> p.get("id").asText())
                    .contains("magento2", "woocommerce");
            assertThat(ready.body()).contains("scheduler");

            HttpResponse<String> anonymousMetrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> schedule = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/schedule")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymousMetrics.statusCode()).isEqualTo(401);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
            assertThat(JSON.readTree(schedule.body()).get("running").asBoolean()).as(schedule.body()).isTrue();

            // Rotated while it runs: the old token stops working at once, the new one works, no restart.
            CliRun rotate = CliRun.run(home, dist.resolve("plugins"), "", "serve", "token", "rotate");
            assertThat(rotate.exitCode()).as(rotate.err()).isZero();
            String rotated = rotate.out().strip();
            HttpResponse<String> withOld = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/status")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> withNew = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/status")).header("Authorization", "Bearer " + rotated).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withOld.statusCode()).isEqualTo(401);
            assertThat(withNew.statusCode()).as(withNew.body()).isEqualTo(200);

            // SIGTERM through the handle: Process.destroy would also close our end of its output.
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            // SIGTERM is handled: the scheduler stops, then the server drains, and the process exits 0.
            assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(lines).allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("GET /api/platforms 200"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("Storelink API stopping"));
            assertThat(lines.get(lines.size() - 1)).contains("Storelink API stopped");
            String log = String.join("\n", lines);
            assertThat(log.indexOf("Scheduler stopped")).isPositive().isLessThan(log.indexOf("Storelink API stopping"));
            assertThat(log).contains("SIGTERM").doesNotContain(token).doesNotContain(rotated);
            assertThat(Files.getPosixFilePermissions(home.resolve("api-token")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aHostWhoseKeyCannotReadTheStoredSecretsDoesNotStart(@TempDir Path keys) throws Exception {
        Path plugins = CliRun.distribution().resolve("plugins");
        String token = "serve-it-a1b2c3d4e5f6g7h8";
        CliRun add = CliRun.run(home, plugins, "", "--key-file", keys.resolve("shared.key").toString(),
                "connections", "add", "--name", "keyed", "--platform", "magento2", "--set", "access-token=" + token,
                "--set", "store-url=https://store.example.com");
        assertThat(add.exitCode()).as(add.err()).isZero();

        // The home's own key, made there as a host started without the shared key would make it.
        CliRun serve = CliRun.run(home, plugins, "", "--key-file", keys.resolve("own.key").toString(), "serve",
                "--port", "0");

        assertThat(serve.exitCode()).isNotZero();
        assertThat(serve.err()).contains("is missing, but 1 connection (keyed) holds secrets encrypted with it")
                .doesNotContain(token);
        Files.writeString(keys.resolve("other.key"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(keys.resolve("other.key"), PosixFilePermissions.fromString("rw-------"));
        CliRun wrong = CliRun.run(home, plugins, "", "--key-file", keys.resolve("other.key").toString(), "serve",
                "--port", "0");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("is not the key the secrets in this database were encrypted with "
                + "(connection keyed, field access-token cannot be read with it)").doesNotContain(token);
        assertThat(home.resolve("api-token")).doesNotExist();
    }

    @Test
    void aHostWhoseStoreCallsCannotFitInItsLeasesDoesNotStart() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(CliRun.distribution().resolve("bin/storelink").toString(),
                "--home", home.toString(), "serve", "--port", "0").redirectErrorStream(true);
        builder.environment().put("STORELINK_REQUEST_TIMEOUT", "55s");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("storelink.request-timeout is 55 s and storelink.lease.duration 1 min: a ship "
                + "notification is sent only under a lease that outlasts a store call by 10 s, so none would be sent. "
                + "Lower storelink.request-timeout to 50 s or less, or raise storelink.lease.duration to 1 min 5 s or more")
                .doesNotContain("listening on");
        assertThat(home.resolve("api-token")).doesNotExist();
    }

    @Test
    void rotatesTheTokenPrintingTheNewOneOnce() throws Exception {
        Path plugins = CliRun.distribution().resolve("plugins");
        CliRun first = CliRun.run(home, plugins, "", "serve", "token", "rotate");
        CliRun second = CliRun.run(home, plugins, "", "serve", "token", "rotate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        String stored = Files.readString(home.resolve("api-token")).strip();
        assertThat(second.out().strip()).isEqualTo(stored).isNotEqualTo(first.out().strip());
        assertThat(second.err()).contains("no restart needed");
        assertThat(Files.getPosixFilePermissions(home.resolve("api-token")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
