package io.storelink.magento2;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One connection's values, parsed once and checked.
 *
 * @param connectionName the connection's name, for messages
 * @param storeUrl the store's base URL without a trailing slash, for example {@code https://shop.example.com} or
 *        {@code https://shop.example.com/index.php}
 * @param accessToken the Integration access token, sent as a bearer token
 * @param storeViewCode the store view whose orders are imported, or empty for every store view
 * @param importStatuses the order statuses that are imported, at least one
 * @param importDelay how long after being placed an order is held back
 * @param includeBundleParent whether bundle parent lines are listed besides their components
 * @param compactShipNotification whether ship notifications use {@code POST /V1/order/{id}/ship}
 * @param pageSize how many orders one request asks for, at most {@value #MAX_PAGE_SIZE}
 */
record Magento2Config(String connectionName, URI storeUrl, Secret accessToken, Optional<String> storeViewCode,
                      List<String> importStatuses, Duration importDelay, boolean includeBundleParent,
                      boolean compactShipNotification, int pageSize) {

    /** Magento's default maximum {@code searchCriteria[pageSize]}; a larger one is a 400 on some releases. */
    static final int MAX_PAGE_SIZE = 300;

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    Magento2Config {
        requireNonNull(connectionName, "connectionName is null");
        requireNonNull(storeUrl, "storeUrl is null");
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(storeViewCode, "storeViewCode is null");
        importStatuses = List.copyOf(requireNonNull(importStatuses, "importStatuses is null"));
        requireNonNull(importDelay, "importDelay is null");
        if (importStatuses.isEmpty()) {
            throw configuration(connectionName, "Order Import Status names no status; give at least one, "
                    + "for example processing");
        }
        if (importDelay.isNegative()) {
            throw configuration(connectionName, "Delay Orders Imported By must not be negative: " + importDelay);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ": " + pageSize);
        }
        if (storeUrl.getScheme() == null || storeUrl.getHost() == null) {
            throw configuration(connectionName, "Store URL must be an absolute http(s) URL: " + storeUrl);
        }
        // Both travel in requests, the token in a header: a line break there would end the header and start another.
        int tokenControl = controlCharacter(accessToken.reveal());
        if (tokenControl >= 0) {
            throw configuration(connectionName, "Access token contains a control character ("
                    + describeControl(accessToken.reveal().charAt(tokenControl)) + " at position " + (tokenControl + 1)
                    + "), which cannot be sent in an HTTP header; expected the integration's access token, letters and "
                    + "digits only. Copy it again from System > Integrations without line breaks or spaces around it.");
        }
        storeViewCode.ifPresent(code -> {
            int codeControl = controlCharacter(code);
            if (codeControl >= 0) {
                throw configuration(connectionName, "Store View Code \"" + escape(code) + "\" contains a control "
                        + "character (" + describeControl(code.charAt(codeControl)) + "); expected a store view code "
                        + "such as default or de, as Stores > All Stores lists them.");
            }
        });
    }

    /** Reads the values the host validated against {@link Magento2Platform}'s forms. */
    static Magento2Config from(ConnectionConfig config) {
        String name = config.connectionName();
        return new Magento2Config(
                name,
                storeUrl(name, config.requireUrl(Magento2Platform.STORE_URL)),
                config.requireSecret(Magento2Platform.ACCESS_TOKEN),
                config.text(Magento2Platform.STORE_VIEW_CODE).map(String::trim).filter(code -> !code.isEmpty()),
                statuses(config.text(Magento2Platform.ORDER_IMPORT_STATUS).orElse("processing")),
                Duration.ofMinutes(longOr(config, Magento2Platform.IMPORT_DELAY, 0)),
                booleanOr(config, Magento2Platform.INCLUDE_BUNDLE_PARENT, false),
                booleanOr(config, Magento2Platform.COMPACT_SHIP_NOTIFICATION, true),
                MAX_PAGE_SIZE);
    }

    /** The same connection asking for smaller pages; tests use it to page through few orders. */
    Magento2Config withPageSize(int newPageSize) {
        return new Magento2Config(connectionName, storeUrl, accessToken, storeViewCode, importStatuses, importDelay,
                includeBundleParent, compactShipNotification, newPageSize);
    }

    /** @return the REST base, {@code <store-url>/rest/V1}; reads never use a store code in the path */
    String restBase() {
        return storeUrl + "/rest/V1";
    }

    /** @return whether the token may be sent: over https, or over plain http to this machine only */
    boolean transportIsSecure() {
        return isHttps() || isLoopback();
    }

    boolean isHttps() {
        return "https".equalsIgnoreCase(storeUrl.getScheme());
    }

    boolean isLoopback() {
        return LOOPBACK_HOSTS.contains(storeUrl.getHost().toLowerCase(Locale.ROOT));
    }

    /** @return the Store URL's port, or the scheme's default */
    int port() {
        if (storeUrl.getPort() > 0) {
            return storeUrl.getPort();
        }
        return isHttps() ? 443 : 80;
    }

    private static URI storeUrl(String connectionName, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw configuration(connectionName, "Store URL must start with https:// (or http:// for localhost): " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw configuration(connectionName, "Store URL must not have a query or fragment: " + url);
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static List<String> statuses(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(status -> !status.isEmpty())
                .distinct()
                .toList();
    }

    private static long longOr(ConnectionConfig config, String key, long fallback) {
        return config.values().containsKey(key) ? config.requireInteger(key) : fallback;
    }

    private static boolean booleanOr(ConnectionConfig config, String key, boolean fallback) {
        return config.values().containsKey(key) ? config.requireBoolean(key) : fallback;
    }

    /** @return the index of the first character below U+0020 or DEL (U+007F), or -1 */
    static int controlCharacter(String text) {
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c < 0x20 || c == 0x7F) {
                return index;
            }
        }
        return -1;
    }

    private static String describeControl(char c) {
        return switch (c) {
            case '\r' -> "a carriage return, CR";
            case '\n' -> "a line feed, LF";
            case '\t' -> "a tab";
            default -> String.format(Locale.ROOT, "U+%04X", (int) c);
        };
    }

    /** The text with its control characters written as escapes, such as a backslash and r for CR. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c < 0x20 || c == 0x7F ? String.format(Locale.ROOT, "\\u%04X", (int) c)
                        : String.valueOf(c));
            }
        }
        return escaped.toString();
    }

    private static ConnectorException configuration(String connectionName, String message) {
        return ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + connectionName + ": " + message);
    }

    /** @return the values without the token */
    @Override
    public String toString() {
        return "Magento2Config[" + connectionName + ", " + storeUrl + ", storeViewCode=" + storeViewCode.orElse("")
                + ", importStatuses=" + importStatuses + ", importDelay=" + importDelay + ", includeBundleParent="
                + includeBundleParent + ", compactShipNotification=" + compactShipNotification + ", pageSize="
                + pageSize + "]";
    }
}
