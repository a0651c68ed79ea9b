package ${package};

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Secret;

import java.net.URI;
import java.util.Locale;

/**
 * A connection's values, checked once when the connector is built: the store URL is https (plain http only to
 * localhost, for tests), the API key can go into a header, and the import status is one word.
 *
 * @param storeUrl the store's address, without a trailing slash
 * @param apiKey the bearer token
 * @param importStatus the status of orders that are ready to ship
 */
record ${classPrefix}Settings(URI storeUrl, Secret apiKey, String importStatus) {

    static ${classPrefix}Settings from(ConnectionConfig config) {
        String name = config.connectionName();
        URI url = config.requireUrl(${classPrefix}Platform.STORE_URL);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": "
                    + ${classPrefix}Platform.STORE_URL + " " + url + " is not https; the API key goes with every "
                    + "request, so an https URL is expected (plain http only for localhost)");
        }
        String text = url.toString();
        URI storeUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);

        Secret apiKey = config.requireSecret(${classPrefix}Platform.API_KEY);
        if (apiKey.reveal().isBlank() || apiKey.reveal().chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": "
                    + ${classPrefix}Platform.API_KEY + " is blank or holds a space or control character; expected "
                    + "the key as the store showed it");
        }

        String status = config.requireText(${classPrefix}Platform.IMPORT_STATUS).trim();
        if (!status.matches("[A-Za-z0-9_-]{1,50}")) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, "Connection " + name + ": "
                    + ${classPrefix}Platform.IMPORT_STATUS + " '" + status + "' is not a status; expected one word "
                    + "such as ready");
        }
        return new ${classPrefix}Settings(storeUrl, apiKey, status);
    }
}
