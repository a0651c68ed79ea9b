package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What a route handler sees: path parameters, PHP-style query parameters and the JSON body. */
record ApiRequest(Map<String, String> parameters, Map<String, Object> query, byte[] rawBody) {
    ApiRequest {
        parameters = Map.copyOf(parameters);
        requireNonNull(query, "query is null");
        requireNonNull(rawBody, "rawBody is null");
    }

    /** A numeric path parameter; anything else is Magento's 400 type error. */
    long id(String name) {
        String value = parameters.get(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidType(value, "int");
        }
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    JsonNode body() {
        return Json.readBody(rawBody);
    }
}
