package io.storelink.magento2;

import io.storelink.api.Capability;
import io.storelink.api.ConnectionConfig;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.Platform;
import io.storelink.api.PlatformContext;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.PluginInfo;
import io.storelink.api.StoreConnector;
import org.pf4j.Extension;

import java.util.List;
import java.util.Set;

/**
 * The Magento 2 platform: the fields of the reference "connect a Magento 2 store" article, labelled and explained
 * as the article does.
 */
@Extension
public final class Magento2Platform implements Platform {

    public static final String ID = "magento2";

    public static final String ACCESS_TOKEN = "access-token";
    public static final String STORE_URL = "store-url";
    public static final String STORE_VIEW_CODE = "store-view-code";
    public static final String ORDER_IMPORT_STATUS = "order-import-status";
    public static final String IMPORT_DELAY = "import-delay";
    public static final String INCLUDE_BUNDLE_PARENT = "include-bundle-parent";
    public static final String COMPACT_SHIP_NOTIFICATION = "compact-ship-notification";

    /** A year in minutes: a longer delay means no order is ever imported, and a much longer one overflows a date. */
    static final long MAX_IMPORT_DELAY = 525_600L;

    static final Form CREDENTIALS = Form.of(
            Field.builder(ACCESS_TOKEN, "Access token", FieldType.secret())
                    .help("The Magento 2 Integration access token (OAuth bearer token), created under "
                            + "System > Integrations. On Magento 2.4.4 and above, set Stores > Configuration > "
                            + "Services > OAuth > Consumer Settings > \"Allow OAuth Access Tokens to be used as "
                            + "standalone Bearer tokens\" to Yes, or requests fail with \"The consumer isn't "
                            + "authorized to access %resources.\"")
                    .example("a1b2c3d4e5f6g7h8")
                    .required()
                    .build(),
            Field.builder(STORE_URL, "Store URL", FieldType.url())
                    .help("The base URL of your Magento store.")
                    .example("https://store.example.com")
                    .required()
                    .build(),
            Field.builder(STORE_VIEW_CODE, "Store View Code", FieldType.text())
                    .help("(Optional) Specifies the store for this integration (multi-store only). Only orders "
                            + "from this store view are imported.")
                    .example("default")
                    .hint(Field.MULTI_STORE_ONLY)
                    .build());

    static final Form SETTINGS = Form.of(
            Field.builder(ORDER_IMPORT_STATUS, "Order Import Status", FieldType.suggestedText(
                            List.of("processing", "pending", "holded", "complete", "closed", "canceled")))
                    .help("Orders with this status in Magento are imported. Several statuses may be given, "
                            + "separated by commas.")
                    .example("processing")
                    .defaultValue("processing")
                    .build(),
            Field.builder(IMPORT_DELAY, "Delay Orders Imported By", FieldType.integer("minutes", 0L, MAX_IMPORT_DELAY))
                    .help("Hold orders until this many minutes have elapsed since the order was placed.")
                    .example("30")
                    .defaultValue("0")
                    .build(),
            Field.builder(INCLUDE_BUNDLE_PARENT, "Include Bundle Parent", FieldType.bool())
                    .help("For bundled items, send the bundle parent SKU.")
                    .defaultValue("false")
                    .build(),
            Field.builder(COMPACT_SHIP_NOTIFICATION, "Use Compact Shipment Ship Notification", FieldType.bool())
                    .help("Use the alternative /ship API call in Magento.")
                    .defaultValue("true")
                    .build());

    private static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor(
            ID,
            "Magento 2",
            PluginInfo.of(Magento2Platform.class).version(),
            "Magento 2 and Adobe Commerce stores, through the REST API with an Integration access token.",
            Set.of(Capability.TEST_CONNECTION, Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
            CREDENTIALS,
            SETTINGS);

    @Override
    public PlatformDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Builds the connector by hand; no I/O happens until one of its methods is called. */
    @Override
    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
        return new Magento2Connector(Magento2Config.from(config), context);
    }
}
