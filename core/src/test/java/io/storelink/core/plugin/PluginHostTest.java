package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

final class PluginHostTest {

    @TempDir
    Path plugins;

    @TempDir
    Path cache;

    @Test
    void loadsAPlatformFromADropInArchive() {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.platforms()).singleElement().satisfies(platform -> {
                assertThat(platform.descriptor().id()).isEqualTo("acme");
                assertThat(platform.descriptor().displayName()).isEqualTo("Acme Shop");
                assertThat(platform.pluginId()).isEqualTo("acme-plugin");
                assertThat(platform.source().getFileName().toString()).isEqualTo("acme-plugin-1.0.0.zip");
            });
        }
    }

    @Test
    void callsIntoThePluginWithItsOwnContextClassLoaderAndWithoutTheHostsLibraries() {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            // The test platform reports what it saw while the host called descriptor().
            assertThat(host.platform("acme").descriptor().description())
                    .isEqualTo("context-loader-is-plugin=true sees-host-jackson=false");
        }
    }

    @Test
    void reportsACorruptArchiveAndKeepsLoadingTheOthers() throws IOException {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);
        Files.write(plugins.resolve("broken-1.0.0.zip"), "this is not a zip".getBytes());

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("acme");
            assertThat(host.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source().getFileName().toString()).isEqualTo("broken-1.0.0.zip");
                assertThat(problem.reason()).startsWith("cannot read plugin archive");
            });
        }
    }

    @Test
    void skipsAPluginThatRequiresANewerApiAndSaysWhy() {
        PluginArchiveBuilder.minimalPlatform("future-plugin", "future", "Future").requires(">=2.0.0 & <3.0.0")
                .buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("acme");
            assertThat(host.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source().getFileName().toString()).isEqualTo("future-plugin-1.0.0.zip");
                assertThat(problem.reason()).isEqualTo("plugin future-plugin 1.0.0 requires Storelink plugin API "
                        + ">=2.0.0 & <3.0.0, but this host provides 1.0.0");
            });
        }
    }

    @Test
    void reportsAPluginWithoutExtensionsAndAPlainJar() throws IOException {
        PluginArchiveBuilder.plugin("empty-plugin").source("test.empty.Nothing",
                "package test.empty; public final class Nothing {}").buildInto(plugins);
        Files.write(plugins.resolve("loose.jar"), new byte[] {1, 2, 3});

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    "plugin empty-plugin contributes no Platform extension (is META-INF/extensions.idx missing "
                            + "from its jar?)",
                    "a plain jar is not a plugin archive; package the plugin as a zip with plugin.properties at its "
                            + "root and its jars under lib/");
        }
    }

    @Test
    void turnsAFailureInsidePluginCodeIntoAProblemNamingThePlugin() {
        PluginArchiveBuilder.plugin("faulty-plugin").source("test.faulty.FaultyPlatform", """
                package test.faulty;
                @org.pf4j.Extension
                public final class FaultyPlatform implements io.storelink.api.Platform {
                    public io.storelink.api.PlatformDescriptor descriptor() {
                        throw new IllegalStateException("boom");
                    }
                }
                """).buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).singleElement().extracting(PluginProblem::reason).asString()
                    .contains("plugin faulty-plugin has an invalid platform")
                    .contains("failed in descriptor")
                    .contains("boom");
        }
    }

    @Test
    void refusesAPlatformWhoseDefaultsOrLabelsTheHostWouldNotAcceptAndListsEveryError() {
        PluginArchiveBuilder.platformWithSettings("bad-plugin", "bad",
                """
                Field.builder("mode", "Mode", FieldType.choice(List.of(new FieldType.Option("live", "Live"),
                        new FieldType.Option("test", "Test")))).defaultValue("sandbox").build()""",
                """
                Field.builder("import-delay", "Delay", FieldType.integer("minutes", 0L, 60L)).defaultValue("90").build()""",
                """
                Field.builder("page-size", "Page size", FieldType.integer(null, 1L, null)).defaultValue("ten").build()""",
                """
                Field.builder("notify", "Notify", FieldType.bool()).defaultValue("yes").build()""",
                """
                Field.builder("endpoint", "Endpoint", FieldType.url()).defaultValue("ftp://files.example.com").build()""",
                """
                Field.builder("status", "Status", FieldType.suggestedText(List.of("processing"))).defaultValue(" ").build()""",
                """
                Field.builder("note", " ", FieldType.text()).defaultValue("").build()""")
                .buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("acme");
            assertThat(host.problems()).extracting(problem -> problem.source().getFileName().toString())
                    .containsOnly("bad-plugin-1.0.0.zip");
            String plugin = "plugin bad-plugin (bad-plugin-1.0.0.zip): ";
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    plugin + "field mode: default 'sandbox' is not an option; expected one of: live, test",
                    plugin + "field import-delay: default '90' is out of range; expected 0 to 60 minutes",
                    plugin + "field page-size: default 'ten' is not a whole number; expected 1 or more",
                    plugin + "field notify: default 'yes' is not a boolean; expected true or false",
                    plugin + "field endpoint: default 'ftp://files.example.com' is not a URL; expected an absolute "
                            + "http or https URL such as https://store.example.com",
                    plugin + "field status: default ' ' is blank; expected a value, or no default",
                    plugin + "field note: label is blank; expected a short name shown to people",
                    plugin + "field note: default '' is blank; expected a value, or no default");
        }
    }

    @Test
    void refusesBlankChoiceOptionsAndABlankDisplayName() {
        PluginArchiveBuilder.plugin("blank-plugin").source("test.blank.BlankPlatform", """
                package test.blank;

                import io.storelink.api.*;
                import java.util.List;
                import java.util.Set;

                @org.pf4j.Extension
                public final class BlankPlatform implements Platform {
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("blank", "  ", "1.0.0", "Blank names.", Set.of(), Form.of(),
                                Form.of(Field.builder("mode", "Mode", FieldType.choice(List.of(
                                        new FieldType.Option("live", ""), new FieldType.Option(" ", "None")))).build()));
                    }
                }
                """).buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            String plugin = "plugin blank-plugin (blank-plugin-1.0.0.zip): ";
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    plugin + "platform blank: display name is blank; expected the platform's name as people know it",
                    plugin + "field mode: option 'live' has a blank label; expected the name people choose it by",
                    plugin + "field mode: option value ' ' is blank; expected a value that can be typed and stored");
        }
    }

    @Test
    void refusesBothPluginsThatClaimTheSamePlatformIdAndKeepsLoadingTheOthers() {
        PluginArchiveBuilder.minimalPlatform("acme-official", "acme", "Acme Shop").buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-fork", "acme", "Acme Shop (fork)").buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("other-plugin", "other", "Other Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.find("acme")).isEmpty();
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("other");
            assertThat(host.problems()).extracting(problem -> problem.source().getFileName().toString(),
                    PluginProblem::reason).containsExactly(
                    tuple("acme-fork-1.0.0.zip", "plugin acme-fork (acme-fork-1.0.0.zip): platform acme is also "
                            + "provided by plugin acme-official (acme-official-1.0.0.zip); neither is loaded until one "
                            + "archive is removed from the plugins directory"),
                    tuple("acme-official-1.0.0.zip", "plugin acme-official (acme-official-1.0.0.zip): platform acme "
                            + "is also provided by plugin acme-fork (acme-fork-1.0.0.zip); neither is loaded until one "
                            + "archive is removed from the plugins directory"));
        }
    }

    @Test
    void namesTheKnownPlatformsWhenAnUnknownOneIsAskedFor() {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThatThrownBy(() -> host.platform("shopify"))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                    .hasMessage("Unknown platform 'shopify'; expected one of [acme]");
        }
    }

    @Test
    void neverWritesIntoThePluginsDirectory() throws IOException {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.0.0")) {
            assertThat(host.platforms()).hasSize(1);
        }
        try (Stream<Path> files = Files.list(plugins)) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("acme-plugin-1.0.0.zip");
        }
    }

    @Test
    void reportsAMissingPluginsDirectory() {
        try (PluginHost host = PluginHost.start(plugins.resolve("missing"), cache, "1.0.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).extracting(PluginProblem::reason)
                    .containsExactly("plugins directory does not exist");
        }
    }

    @Test
    void knowsItsOwnApiVersion() {
        assertThat(PluginApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
