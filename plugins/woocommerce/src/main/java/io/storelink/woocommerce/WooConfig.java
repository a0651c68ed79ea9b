package io.storelink.woocommerce;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Secret;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.storelink.woocommerce.WooCommercePlatform.CONSUMER_KEY;
import static io.storelink.woocommerce.WooCommercePlatform.CONSUMER_SECRET;
import static io.storelink.woocommerce.WooCommercePlatform.ORDER_IMPORT_STATUS;
import static io.storelink.woocommerce.WooCommercePlatform.SHIPPED_STATUS;
import static io.storelink.woocommerce.WooCommercePlatform.STORE_URL;

/**
 * A connection's values, checked: the store URL is https (plain http only to localhost, for tests: docs/woocommerce-rest-api.md §2), the key
 * pair holds no control characters (it goes into a header), and the statuses are WooCommerce status slugs.
 */
record WooConfig(String connectionName, URI storeUrl, Secret consumerKey, Secret consumerSecret,
                 List<String> importStatuses, String shippedStatus) {

    private static final Pattern STATUS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    static WooConfig from(ConnectionConfig config) {
        String name = config.connectionName();
        URI url = storeUrl(name, config.requireUrl(STORE_URL));
        Secret key = headerSafe(name, CONSUMER_KEY, config.requireSecret(CONSUMER_KEY));
        Secret secret = headerSafe(name, CONSUMER_SECRET, config.requireSecret(CONSUMER_SECRET));
        List<String> statuses = new ArrayList<>();
        for (String part : config.requireText(ORDER_IMPORT_STATUS).split(",")) {
            String status = part.trim();
            if (!status.isEmpty()) {
                statuses.add(status(name, ORDER_IMPORT_STATUS, status));
            }
        }
        if (statuses.isEmpty()) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": " + ORDER_IMPORT_STATUS
                    + " names no status, expected one or more such as processing");
        }
        String shipped = status(name, SHIPPED_STATUS, config.requireText(SHIPPED_STATUS).trim());
        return new WooConfig(name, url, key, secret, List.copyOf(statuses), shipped);
    }

    private static URI storeUrl(String name, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": " + STORE_URL + " " + url
                    + " is not https; WooCommerce sends the consumer secret with every request, so an https URL "
                    + "is expected (plain http only for localhost)");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static Secret headerSafe(String name, String key, Secret value) {
        String text = value.reveal();
        if (text.isBlank() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ':' && key.equals(CONSUMER_KEY))) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": " + key
                    + " is blank or holds a control character (or a colon, in the key); expected the value "
                    + "WooCommerce showed when the key was created");
        }
        return value;
    }

    private static String status(String name, String key, String status) {
        String slug = status.startsWith("wc-") ? status.substring(3) : status;
        if (!STATUS.matcher(slug).matches()) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": " + key + " '" + status
                    + "' is not a status slug; expected lower-case letters, digits and dashes such as processing");
        }
        return slug;
    }
}
