package io.storelink.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A parsed HTTP/1.1 request; header names are lower case, {@code path} and {@code rawQuery} are still encoded. */
public record HttpRequest(String method, String path, String rawQuery, String version, Map<String, String> headers,
                   byte[] body) {
    public HttpRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
    }

    public String header(String name) {
        return headers.get(name);
    }

    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(java.util.Locale.ROOT);
        if (version.equals("HTTP/1.0")) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
