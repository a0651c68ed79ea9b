package ${package};

import io.storelink.testkit.PluginConformanceTest;
import io.storelink.testkit.StandInStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/**
 * The built plugin archive (target/*-plugin.zip, after mvn package) in a real embedded Storelink host, through the
 * conformance kit's checks against the stand-in store over loopback. Failsafe runs it in mvn verify.
 */
final class ${classPrefix}ConformanceIT extends PluginConformanceTest {

    private static ${classPrefix}StandIn store;

    @BeforeAll
    static void startStore() {
        store = new ${classPrefix}StandIn();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Override
    protected Path archive() {
        return Path.of(System.getProperty("plugin.archive"));
    }

    @Override
    protected StandInStore store() {
        return store;
    }
}
