package io.storelink.woocommerce;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.time.Instant;

/**
 * Where an import continues (docs/woocommerce-rest-api.md §6). A scan pages through the orders of the import
 * statuses by id; the cursor holds the highest order id taken in this scan, the page to ask for next, a sequence
 * number that grows with every batch, the {@code modified_after} bound of this scan (none for the first) and when the
 * scan started. Stored by the host as {@code v1:<id>:<page>:<seq>:<since>:<started>} (epoch seconds, {@code -} for
 * none).
 */
record WooCursor(long lastId, int page, long sequence, Instant since, Instant scanStarted) {

    private static final String VERSION = "v1";

    static WooCursor parse(String connectionName, String text) {
        if (text == null) {
            return new WooCursor(0, 1, 0, null, null);
        }
        String[] parts = text.split(":");
        try {
            if (parts.length == 6 && parts[0].equals(VERSION)) {
                WooCursor cursor = new WooCursor(Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
                        Long.parseLong(parts[3]), instant(parts[4]), instant(parts[5]));
                if (cursor.lastId >= 0 && cursor.page >= 1 && cursor.sequence >= 0) {
                    return cursor;
                }
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "Connection " + connectionName
                + ": the stored import cursor '" + text + "' is not a WooCommerce cursor; expected "
                + VERSION + ":<last order id>:<page>:<sequence>:<since>:<scan start>");
    }

    private static Instant instant(String text) {
        return text.equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(text));
    }

    private static String text(Instant instant) {
        return instant == null ? "-" : Long.toString(instant.getEpochSecond());
    }

    String format() {
        return VERSION + ":" + lastId + ":" + page + ":" + sequence + ":" + text(since) + ":" + text(scanStarted);
    }
}
