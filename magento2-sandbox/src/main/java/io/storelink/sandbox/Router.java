package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Magento's REST path processing and routing. {@link #restPath} strips {@code /index.php}, {@code /rest} and a store
 * code that exists (or {@code all}); an unknown code stays in the path and so matches no route, which is Magento's
 * 404 "Request does not match any route." (docs/magento2-rest-api.md §0.2). Routes with more literal segments win.
 */
final class Router {
    /** A route handler; returns the response body. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(ApiRequest request);
    }

    record Route(String method, String template, String resource, Handler handler) {
        Route {
            requireNonNull(method, "method is null");
            requireNonNull(resource, "resource is null");
            requireNonNull(handler, "handler is null");
        }

        String[] segments() {
            return template.substring(1).split("/");
        }

        long literalSegments() {
            return java.util.Arrays.stream(segments()).filter(segment -> !segment.startsWith("{")).count();
        }
    }

    record Match(Route route, Map<String, String> parameters) {}

    /** Where a REST request goes: the store code from the URL (null for the default store) and the route path. */
    record RestPath(String storeCode, String routePath) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, String resource, Handler handler) {
        routes.add(new Route(method, template, resource, handler));
        routes.sort((a, b) -> Long.compare(b.literalSegments(), a.literalSegments()));
        return this;
    }

    /** The REST part of a request path, or empty if it is not a REST URL (then it is a storefront URL). */
    static Optional<RestPath> restPath(String path) {
        String rest = path.startsWith("/index.php/") ? path.substring("/index.php".length()) : path;
        if (!rest.startsWith("/rest/")) {
            return Optional.empty();
        }
        String afterRest = rest.substring("/rest".length());
        int next = afterRest.indexOf('/', 1);
        String first = next < 0 ? afterRest.substring(1) : afterRest.substring(1, next);
        boolean storeCode = first.equals("all") || StoreView.byCode(first).filter(store -> store.id() != 0).isPresent();
        if (storeCode) {
            return Optional.of(new RestPath(first, next < 0 ? "/" : afterRest.substring(next)));
        }
        return Optional.of(new RestPath(null, afterRest));
    }

    Optional<Match> match(String method, String routePath) {
        String trimmed = trimSlashes(routePath);
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = matchSegments(route.segments(), parts);
            if (parameters != null) {
                return Optional.of(new Match(route, parameters));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matchSegments(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String segment = template[i];
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), decodeSegment(parts[i]));
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** Path segments decode {@code %XX} but keep {@code +}. */
    private static String decodeSegment(String segment) {
        return PhpQuery.decode(segment.replace("+", "%2B"));
    }
}
