package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The store views, read once per connector and only when a Store View Code is set: {@code GET /V1/store/storeViews}
 * needs the {@code Magento_Backend::store} ACL resource, which an integration may lack.
 */
final class Magento2StoreViews {

    static final String ACL_RESOURCE = "Magento_Backend::store";

    private final Magento2Config config;
    private final Magento2Client client;
    private List<Magento2OrderData.StoreView> views;

    Magento2StoreViews(Magento2Config config, Magento2Client client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
    }

    /**
     * @return the store id of the configured Store View Code, or empty when none is set
     * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} for an unknown code, or
     *         {@link ErrorKind#AUTHENTICATION} when the token may not read store views
     */
    Optional<Long> selectedStoreId() {
        if (config.storeViewCode().isEmpty()) {
            return Optional.empty();
        }
        String code = config.storeViewCode().get();
        return Optional.of(all().stream()
                .filter(view -> view.code().equals(code))
                .findFirst()
                .map(Magento2OrderData.StoreView::id)
                .orElseThrow(() -> ConnectorException.of(ErrorKind.CONFIGURATION, unknownCode(code))));
    }

    /** @return store codes by id, as far as they were read; empty when no Store View Code is set */
    synchronized Map<Long, String> codesById() {
        if (views == null) {
            return Map.of();
        }
        return views.stream().collect(Collectors.toUnmodifiableMap(Magento2OrderData.StoreView::id,
                Magento2OrderData.StoreView::code, (first, second) -> first));
    }

    /** Every store view, read on first use. */
    synchronized List<Magento2OrderData.StoreView> all() {
        if (views == null) {
            try {
                views = List.copyOf(client.storeViews());
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.AUTHENTICATION) {
                    throw e;
                }
                throw ConnectorException.of(ErrorKind.AUTHENTICATION, "Connection " + config.connectionName()
                        + " sets Store View Code " + config.storeViewCode().orElse("") + ", and finding its store id "
                        + "needs GET /V1/store/storeViews, which the access token may not call. Grant the integration "
                        + "the ACL resource " + ACL_RESOURCE + " (System > Integrations > Resource Access: Stores > "
                        + "Settings > All Stores), or leave Store View Code empty. Magento said: " + e.getMessage(), e);
            }
        }
        return views;
    }

    /** The message for a code that is not among the store views. */
    String unknownCode(String code) {
        String known = all().stream()
                .filter(view -> view.id() != 0)
                .map(Magento2OrderData.StoreView::code)
                .collect(Collectors.joining(", "));
        return "Connection " + config.connectionName() + ": the store has no store view with code " + code
                + "; known codes: " + known + ". Correct Store View Code or leave it empty.";
    }
}
