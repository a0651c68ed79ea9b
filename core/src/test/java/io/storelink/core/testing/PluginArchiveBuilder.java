package io.storelink.core.testing;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a real PF4J plugin archive during a test: compiles Java sources against the plugin API with the PF4J
 * annotation processor (so {@code META-INF/extensions.idx} is generated), jars the classes into {@code lib/}, writes
 * {@code plugin.properties} and zips it all, as a plugin author's build would.
 */
public final class PluginArchiveBuilder {

    /**
     * Archives already built in this JVM, by everything that goes into them: most tests load the same test plugin,
     * and compiling it again for each would cost most of their time.
     */
    private static final Map<String, byte[]> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private final String pluginId;
    private String version = "1.0.0";
    private String requires = ">=1.0.0 & <2.0.0";
    private String pluginClass;
    private boolean annotationProcessing = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> extraLibs = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    private PluginArchiveBuilder(String pluginId) {
        this.pluginId = pluginId;
    }

    /** @param pluginId the PF4J plugin id @return a builder */
    public static PluginArchiveBuilder plugin(String pluginId) {
        return new PluginArchiveBuilder(pluginId);
    }

    /**
     * A plugin with one platform whose descriptor has one text field and one secret field.
     *
     * @param pluginId the PF4J plugin id
     * @param platformId the platform id
     * @param displayName the platform's display name
     * @return a builder
     */
    public static PluginArchiveBuilder minimalPlatform(String pluginId, String platformId, String displayName) {
        return plugin(pluginId).source(packageOf(pluginId) + ".MinimalPlatform", """
                package %s;

                import io.storelink.api.*;
                import java.util.Set;

                @org.pf4j.Extension
                public final class MinimalPlatform implements Platform {
                    @Override
                    public PlatformDescriptor descriptor() {
                        ClassLoader context = Thread.currentThread().getContextClassLoader();
                        boolean seesHostJackson;
                        try {
                            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader());
                            seesHostJackson = true;
                        } catch (ClassNotFoundException expected) {
                            seesHostJackson = false;
                        }
                        String description = "context-loader-is-plugin=" + (context == getClass().getClassLoader())
                                + " sees-host-jackson=" + seesHostJackson;
                        return new PlatformDescriptor("%s", "%s", "1.0.0", description, Set.of(),
                                Form.of(Field.builder("api-key", "API key", FieldType.secret()).required().build(),
                                        Field.builder("shop", "Shop", FieldType.text()).example("my-shop").required().build()),
                                Form.of(Field.builder("mode", "Mode", FieldType.choice(java.util.List.of(
                                        new FieldType.Option("live", "Live"), new FieldType.Option("test", "Test"))))
                                        .defaultValue("live").build()));
                    }
                }
                """.formatted(packageOf(pluginId), platformId, displayName));
    }

    /**
     * A plugin with one platform, {@code platformId}, whose settings form holds the given fields and whose credential
     * form is empty: for testing what the host accepts in a descriptor.
     *
     * @param pluginId the PF4J plugin id
     * @param platformId the platform id
     * @param fields Java expressions of type {@code io.storelink.api.Field}, in form order; {@code io.storelink.api.*}
     *               and {@code java.util.List} are imported
     * @return a builder
     */
    public static PluginArchiveBuilder platformWithSettings(String pluginId, String platformId, String... fields) {
        return plugin(pluginId).source(packageOf(pluginId) + ".SettingsPlatform", """
                package %s;

                import io.storelink.api.*;
                import java.util.List;
                import java.util.Set;

                @org.pf4j.Extension
                public final class SettingsPlatform implements Platform {
                    @Override
                    public PlatformDescriptor descriptor() {
                        return new PlatformDescriptor("%s", "Settings test", "1.0.0", "A platform with test settings.",
                                Set.of(), Form.of(), Form.of(%s));
                    }
                }
                """.formatted(packageOf(pluginId), platformId, String.join(",\n", fields)));
    }

    private static String packageOf(String pluginId) {
        return "test." + pluginId.replace('-', '_');
    }

