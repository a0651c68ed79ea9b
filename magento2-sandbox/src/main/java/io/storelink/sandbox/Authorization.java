package io.storelink.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Integration access tokens used as bearer tokens, each with its ACL resources. A missing or unknown token, a
 * missing resource and "bearer disabled" (the 2.4.4+ default, docs/magento2-rest-api.md §0.7) all give the same 401.
 */
final class Authorization {
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
    private volatile boolean bearerDisabled;

    void grant(String token, Set<String> resources) {
        requireNonNull(token, "token is null");
        grants.put(token, Set.copyOf(resources));
    }

    void revoke(String token) {
        grants.remove(token);
    }

    void setBearerDisabled(boolean disabled) {
        this.bearerDisabled = disabled;
    }

    boolean bearerDisabled() {
        return bearerDisabled;
    }

    void check(String authorizationHeader, String resource) {
        String token = bearerToken(authorizationHeader);
        Set<String> granted = token == null || bearerDisabled ? null : grants.get(token);
        if (granted == null || !Acl.allows(granted, resource)) {
            throw ApiException.notAuthorized(resource);
        }
    }

    /** Magento splits the header on one space and wants exactly "bearer" (any case) and a token. */
    private static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String[] pieces = header.split(" ", -1);
        if (pieces.length != 2 || !pieces[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        return pieces[1];
    }
}
