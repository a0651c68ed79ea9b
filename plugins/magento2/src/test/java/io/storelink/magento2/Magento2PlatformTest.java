package io.storelink.magento2;

import io.storelink.api.Capability;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.FieldType;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.StoreConnector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin declares exactly the fields of the reference "connect a Magento 2 store" article. */
final class Magento2PlatformTest {

    private final PlatformDescriptor descriptor = new Magento2Platform().descriptor();

    @Test
    void identifiesItself() {
        assertThat(descriptor.id()).isEqualTo("magento2");
        assertThat(descriptor.displayName()).isEqualTo("Magento 2");
    }

    @Test
    void declaresTheArticlesCredentialFieldsInOrder() {
        assertThat(descriptor.credentials().fields()).extracting(Field::key, Field::label, field -> field.type().kind(),
                Field::required, Field::example, Field::defaultValue, Field::hints).containsExactly(
                tuple("access-token", "Access token", FieldKind.SECRET, true, "a1b2c3d4e5f6g7h8", null, List.of()),
                tuple("store-url", "Store URL", FieldKind.URL, true, "https://store.example.com", null, List.of()),
                tuple("store-view-code", "Store View Code", FieldKind.TEXT, false, "default", null,
                        List.of("multi-store only")));
        Field token = descriptor.credentials().field("access-token").orElseThrow();
        assertThat(token.help()).contains("Integration access token (OAuth bearer token)")
                .contains("Allow OAuth Access Tokens to be used as standalone Bearer tokens")
                .contains("2.4.4");
        assertThat(descriptor.credentials().field("store-url").orElseThrow().help())
                .isEqualTo("The base URL of your Magento store.");
        assertThat(descriptor.credentials().field("store-view-code").orElseThrow().help())
                .startsWith("(Optional) Specifies the store for this integration (multi-store only).");
    }

    @Test
    void declaresTheArticlesImportSettingsWithTheirDefaults() {
        assertThat(descriptor.settings().fields()).extracting(Field::key, Field::label, field -> field.type().kind(),
                Field::required, Field::defaultValue).containsExactly(
                tuple("order-import-status", "Order Import Status", FieldKind.SUGGESTED_TEXT, false, "processing"),
                tuple("import-delay", "Delay Orders Imported By", FieldKind.INTEGER, false, "0"),
                tuple("include-bundle-parent", "Include Bundle Parent", FieldKind.BOOLEAN, false, "false"),
                tuple("compact-ship-notification", "Use Compact Shipment Ship Notification", FieldKind.BOOLEAN, false,
                        "true"));
        FieldType.IntegerNumber delay = (FieldType.IntegerNumber) descriptor.settings().field("import-delay")
                .orElseThrow().type();
        assertThat(delay.unit()).isEqualTo("minutes");
        assertThat(delay.minimum()).isZero();
        // A year: a longer delay imports nothing, and a far longer one overflows the cut-off date.
        assertThat(delay.maximum()).isEqualTo(525_600L);
        assertThat(descriptor.settings().field("order-import-status").orElseThrow().help())
                .startsWith("Orders with this status in Magento are imported.");
        assertThat(descriptor.settings().field("include-bundle-parent").orElseThrow().help())
                .isEqualTo("For bundled items, send the bundle parent SKU.");
        assertThat(descriptor.settings().field("compact-ship-notification").orElseThrow().help())
                .isEqualTo("Use the alternative /ship API call in Magento.");
        assertThat(descriptor.settings().field("import-delay").orElseThrow().help())
                .isEqualTo("Hold orders until this many minutes have elapsed since the order was placed.");
    }

    @Test
    void declaresTheConnectionTestAndTheOrderImport() {
        assertThat(descriptor.capabilities()).containsExactlyInAnyOrder(Capability.TEST_CONNECTION,
                Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS);
    }

    @Test
    void connectsWithoutTouchingTheNetwork() {
        Map<String, Object> values = Magento2TestSupport.values(URI.create("https://shop.example.invalid"));

        StoreConnector connector = new Magento2Platform().connect(new ConnectionConfig("offline", values),
                Magento2TestSupport.context());

        assertThat(connector).isInstanceOf(Magento2Connector.class);
        connector.close();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
