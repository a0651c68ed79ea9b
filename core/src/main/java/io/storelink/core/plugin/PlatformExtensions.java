package io.storelink.core.plugin;

import io.storelink.api.Platform;
import org.pf4j.processor.ExtensionStorage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Builds a started plugin's {@link Platform} extensions from the classes its {@code META-INF/extensions.idx} lists.
 *
 * <p>The host reads the index and builds the extensions itself rather than through PF4J's {@code getExtensions},
 * which logs a class that cannot be loaded or whose constructor throws and returns the others: a plugin whose only
 * extension failed looked exactly like one whose index was missing. Here every failure names the class and the cause,
 * and "no index" is said only when no jar of the plugin has one.
 */
final class PlatformExtensions {

    static final String INDEX = "META-INF/extensions.idx";

    private static final String ROLE = "extension class";

    private PlatformExtensions() {
    }

    /**
     * @param loader the plugin's class loader
     * @param refuse told each reason, to follow the plugin's name: {@code " contributes no …"} or {@code ": …"}
     * @param limit how long each extension's constructor may take
     * @return the extensions that were built, in class name order
     */
    static List<Platform> create(ClassLoader loader, Consumer<String> refuse, java.time.Duration limit) {
        Set<String> indexed;
        try {
            indexed = index(loader);
        } catch (IOException e) {
            refuse.accept(": cannot read its " + INDEX + ": " + PluginArchives.describe(e));
            return List.of();
        }
        if (indexed == null) {
            refuse.accept(" contributes no Platform extension: none of its jars has " + INDEX + "; annotate the class "
                    + "that implements io.storelink.api.Platform with @org.pf4j.Extension and run PF4J's annotation "
                    + "processor when compiling");
            return List.of();
        }
        if (indexed.isEmpty()) {
            refuse.accept(" contributes no Platform extension: its " + INDEX + " lists no class; annotate the class "
                    + "that implements io.storelink.api.Platform with @org.pf4j.Extension");
            return List.of();
        }
        List<Platform> platforms = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean failed = false;
        for (String className : indexed) {
            try {
                Class<?> type = PluginClasses.load(ROLE, className, loader);
                if (Platform.class.isAssignableFrom(type)) {
                    Class<? extends Platform> platform = type.asSubclass(Platform.class);
                    platforms.add(PluginClasses.construct(ROLE, PluginClasses.noArgumentConstructor(ROLE, platform),
                            loader, limit));
                } else {
                    others.add(className);
                }
            } catch (PluginClasses.LoadFailure e) {
                failed = true;
                refuse.accept(": " + e.getMessage());
            }
        }
        if (platforms.isEmpty() && !failed) {
            refuse.accept(" contributes no Platform extension: its " + INDEX + " lists only "
                    + String.join(", ", others) + (others.size() == 1 ? ", which does not implement"
                            : ", none of which implements") + " io.storelink.api.Platform");
        }
        return platforms;
    }

    /**
     * Reads the index files of the plugin's own jars. PF4J reads one, through a lookup that falls back to the host's
     * class path, so a plugin without an index was given the host's (empty) one.
     *
     * @return the listed class names in name order, or {@code null} when no jar of the plugin has an index
     */
    private static Set<String> index(ClassLoader loader) throws IOException {
        Enumeration<URL> files = loader instanceof URLClassLoader own ? own.findResources(INDEX)
                : loader.getResources(INDEX);
        if (!files.hasMoreElements()) {
            return null;
        }
        Set<String> classNames = new TreeSet<>();
        for (URL file : Collections.list(files)) {
            try (Reader reader = new InputStreamReader(file.openStream(), StandardCharsets.UTF_8)) {
                ExtensionStorage.read(reader, classNames);
            }
        }
        return classNames;
    }
}
