package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionCheck.Outcome;
import io.storelink.api.ConnectionCheck.Step;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The connection test: reachability, https, the REST API, the token, reading orders and the store view, in that
 * order. After a blocking failure the later steps are skipped. It reads one order at most and changes nothing.
 */
final class Magento2ConnectionCheck {

    static final String URL_REACHABLE = "magento2.url-reachable";
    static final String HTTPS = "magento2.https";
    static final String REST_API = "magento2.rest-api";
    static final String TOKEN_ACCEPTED = "magento2.token-accepted";
    static final String ORDERS_READABLE = "magento2.orders-readable";
    static final String STORE_VIEW = "magento2.store-view";

    static final String ACL_RESOURCES = "Magento_Sales::actions_view (read orders), Magento_Sales::ship (compact "
            + "ship notifications), Magento_Sales::shipment (shipments and tracks), and Magento_Backend::store when a "
            + "Store View Code is set";

    private static final String TITLE_REACHABLE = "The Store URL's host answers (DNS, TCP, TLS)";
    private static final String TITLE_HTTPS = "The Store URL uses https";
    private static final String TITLE_REST = "The Store URL serves the Magento REST API";
    private static final String TITLE_TOKEN = "Magento accepts the access token";
    private static final String TITLE_ORDERS = "The access token may read orders";
    private static final String TITLE_STORE = "The Store View Code exists";

    private final Magento2Config config;
    private final Magento2Client client;
    private final Magento2StoreViews storeViews;

