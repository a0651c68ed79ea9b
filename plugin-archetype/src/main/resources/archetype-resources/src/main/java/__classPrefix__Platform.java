package ${package};

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
 * The ${platformName} platform: what a connection needs (the credential form: store URL and API key; the settings:
 * which orders to import) and a factory for connectors. PF4J builds it with its no-argument constructor; the host
 * finds it through the {@code @Extension} annotation (META-INF/extensions.idx, written by PF4J's annotation
 * processor).
 */
@Extension
public final class ${classPrefix}Platform implements Platform {

    /** The platform's stable id, stored with every connection; also plugin.id in the pom. */
    public static final String ID = "${platformId}";

    public static final String STORE_URL = "store-url";
    public static final String API_KEY = "api-key";
    public static final String IMPORT_STATUS = "import-status";

    static final Form CREDENTIALS = Form.of(
            Field.builder(STORE_URL, "Store URL", FieldType.url())
                    .help("The address of your ${platformName} store, over https; the API is below it at /api.")
                    .example("https://shop.example.com")
                    .required()
                    .build(),
            Field.builder(API_KEY, "API key", FieldType.secret())
                    .help("An API key with read and write access to orders, created in the store's admin under "
                            + "Settings > API keys. It is sent as a bearer token.")
                    .example("sk_live_0123456789abcdef")
                    .required()
                    .build());

    static final Form SETTINGS = Form.of(
            Field.builder(IMPORT_STATUS, "Order import status", FieldType.suggestedText(List.of("ready", "paid")))
                    .help("Orders with this status in the store are ready to ship and are imported.")
                    .example("ready")
                    .defaultValue("ready")
                    .build());

    private static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor(
            ID,
            "${platformName}",
            PluginInfo.of(${classPrefix}Platform.class).version(),
            "${platformName} stores, through their REST API with an API key.",
            Set.of(Capability.TEST_CONNECTION, Capability.IMPORT_ORDERS, Capability.SHIP_NOTIFICATIONS),
            CREDENTIALS,
            SETTINGS);

    @Override
    public PlatformDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Builds a connector; no I/O happens until one of its methods is called. */
    @Override
    public StoreConnector connect(ConnectionConfig config, PlatformContext context) {
        return new ${classPrefix}Connector(${classPrefix}Settings.from(config), context);
    }
}
