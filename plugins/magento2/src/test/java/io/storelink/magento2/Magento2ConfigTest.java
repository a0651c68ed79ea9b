package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.storelink.magento2.Magento2TestSupport.config;
import static io.storelink.magento2.Magento2TestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class Magento2ConfigTest {

    @Test
    void appliesDefaults() {
        Map<String, Object> values = values(URI.create("https://shop.example.com/"));
        values.remove(Magento2Platform.ORDER_IMPORT_STATUS);
        values.remove(Magento2Platform.IMPORT_DELAY);
        values.remove(Magento2Platform.INCLUDE_BUNDLE_PARENT);
        values.remove(Magento2Platform.COMPACT_SHIP_NOTIFICATION);

        Magento2Config config = config(values);

        assertThat(config.storeUrl()).isEqualTo(URI.create("https://shop.example.com"));
        assertThat(config.restBase()).isEqualTo("https://shop.example.com/rest/V1");
        assertThat(config.storeViewCode()).isEmpty();
        assertThat(config.importStatuses()).containsExactly("processing");
        assertThat(config.importDelay()).isZero();
        assertThat(config.includeBundleParent()).isFalse();
        assertThat(config.compactShipNotification()).isTrue();
        assertThat(config.pageSize()).isEqualTo(300);
    }

    @Test
    void readsExplicitValues() {
        Map<String, Object> values = values(URI.create("https://shop.example.com/index.php///"));
        values.put(Magento2Platform.STORE_VIEW_CODE, " de ");
        values.put(Magento2Platform.ORDER_IMPORT_STATUS, " processing, pending ,,complete, processing");
        values.put(Magento2Platform.IMPORT_DELAY, 45L);
        values.put(Magento2Platform.INCLUDE_BUNDLE_PARENT, true);
        values.put(Magento2Platform.COMPACT_SHIP_NOTIFICATION, false);

        Magento2Config config = config(values);

        assertThat(config.restBase()).isEqualTo("https://shop.example.com/index.php/rest/V1");
        assertThat(config.storeViewCode()).contains("de");
        assertThat(config.importStatuses()).containsExactly("processing", "pending", "complete");
        assertThat(config.importDelay()).isEqualTo(Duration.ofMinutes(45));
        assertThat(config.includeBundleParent()).isTrue();
        assertThat(config.compactShipNotification()).isFalse();
    }

    @Test
    void rejectsAnImportStatusListWithoutStatuses() {
        Map<String, Object> values = values(URI.create("https://shop.example.com"));
        values.put(Magento2Platform.ORDER_IMPORT_STATUS, " , ");

        assertThatThrownBy(() -> config(values))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessageContaining("Order Import Status");
    }

    @Test
    void rejectsAStoreUrlThatIsNotHttp() {
        assertThatThrownBy(() -> config(URI.create("ftp://shop.example.com")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessageContaining("https://");
    }

    @Test
    void rejectsPageSizesAboveMagentosMaximum() {
        Magento2Config config = config(URI.create("https://shop.example.com"));

        assertThatThrownBy(() -> config.withPageSize(301)).isInstanceOf(IllegalArgumentException.class);
        assertThat(config.withPageSize(5).pageSize()).isEqualTo(5);
    }

    @Test
    void neverShowsTheTokenInToString() {
        assertThat(config(URI.create("https://shop.example.com")).toString())
                .doesNotContain(Magento2TestSupport.TOKEN)
                .contains("https://shop.example.com");
    }

    @Test
    void httpsStepPassesForHttps() {
        ConnectionCheck.Step step = Magento2ConnectionCheck.httpsStep(config(URI.create("https://shop.example.com")));

        assertThat(step.code()).isEqualTo("magento2.https");
        assertThat(step.outcome()).isEqualTo(ConnectionCheck.Outcome.PASSED);
    }

    @Test
    void httpsStepAllowsPlainHttpToThisMachineOnly() {
        for (String local : new String[] {"http://localhost:8080", "http://127.0.0.1", "http://[::1]:9000"}) {
            assertThat(Magento2ConnectionCheck.httpsStep(config(URI.create(local))).outcome())
                    .as(local).isEqualTo(ConnectionCheck.Outcome.PASSED);
        }

        ConnectionCheck.Step remote = Magento2ConnectionCheck.httpsStep(config(URI.create("http://shop.example.com")));

        assertThat(remote.outcome()).isEqualTo(ConnectionCheck.Outcome.FAILED);
        assertThat(remote.detail()).contains("plain http");
        assertThat(remote.remedy()).contains("https://").contains("localhost");
    }

    @Test
    void refusesToSendTheTokenOverPlainHttpToAnotherMachine() {
        Magento2Config config = config(URI.create("http://shop.example.invalid"));
        try (Magento2Client client = new Magento2Client(config, Magento2TestSupport.context())) {
            assertThatThrownBy(client::storeViews)
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                    .hasMessageContaining("plain http");
        }
    }
}
