package io.storelink.woocommerce;

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

/** The WooCommerce platform: a store URL and a REST API key pair, and which statuses to import and set. */
@Extension
public final class WooCommercePlatform implements Platform {

    public static final String ID = "woocommerce";

    public static final String STORE_URL = "store-url";
    public static final String CONSUMER_KEY = "consumer-key";
    public static final String CONSUMER_SECRET = "consumer-secret";
    public static final String ORDER_IMPORT_STATUS = "order-import-status";
    public static final String SHIPPED_STATUS = "shipped-status";

    /** The order statuses WooCommerce has out of the box (docs/woocommerce-rest-api.md §4). */
    static final List<String> STATUSES =
            List.of("pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed");

    static final Form CREDENTIALS = Form.of(
            Field.builder(STORE_URL, "Store URL", FieldType.url())
                    .help("The address of your WordPress site with WooCommerce, over https.")
                    .example("https://shop.example.com")
                    .required()
                    .build(),
            Field.builder(CONSUMER_KEY, "Consumer key", FieldType.secret())
                    .help("Created under WooCommerce > Settings > Advanced > REST API, with Read/Write permission. "
                            + "It starts with ck_.")
                    .example("ck_0123456789abcdef")
                    .required()
                    .build(),
            Field.builder(CONSUMER_SECRET, "Consumer secret", FieldType.secret())
                    .help("Shown once next to the consumer key when the key is created. It starts with cs_.")
                    .example("cs_0123456789abcdef")
                    .required()
                    .build());

    static final Form SETTINGS = Form.of(
            Field.builder(ORDER_IMPORT_STATUS, "Order Import Status", FieldType.suggestedText(STATUSES))
                    .help("Orders with this status in WooCommerce are imported. Several statuses may be given, "
                            + "separated by commas.")
                    .example("processing")
                    .defaultValue("processing")
                    .build(),
            Field.builder(SHIPPED_STATUS, "Status When Shipped", FieldType.suggestedText(STATUSES))
                    .help("The status an order is given when its shipment is sent to WooCommerce.")
                    .example("completed")
                    .defaultValue("completed")
                    .build());

    private static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor(
            ID,
            "WooCommerce",
            PluginInfo.of(WooCommercePlatform.class).version(),
            "WooCommerce stores, through the REST API v3 with a consumer key and secret.",
            Set.of(Capability.TEST_CONNECTION, Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
            CREDENTIALS,
            SETTINGS);

    @Override
    public PlatformDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Builds the connector; no I/O happens until one of its methods is called. */
    @Override
    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
        return new WooConnector(WooConfig.from(config), context);
    }
}