    Magento2ConnectionCheck(Magento2Config config, Magento2Client client, Magento2StoreViews storeViews) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.storeViews = requireNonNull(storeViews, "storeViews is null");
    }

    ConnectionCheck run() {
        Steps steps = new Steps();
        Optional<String> unreachable = client.reach();
        if (unreachable.isPresent()) {
            steps.failed(URL_REACHABLE, TITLE_REACHABLE, unreachable.get(), "Check the Store URL's host name and "
                    + "port, that the store is online and reachable from this machine, and that its TLS certificate is "
                    + "valid for the host name.");
            return steps.skipRest();
        }
        steps.passed(URL_REACHABLE, TITLE_REACHABLE, "Connected to " + config.storeUrl().getHost() + ":"
                + config.port() + (config.isHttps() ? " over TLS." : "."));

        Step https = httpsStep(config);
        steps.add(https);
        if (https.outcome() == Outcome.FAILED) {
            return steps.skipRest();
        }

        Magento2Client.Probe probe = client.probeOrders();
        String where = config.restBase() + "/orders";
        if (!restApi(steps, probe, where)) {
            return steps.skipRest();
        }
        if (probe.status() == 401 || probe.status() == 403) {
            steps.failed(TOKEN_ACCEPTED, TITLE_TOKEN, "Magento answered HTTP " + probe.status() + ": "
                    + (probe.magentoMessage() == null ? "(no message)" : probe.magentoMessage()), tokenRemedy());
            return steps.skipRest();
        }
        steps.passed(TOKEN_ACCEPTED, TITLE_TOKEN, "Magento accepted the bearer token.");

        if (probe.status() == 200 && probe.totalCount() != null) {
            steps.passed(ORDERS_READABLE, TITLE_ORDERS, "GET /V1/orders answered; the store has "
                    + probe.totalCount() + " orders.");
        } else {
            steps.failed(ORDERS_READABLE, TITLE_ORDERS, "GET /V1/orders answered HTTP " + probe.status()
                    + (probe.magentoMessage() == null ? "" : ": " + probe.magentoMessage()),
                    probe.status() >= 500 ? "The store had an internal error; look for the report id in Magento's "
                            + "log (var/report) and try again later."
                            : "Grant the integration Magento_Sales::actions_view and check the store's web API logs.");
        }
        steps.add(storeViewStep());
        return steps.done();
    }

    /** {@code magento2.https}: https, or plain http to this machine only, since the token travels in every request. */
    static Step httpsStep(Magento2Config config) {
        if (config.isHttps()) {
            return new Step(HTTPS, TITLE_HTTPS, Outcome.PASSED, "The Store URL uses https.", "");
        }
        if (config.isLoopback()) {
            return new Step(HTTPS, TITLE_HTTPS, Outcome.PASSED, "The Store URL uses plain http to "
                    + config.storeUrl().getHost() + ", which is allowed for this machine only.", "");
        }
        return new Step(HTTPS, TITLE_HTTPS, Outcome.FAILED, "The Store URL " + config.storeUrl() + " uses plain http; "
                + "the access token would travel unencrypted, so it is not sent.",
                "Use the store's https:// URL. Plain http is allowed only for localhost, 127.0.0.1 and ::1.");
    }

    private boolean restApi(Steps steps, Magento2Client.Probe probe, String where) {
        if (probe.transportFailure() != null) {
            steps.failed(REST_API, TITLE_REST, "GET " + where + " got no answer: " + probe.transportFailure(),
                    "Check that the store is online; if it is slow, raise the request timeout.");
            return false;
        }
        if (probe.html()) {
            steps.failed(REST_API, TITLE_REST, where + " answers with an HTML page, not the Magento REST API; "
                    + "check the Store URL (HTTP " + probe.status() + ").", storeUrlRemedy());
            return false;
        }
        if (probe.status() == 404 && (probe.magentoMessage() == null
                || Magento2Client.NO_ROUTE.equals(probe.magentoMessage()))) {
            steps.failed(REST_API, TITLE_REST, where + " answers HTTP 404"
                    + (probe.magentoMessage() == null ? "" : " \"" + probe.magentoMessage() + "\"")
                    + ": the Store URL is wrong.", storeUrlRemedy());
            return false;
        }
        if (probe.status() >= 300 && probe.status() < 400) {
            steps.failed(REST_API, TITLE_REST, where + " redirects (HTTP " + probe.status() + ")"
                    + (probe.location() == null ? "" : " to " + probe.location()) + ".",
                    "Enter the URL the store redirects to as the Store URL (https, with or without www).");
            return false;
        }
        if (!probe.json()) {
            steps.failed(REST_API, TITLE_REST, where + " answers HTTP " + probe.status()
                    + " with a body that is not JSON.", probe.status() >= 500
                    ? "The store or a proxy in front of it has a problem; try again later." : storeUrlRemedy());
            return false;
        }
        if (probe.magentoMessage() == null && probe.totalCount() == null) {
            steps.failed(REST_API, TITLE_REST, where + " answers HTTP " + probe.status()
                    + " with JSON that is not Magento's.", storeUrlRemedy());
            return false;
        }
        steps.passed(REST_API, TITLE_REST, where + " answers as the Magento REST API (HTTP " + probe.status() + ").");
        return true;
    }

    private Step storeViewStep() {
        if (config.storeViewCode().isEmpty()) {
            return new Step(STORE_VIEW, TITLE_STORE, Outcome.SKIPPED,
                    "No Store View Code set; orders of every store view are imported.", "");
        }
        String code = config.storeViewCode().get();
        try {
            long id = storeViews.selectedStoreId().orElseThrow();
            return new Step(STORE_VIEW, TITLE_STORE, Outcome.PASSED,
                    "Store view " + code + " has store id " + id + "; only its orders are imported.", "");
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.CANCELLED) {
                // The host is stopping the test: that is no answer about the store view.
                throw e;
            }
            String remedy = e.kind() == ErrorKind.AUTHENTICATION
                    ? "Grant the integration the ACL resource " + Magento2StoreViews.ACL_RESOURCE
                            + " (Resource Access: Stores > Settings > All Stores), or leave Store View Code empty."
                    : e.kind() == ErrorKind.CONFIGURATION ? "Correct Store View Code, or leave it empty to import "
                            + "every store view's orders." : "Try again later.";
            return new Step(STORE_VIEW, TITLE_STORE, Outcome.FAILED, e.getMessage(), remedy);
        }
    }

    private String storeUrlRemedy() {
        return "Enter the store's base URL, for example https://shop.example.com; the REST API must answer under "
                + "<Store URL>/rest/V1. Without URL rewrites use https://shop.example.com/index.php.";
    }

    private static String tokenRemedy() {
        return "Check the Integration access token (System > Integrations; reactivate the integration after changing "
                + "it). On Magento 2.4.4 and above set Stores > Configuration > Services > OAuth > Consumer Settings > "
                + "\"Allow OAuth Access Tokens to be used as standalone Bearer tokens\" to Yes (or run bin/magento "
                + "config:set oauth/consumer/enable_integration_as_bearer 1). The integration needs the ACL resources "
                + ACL_RESOURCES + ".";
    }

    /** The steps so far; after a blocking failure the remaining ones are added as skipped. */
    private static final class Steps {
        private static final List<String[]> ORDER = List.of(
                new String[] {URL_REACHABLE, TITLE_REACHABLE},
                new String[] {HTTPS, TITLE_HTTPS},
                new String[] {REST_API, TITLE_REST},
                new String[] {TOKEN_ACCEPTED, TITLE_TOKEN},
                new String[] {ORDERS_READABLE, TITLE_ORDERS},
                new String[] {STORE_VIEW, TITLE_STORE});

        private final List<Step> steps = new ArrayList<>();

        void add(Step step) {
            steps.add(step);
        }

        void passed(String code, String title, String detail) {
            steps.add(new Step(code, title, Outcome.PASSED, detail, ""));
        }

        void failed(String code, String title, String detail, String remedy) {
            steps.add(new Step(code, title, Outcome.FAILED, detail, remedy));
        }

        ConnectionCheck skipRest() {
            String failed = steps.get(steps.size() - 1).code();
            for (String[] step : ORDER.subList(steps.size(), ORDER.size())) {
                steps.add(new Step(step[0], step[1], Outcome.SKIPPED, "Skipped because " + failed + " failed.", ""));
            }
            return done();
        }

        ConnectionCheck done() {
            return new ConnectionCheck(steps);
        }
    }
}
