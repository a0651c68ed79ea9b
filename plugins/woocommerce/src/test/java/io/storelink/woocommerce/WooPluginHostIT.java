package io.storelink.woocommerce;

import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderPage;
import io.storelink.api.PageRequest;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginCallLimits;
import io.storelink.core.plugin.PluginConnector;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.plugin.PluginValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built archive loaded by the real host: accepted by its load checks (descriptor defaults, plugin.requires, no
 * host jars, extension index), then imports from the stand-in store through the host's guarded calls, with the
 * plugin's classes from its own class loader.
 */
final class WooPluginHostIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("plugin.archive"));
    private static final String API_VERSION = System.getProperty("storelink.api.version");

    @Test
    void theHostAcceptsTheArchive() {
        PluginValidation validation = PluginValidation.check(ARCHIVE, API_VERSION, PluginCallLimits.DEFAULTS);

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.accepted()).isTrue();
        assertThat(validation.platforms()).singleElement().satisfies(loaded -> {
            assertThat(loaded.pluginId()).isEqualTo("woocommerce");
            assertThat(loaded.descriptor().displayName()).isEqualTo("WooCommerce");
        });
    }

    @Test
    void importsThroughTheHostFromTheStandInStore(@TempDir Path home) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(ARCHIVE, plugins.resolve(ARCHIVE.getFileName()));
        try (WooStandIn store = new WooStandIn();
             PluginHost host = PluginHost.start(plugins, home.resolve("cache"), API_VERSION)) {
            store.serveOrders(WooStandIn.orders(1, 120), List.of());
            PlatformPlugin platform = host.platform("woocommerce");
            try (PluginConnector connector = platform.connect(store.config(), WooStandIn.context(1 << 20))) {
                Instant run = Instant.now();
                assertThat(connector.ranged()).as("imported through planImport and fetchPage only").isTrue();
                ImportPlan plan = connector.planImport(new ImportRequest(null, run, true));
                OrderPage first = connector.fetchPage(new PageRequest(plan.ranges().get(0), null, null, run));
                OrderPage second = connector.fetchPage(new PageRequest(plan.ranges().get(0),
                        first.nextPageToken(), null, run));

                assertThat(plan.ranges()).hasSize(1);
                assertThat(first.orders()).hasSize(100);
                assertThat(second.orders()).hasSize(20);
                assertThat(second.hasMore()).isFalse();
            }
        }
    }
}
