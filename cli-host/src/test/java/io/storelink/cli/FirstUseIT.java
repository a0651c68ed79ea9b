package io.storelink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several real processes of the launcher on a fresh home at once, as a script or a scheduler may start them: each
 * gets a created, migrated database, the expanded plugin and the one key, and says nothing of SQLITE_BUSY.
 */
final class FirstUseIT {

    @TempDir
    Path home;

    @Test
    void processesStartingTogetherOnAFreshHomeAllSucceed() throws Exception {
        int processes = 8;
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            List<String> command = new ArrayList<>(List.of(CliRun.distribution().resolve("bin/storelink").toString(),
                    "--home", home.toString()));
            if (i % 2 == 0) {
                command.addAll(List.of("platforms", "list"));
            } else {
                command.addAll(List.of("connections", "add", "--name", "shop-" + i, "--platform", "magento2",
                        "--set", "access-token=tok_" + i + "_0123456789", "--set", "store-url=https://shop" + i
                                + ".example.com"));
            }
            started.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : started) {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            outputs.add(output);
        }

        for (int i = 0; i < processes; i++) {
            if (i % 2 == 0) {
                assertThat(outputs.get(i)).contains("magento2").doesNotContain("Failed plugins");
            } else {
                assertThat(outputs.get(i)).isEqualTo("Added connection shop-" + i + " (magento2).\n");
            }
        }
        CliRun list = CliRun.run(home, CliRun.distribution().resolve("plugins"), "", "connections", "list");
        assertThat(list.out()).contains("shop-1", "shop-3", "shop-5", "shop-7");
        // One key for all: every token decrypts.
        for (int i = 1; i < processes; i += 2) {
            CliRun show = CliRun.run(home, CliRun.distribution().resolve("plugins"), "", "connections", "show",
                    "shop-" + i);
            assertThat(show.exitCode()).as(show.err()).isZero();
        }
    }
}
