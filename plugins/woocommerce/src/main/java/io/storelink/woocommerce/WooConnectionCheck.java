package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionCheck.Step;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.sdk.StoreHttp;

import java.util.ArrayList;
import java.util.List;

import static io.storelink.woocommerce.WooConnector.API;

/**
 * The connection test: the site answers, it offers the WooCommerce REST API v3, the key pair is accepted, and the
 * orders of the import statuses can be read. Steps after a failed one are skipped.
 */
final class WooConnectionCheck {

    private static final String[][] STEPS = {
        {"woocommerce.site-reachable", "The store URL answers"},
        {"woocommerce.api-found", "The site offers the WooCommerce REST API v3"},
        {"woocommerce.keys-accepted", "The consumer key and secret are accepted"},
        {"woocommerce.orders-readable", "Orders in the import statuses can be read"},
    };

    private final WooConfig config;
    private final StoreHttp http;
    private final List<Step> steps = new ArrayList<>();

    WooConnectionCheck(WooConfig config, StoreHttp http) {
        this.config = config;
        this.http = http;
    }

    ConnectionCheck run() {
        StoreHttp.Response index;
        try {
            index = http.get("/wp-json/").withoutCredentials().anyStatus().send();
            pass("HTTP " + index.status() + " from " + config.storeUrl() + "/wp-json/");
        } catch (ConnectorException e) {
            return fail(e, "Check the store URL, that the site is up and that this machine can reach it over https.");
        }
        boolean found = false;
        for (JsonNode namespace : index.jsonIfAny().map(body -> body.path("namespaces"))
                .orElse(MissingNode.getInstance())) {
            found |= namespace.asText().equals("wc/v3");
        }
        if (!found) {
            return fail("No wc/v3 namespace in " + config.storeUrl() + "/wp-json/ (HTTP " + index.status() + ")",
                    "Use the WordPress site's address as the store URL, activate WooCommerce (3.5 or later), and "
                            + "set Settings > Permalinks to anything but 'Plain'.");
        }
        pass("wc/v3 is offered");
        try {
            http.get(API + "/orders").query("per_page", "1").send();
            pass("GET " + API + "/orders accepted the key pair");
        } catch (ConnectorException e) {
            return fail(e, e.kind() == ErrorKind.AUTHENTICATION
                    ? "Create a key under WooCommerce > Settings > Advanced > REST API with Read/Write permission "
                    + "and enter its consumer key and secret."
                    : "Try again later; if it persists, check the store's error log.");
        }
        try {
            StoreHttp.Response orders = http.get(API + "/orders")
                    .query("status", String.join(",", config.importStatuses())).query("per_page", "1").send();
            pass(orders.headerLong("X-WP-Total", -1) + " orders with status " + String.join(", ",
                    config.importStatuses()));
        } catch (ConnectorException e) {
            return fail(e, "Check the order import status: each must be a WooCommerce order status such as "
                    + "processing.");
        }
        return new ConnectionCheck(steps);
    }

    private void pass(String detail) {
        String[] step = STEPS[steps.size()];
        steps.add(Step.passed(step[0], step[1], detail));
    }

    private ConnectionCheck fail(ConnectorException e, String remedy) {
        if (e.kind() == ErrorKind.CANCELLED) {
            throw e; // the host stopped the test: not a finding about the store
        }
        return fail(e.getMessage(), remedy);
    }

    private ConnectionCheck fail(String detail, String remedy) {
        String[] step = STEPS[steps.size()];
        steps.add(Step.failed(step[0], step[1], detail, remedy));
        while (steps.size() < STEPS.length) {
            String[] skipped = STEPS[steps.size()];
            steps.add(Step.skipped(skipped[0], skipped[1], "an earlier step failed"));
        }
        return new ConnectionCheck(steps);
    }
}