    public PluginArchiveBuilder version(String version) {
        this.version = version;
        return this;
    }

    /** @param requires the {@code plugin.requires} range, or {@code null} to leave it out @return this */
    public PluginArchiveBuilder requires(String requires) {
        this.requires = requires;
        return this;
    }

    /** @param pluginClass the {@code plugin.class}, an {@code org.pf4j.Plugin} subclass among the sources @return this */
    public PluginArchiveBuilder pluginClass(String pluginClass) {
        this.pluginClass = pluginClass;
        return this;
    }

    public PluginArchiveBuilder source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Compiles without PF4J's annotation processor, as a build that forgot it would: no extension index. */
    public PluginArchiveBuilder withoutAnnotationProcessing() {
        this.annotationProcessing = false;
        return this;
    }

    /** Adds a file to the plugin's jar as it is, for example a hand-written {@code META-INF/extensions.idx}. */
    public PluginArchiveBuilder resource(String path, String content) {
        resources.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a jar under lib/ by copying an existing file, for example a jar the plugin must not bundle. */
    public PluginArchiveBuilder library(Path jar) {
        try {
            extraLibs.put(jar.getFileName().toString(), Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Compiles, jars and zips the plugin into {@code directory}.
     *
     * @param directory a plugins directory
     * @return the archive
     */
    public Path buildInto(Path directory) {
        try {
            byte[] built = BUILT.get(recipe());
            if (built == null) {
                built = build();
                BUILT.put(recipe(), built);
            }
            Files.createDirectories(directory);
            Path archive = directory.resolve(pluginId + "-" + version + ".zip");
            Files.write(archive, built);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] build() throws IOException {
        Path work = Files.createTempDirectory("plugin-build-");
        Path classes = Files.createDirectories(work.resolve("classes"));
        compile(classes);
        Map<String, byte[]> jarEntries = read(classes);
        jarEntries.putAll(resources);
        Map<String, byte[]> zipEntries = new LinkedHashMap<>();
        zipEntries.put("plugin.properties", pluginProperties().getBytes(StandardCharsets.UTF_8));
        zipEntries.put("lib/" + pluginId + "-" + version + ".jar", zip(jarEntries));
        extraLibs.forEach((name, bytes) -> zipEntries.put("lib/" + name, bytes));
        deleteTree(work);
        return zip(zipEntries);
    }

    /** @return everything the archive is made of, as one string */
    private String recipe() {
        StringBuilder recipe = new StringBuilder(pluginProperties()).append(annotationProcessing).append('\0');
        sources.forEach((name, code) -> recipe.append(name).append('\0').append(code).append('\0'));
        resources.forEach((path, bytes) -> recipe.append(path).append('\0').append(sha256(bytes)).append('\0'));
        extraLibs.forEach((name, bytes) -> recipe.append(name).append('\0').append(sha256(bytes)).append('\0'));
        return recipe.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pluginProperties() {
        StringBuilder properties = new StringBuilder("plugin.id=" + pluginId + "\nplugin.version=" + version + "\n");
        if (requires != null) {
            properties.append("plugin.requires=").append(requires).append('\n');
        }
        if (pluginClass != null) {
            properties.append("plugin.class=").append(pluginClass).append('\n');
        }
        return properties.append("plugin.provider=Storelink tests\n").toString();
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            files.setLocation(StandardLocation.CLASS_PATH, apiClasspath());
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, code) -> units.add(new Source(name, code)));
            List<String> options = annotationProcessing ? List.of("--release", "17")
                    : List.of("--release", "17", "-proc:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("test plugin does not compile: " + diagnostics.getDiagnostics()
                        .stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
            }
        }
    }

    /** The plugin API and pf4j from the test's own class path: what a plugin compiles against. */
    private static List<java.io.File> apiClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("plugin-api") || entry.contains("pf4j"))
                .map(java.io.File::new)
                .toList();
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }

        @Override
        public OutputStream openOutputStream() {
            throw new UnsupportedOperationException();
        }
    }
}
