package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRequest;
import io.storelink.api.RangedImport;
import io.storelink.api.Secret;
import io.storelink.api.StoreConnector;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static io.storelink.magento2.Magento2TestSupport.config;
import static io.storelink.magento2.Magento2TestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("tokensWithControlCharacters")
    void refusesAnAccessTokenWithAControlCharacterBeforeAnythingIsSent(String token, String found) {
        try (MagentoSandbox sandbox = MagentoSandbox.builder().token(token, Acl.ALL).build().start()) {
            Map<String, Object> values = values(sandbox.baseUrl());
            values.put(Magento2Platform.ACCESS_TOKEN, Secret.of(token));

            ConnectorException e = connectAndImport(values);

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.getMessage()).contains("Connection test-store: Access token contains a control character ("
                    + found + " at position").doesNotContain("s3cr3t");
            assertThat(sandbox.requestLog().entries()).as("nothing was sent").isEmpty();
        }
    }

    static Stream<Arguments> tokensWithControlCharacters() {
        return Stream.of(
                Arguments.of("s3cr3t\r\nX-Injected: 1", "a carriage return, CR"),
                Arguments.of("s3cr3t\n", "a line feed, LF"),
                Arguments.of("s3c\tr3t", "a tab"),
                Arguments.of("\u0000s3cr3t", "U+0000"),
                Arguments.of("s3cr3t\u007F", "U+007F"));
    }

    @Test
    void refusesAStoreViewCodeWithAControlCharacterBeforeAnythingIsSent() {
        try (MagentoSandbox sandbox = MagentoSandbox.builder().token(Magento2TestSupport.TOKEN, Acl.ALL).build()
                .start()) {
            Map<String, Object> values = values(sandbox.baseUrl());
            values.put(Magento2Platform.STORE_VIEW_CODE, "de\r\nX-Injected: 1");

            ConnectorException e = connectAndImport(values);

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.getMessage()).contains("Store View Code \"de\\r\\nX-Injected: 1\" contains a control "
                    + "character (a carriage return, CR)");
            assertThat(sandbox.requestLog().entries()).as("nothing was sent").isEmpty();
        }
    }

    /** What the host does with a connection: builds the connector and imports; the failure, if any. */
    private static ConnectorException connectAndImport(Map<String, Object> values) {
        return catchThrowableOfType(ConnectorException.class, () -> {
            try (StoreConnector connector = new Magento2Platform().connect(new ConnectionConfig("test-store", values),
                    Magento2TestSupport.context())) {
                ((RangedImport) connector).planImport(new ImportRequest(null, Instant.now(), true));
            }
        });
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
