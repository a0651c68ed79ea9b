package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionCheck.Outcome;
import io.storelink.api.ConnectionCheck.Step;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final WooClient client;
    private final List<Step> steps = new ArrayList<>();

    WooConnectionCheck(WooConfig config, WooClient client) {
        this.config = config;
        this.client = client;
    }

    ConnectionCheck run() {
        WooClient.Answer index;
        try {
            index = client.probe("/wp-json/");
            pass("HTTP " + index.status() + " from " + config.storeUrl() + "/wp-json/");
        } catch (ConnectorException e) {
            return fail(e, "Check the store URL, that the site is up and that this machine can reach it over https.");
        }
        JsonNode namespaces = index.body() == null ? null : index.body().path("namespaces");
        boolean found = false;
        for (JsonNode namespace : namespaces == null ? List.<JsonNode>of() : namespaces) {
            found |= namespace.asText().equals("wc/v3");
        }
        if (!found) {
            return fail("No wc/v3 namespace in " + config.storeUrl() + "/wp-json/ (HTTP " + index.status() + ")",
                    "Use the WordPress site's address as the store URL, activate WooCommerce (3.5 or later), and "
                            + "set Settings > Permalinks to anything but 'Plain'.");
        }
        pass("wc/v3 is offered");
        try {
            client.get("/orders", Map.of("per_page", "1"), true);
            pass("GET /wp-json/wc/v3/orders accepted the key pair");
        } catch (ConnectorException e) {
            return fail(e, e.kind() == ErrorKind.AUTHENTICATION
                    ? "Create a key under WooCommerce > Settings > Advanced > REST API with Read/Write permission "
                    + "and enter its consumer key and secret."
                    : "Try again later; if it persists, check the store's error log.");
        }
        try {
            WooClient.Answer orders = client.get("/orders",
                    Map.of("status", String.join(",", config.importStatuses()), "per_page", "1"), true);
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
        steps.add(new Step(step[0], step[1], Outcome.PASSED, detail, ""));
    }

    private ConnectionCheck fail(ConnectorException e, String remedy) {
        if (e.kind() == ErrorKind.CANCELLED) {
            throw e; // the host stopped the test: not a finding about the store
        }
        return fail(e.getMessage(), remedy);
    }

    private ConnectionCheck fail(String detail, String remedy) {
        String[] step = STEPS[steps.size()];
        steps.add(new Step(step[0], step[1], Outcome.FAILED, detail, remedy));
        while (steps.size() < STEPS.length) {
            String[] skipped = STEPS[steps.size()];
            steps.add(new Step(skipped[0], skipped[1], Outcome.SKIPPED, "an earlier step failed", ""));
        }
        return new ConnectionCheck(steps);
    }
}
