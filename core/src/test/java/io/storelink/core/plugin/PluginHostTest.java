package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.testing.AllAtOnce;
import io.storelink.core.testing.PluginArchiveBuilder;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void skipsAPluginThatRequiresANewerApiAndNamesBothVersions() {
        PluginArchiveBuilder.minimalPlatform("future-plugin", "future", "Future").requires(">=1.2.0")
                .buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("acme");
            assertThatArchivesAndReasons(host).containsExactly(tuple("future-plugin-1.0.0.zip",
                    "plugin future-plugin (future-plugin-1.0.0.zip) requires Storelink plugin API >=1.2.0, but this "
                            + "host provides 1.1.0; use a version of the plugin built for API 1.1.0, or a Storelink "
                            + "whose plugin API it accepts"));
        }
    }

    @Test
    void refusesAPluginThatDoesNotSayWhichApiItWasBuiltFor() {
        PluginArchiveBuilder.minimalPlatform("unversioned-plugin", "unversioned", "Unversioned").requires(null)
                .buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("starred-plugin", "starred", "Starred").requires("*").buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("garbled-plugin", "garbled", "Garbled").requires("latest")
                .buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            String advice = "declare plugin.requires=>=<the plugin API version it was built against> in its "
                    + "plugin.properties, for example plugin.requires=>=1.1.0 & <2.0.0 for this host "
                    + "(the storelink.api.requires property of io.storelink:storelink-bom)";
            assertThatArchivesAndReasons(host).containsExactly(
                    tuple("garbled-plugin-1.0.0.zip", "plugin garbled-plugin (garbled-plugin-1.0.0.zip): "
                            + "plugin.requires 'latest' is not a version range; " + advice),
                    tuple("starred-plugin-1.0.0.zip", "plugin starred-plugin (starred-plugin-1.0.0.zip) declares no "
                            + "plugin.requires (or '*'), so the host cannot check which plugin API it was built for; "
                            + advice),
                    tuple("unversioned-plugin-1.0.0.zip", "plugin unversioned-plugin (unversioned-plugin-1.0.0.zip) "
                            + "declares no plugin.requires (or '*'), so the host cannot check which plugin API it was "
                            + "built for; " + advice));
        }
    }

    @Test
    void saysTheExtensionIndexIsMissingOnlyWhenItIsAndReportsAPlainJar() throws IOException {
        PluginArchiveBuilder.minimalPlatform("unindexed-plugin", "unindexed", "Unindexed").withoutAnnotationProcessing()
                .buildInto(plugins);
        PluginArchiveBuilder.plugin("empty-plugin").source("test.empty.Nothing",
                "package test.empty; public final class Nothing {}").buildInto(plugins);
        Files.write(plugins.resolve("loose.jar"), new byte[] {1, 2, 3});

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    "plugin empty-plugin (empty-plugin-1.0.0.zip) contributes no Platform extension: its "
                            + "META-INF/extensions.idx lists no class; annotate the class that implements "
                            + "io.storelink.api.Platform with @org.pf4j.Extension",
                    "a plain jar is not a plugin archive; package the plugin as a zip with plugin.properties at its "
                            + "root and its jars under lib/",
                    "plugin unindexed-plugin (unindexed-plugin-1.0.0.zip) contributes no Platform extension: none of "
                            + "its jars has META-INF/extensions.idx; annotate the class that implements "
                            + "io.storelink.api.Platform with @org.pf4j.Extension and run PF4J's annotation processor "
                            + "when compiling");
        }
    }

    @Test
    void saysSoWhenTheExtensionIndexListsNoPlatformOrAClassThatIsNotThere() {
        PluginArchiveBuilder.plugin("greeter-plugin")
                .source("test.greeter.Greeter", """
                        package test.greeter;
                        public interface Greeter extends org.pf4j.ExtensionPoint {}
                        """)
                .source("test.greeter.Hello", """
                        package test.greeter;
                        @org.pf4j.Extension
                        public final class Hello implements Greeter {}
                        """).buildInto(plugins);
        PluginArchiveBuilder.plugin("ghost-plugin")
                .source("test.ghost.Nothing", "package test.ghost; public final class Nothing {}")
                .resource("META-INF/extensions.idx", "test.ghost.GhostPlatform\n").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    "plugin ghost-plugin (ghost-plugin-1.0.0.zip): extension class test.ghost.GhostPlatform is not in "
                            + "the plugin's jars",
                    "plugin greeter-plugin (greeter-plugin-1.0.0.zip) contributes no Platform extension: its "
                            + "META-INF/extensions.idx lists only test.greeter.Hello, which does not implement "
                            + "io.storelink.api.Platform");
        }
    }

    @Test
    void namesThePlatformClassWhoseConstructorThrowsAndTheCause() {
        PluginArchiveBuilder.plugin("ctor-plugin").source("test.ctor.CtorPlatform", """
                package test.ctor;
                @org.pf4j.Extension
                public final class CtorPlatform implements io.storelink.api.Platform {
                    public CtorPlatform() {
                        throw new IllegalStateException("no settings file");
                    }
                    public io.storelink.api.PlatformDescriptor descriptor() {
                        return null;
                    }
                }
                """).buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    "plugin ctor-plugin (ctor-plugin-1.0.0.zip): extension class test.ctor.CtorPlatform threw in its "
                            + "constructor: java.lang.IllegalStateException: no settings file");
        }
    }

    @Test
    void namesThePluginClassWhoseConstructorThrowsAndTheCause() {
        PluginArchiveBuilder.minimalPlatform("lifecycle-plugin", "lifecycle", "Lifecycle")
                .pluginClass("test.lifecycle.LifecyclePlugin")
                .source("test.lifecycle.LifecyclePlugin", """
                        package test.lifecycle;
                        public final class LifecyclePlugin extends org.pf4j.Plugin {
                            public LifecyclePlugin() {
                                throw new IllegalStateException("licence file missing");
                            }
                        }
                        """).buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("acme");
            assertThat(host.problems()).extracting(PluginProblem::reason).containsExactly(
                    "plugin lifecycle-plugin (lifecycle-plugin-1.0.0.zip): plugin class test.lifecycle.LifecyclePlugin "
                            + "threw in its constructor: java.lang.IllegalStateException: licence file missing");
        }
    }

    @Test
    void refusesBothArchivesThatDeclareTheSamePluginId() {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").version("1.0.0").buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").version("1.1.0").buildInto(plugins);
        PluginArchiveBuilder.minimalPlatform("other-plugin", "other", "Other Shop").buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("other");
            assertThatArchivesAndReasons(host).containsExactly(
                    tuple("acme-plugin-1.0.0.zip", "plugin acme-plugin (acme-plugin-1.0.0.zip): the plugin id "
                            + "acme-plugin is also declared by acme-plugin-1.1.0.zip; neither is loaded until one "
                            + "archive is removed from the plugins directory"),
                    tuple("acme-plugin-1.1.0.zip", "plugin acme-plugin (acme-plugin-1.1.0.zip): the plugin id "
                            + "acme-plugin is also declared by acme-plugin-1.0.0.zip; neither is loaded until one "
                            + "archive is removed from the plugins directory"));
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
                    .contains("plugin faulty-plugin (faulty-plugin-1.0.0.zip) has an invalid platform")
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
            assertThatArchivesAndReasons(host).containsExactly(
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

    /** @return an assertion on each problem's archive file name and reason */
    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertThatArchivesAndReasons(
            PluginHost host) {
        return assertThat(host.problems()).extracting(problem -> problem.source().getFileName().toString(),
                PluginProblem::reason);
    }

    @Test
    void knowsItsOwnApiVersion() {
        assertThat(PluginApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void hostsStartingAtOnceOnAFreshCacheAllLoadTheArchive() throws Exception {
        PluginArchiveBuilder.minimalPlatform("acme-plugin", "acme", "Acme Shop").buildInto(plugins);
        for (int round = 0; round < 4; round++) {
            Path fresh = cache.resolve("round-" + round);

            List<String> loaded = AllAtOnce.run(6, () -> {
                try (PluginHost host = PluginHost.start(plugins, fresh, "1.1.0")) {
                    return host.platforms().stream().map(platform -> platform.descriptor().id()).toList()
                            + " " + host.problems();
                }
            });

            // Before: a host that lost the race to expand the archive reported "Directory not empty".
            assertThat(loaded).containsOnly("[acme] []");
        }
    }

    @Test
    void refusesAnArchiveThatBundlesALibraryTheHostProvides() {
        Path pf4j = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(entry -> entry.getFileName().toString().matches("pf4j-[0-9].*\\.jar"))
                .findFirst().orElseThrow();
        PluginArchiveBuilder.minimalPlatform("fat-plugin", "fat", "Fat").library(pf4j).buildInto(plugins);

        try (PluginHost host = PluginHost.start(plugins, cache, "1.1.0")) {
            assertThat(host.platforms()).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source().getFileName().toString()).isEqualTo("fat-plugin-1.0.0.zip");
                assertThat(problem.reason()).isEqualTo("bundles lib/" + pf4j.getFileName() + ", which the host "
                        + "provides; declare storelink-plugin-api, pf4j and slf4j-api as provided so the archive's "
                        + "lib/ does not carry them");
            });
        }
    }

    @Test
    void aPluginsDirectoryThatIsItselfAnExplodedPluginLoadsAndOtherFoldersAreLeftAlone() throws IOException {
        Path archive = PluginArchiveBuilder.minimalPlatform("dev-plugin", "dev", "Dev").buildInto(plugins);
        Path exploded = Files.createDirectories(cache.resolve("target"));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path destination = exploded.resolve(entry.getName());
                Files.createDirectories(destination.getParent());
                try (java.io.InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
            }
        }
        // A build's target/ also holds folders that are no plugins.
        Files.createDirectories(plugins.resolve("classes"));

        try (PluginHost fromBuild = PluginHost.start(exploded, cache.resolve("c1"), "1.1.0");
             PluginHost fromPlugins = PluginHost.start(plugins, cache.resolve("c2"), "1.1.0")) {
            assertThat(fromBuild.problems()).isEmpty();
            assertThat(fromBuild.platforms()).extracting(platform -> platform.descriptor().id()).containsExactly("dev");
            assertThat(fromPlugins.problems()).isEmpty();
            assertThat(fromPlugins.platforms()).extracting(platform -> platform.descriptor().id())
                    .containsExactly("dev");
        }
    }
}
