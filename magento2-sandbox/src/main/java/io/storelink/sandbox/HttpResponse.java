package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A complete response: status, content type, extra headers and body. */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=UTF-8";

    public HttpResponse {
        requireNonNull(contentType, "contentType is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, JSON, Map.of(), Json.write(body));
    }

    public static HttpResponse html(int status, String body) {
        return new HttpResponse(status, HTML, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, contentType, copy, body);
    }
}
