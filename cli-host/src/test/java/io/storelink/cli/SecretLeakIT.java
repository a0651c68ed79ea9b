package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real launcher as a separate process and looks for a secret everywhere it could leak. */
final class SecretLeakIT {

    private static final String TOKEN = "zq7Secret4Leak9Probe2Token";

    @TempDir
    Path home;

    @Test
    void aSecretNeverReachesOutputLogsOrTheDatabaseInPlaintext() throws Exception {
        // An existing home directory readable by everyone, as --home may point at one.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder everything = new StringBuilder();
        everything.append(launch("acme\nmagento2\n" + TOKEN + "\nhttps://store.example.com\n\n\n\n\n\n",
                "connections", "add"));
        everything.append(launch("", "connections", "add", "--name", "second", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=https://store.example.com"));
        everything.append(launch("", "connections", "add", "--name", "third", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=not a url"));
        everything.append(launch("", "connections", "show", "acme"));
        everything.append(launch("", "connections", "show", "second", "--json"));
        everything.append(launch("", "--verbose", "connections", "list"));
        try (MagentoSandbox sandbox = MagentoSandbox.builder().seed(3).orderCount(20).token(TOKEN, Acl.ALL).build()
                .start()) {
            everything.append(launch("", "connections", "add", "--name", "live", "--platform", "magento2",
                    "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl()));
            everything.append(launch("", "connections", "test", "live"));
            everything.append(launch("", "orders", "import", "live"));
            sandbox.setBearerDisabled(true);
            everything.append(launch("", "--verbose", "orders", "import", "live"));
        }

        assertThat(everything.toString()).contains("Added connection acme").contains("Added connection second")
                .contains("zq7S…oken").doesNotContain(TOKEN);
        assertThat(home.resolve("logs/storelink.0.log")).isRegularFile();
        assertThat(Files.readString(home.resolve("logs/storelink.0.log")))
                .contains("Import run 1 of connection live (magento2) started")
                .contains("Import run 2 of connection live failed");
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).anyMatch(file -> file.getFileName().toString().equals("storelink.db"));
            for (Path file : all) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("plaintext secret in %s", file).doesNotContain(TOKEN);
            }
            // Customer names, addresses and the key: no other local user reads them.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("logs"))))
                    .isEqualTo("rwx------");
            for (Path file : all) {
                if (!home.relativize(file).startsWith("plugin-cache")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    private String launch(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                CliRun.distribution().resolve("bin/storelink").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
