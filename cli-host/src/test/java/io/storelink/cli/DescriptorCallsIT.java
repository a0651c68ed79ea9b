package io.storelink.cli;

import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin's descriptor is asked for once per start of the host, and only by commands that need plugins: a slow
 * descriptor does not slow down {@code connections list}.
 */
final class DescriptorCallsIT {

    private static final String CALLS = "storelink.test.descriptor-calls";

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @AfterEach
    void clear() {
        System.clearProperty(CALLS);
    }

    @Test
    void commandsThatNeedNoPluginNeverCallADescriptorAndOthersCallItOnce() throws IOException {
        Path calls = home.resolve("calls.txt");
        System.setProperty(CALLS, calls.toString());
        PluginArchiveBuilder.plugin("counting-plugin").source("test.counting.CountingPlatform", """
                package test.counting;

                import io.storelink.api.*;
                import java.nio.file.*;
                import java.util.Set;

                @org.pf4j.Extension
                public final class CountingPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        try {
                            Files.writeString(Path.of(System.getProperty("%s")), "called\\n",
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return new PlatformDescriptor("counting", "Counting", "1.0.0", "Counts its descriptor calls.",
                                Set.of(), Form.of(Field.builder("shop", "Shop", FieldType.text()).required().build()),
                                Form.of());
                    }
                }
                """.formatted(CALLS)).buildInto(plugins);

        CliRun list = CliRun.run(home, plugins, "", "connections", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(calls).doesNotExist();

        assertThat(CliRun.run(home, plugins, "", "platforms", "list").exitCode()).isZero();
        assertThat(Files.readAllLines(calls)).hasSize(1);

        CliRun add = CliRun.run(home, plugins, "", "connections", "add", "--name", "c1", "--platform", "counting",
                "--set", "shop=s1");
        assertThat(add.exitCode()).as(add.err()).isZero();
        // One more start of the host, one more call: adding validates, stores and prints with the kept descriptor.
        assertThat(Files.readAllLines(calls)).hasSize(2);

        assertThat(CliRun.run(home, plugins, "", "connections", "list").out()).contains("c1");
        assertThat(Files.readAllLines(calls)).hasSize(2);
    }
}
