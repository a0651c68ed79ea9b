package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * A Magento web API error: an HTTP status and Magento's body {@code {"message": raw phrase, "parameters": ...}}.
 * Handlers throw it; the API layer renders it.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final JsonNode parameters;

    ApiException(int status, String message, JsonNode parameters) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.parameters = parameters;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, null);
    }

    static ApiException noRoute() {
        return new ApiException(404, MagentoMessages.NO_ROUTE, null);
    }

    static ApiException noSuchEntity() {
        return new ApiException(404, MagentoMessages.NO_SUCH_ENTITY, null);
    }

    static ApiException notAuthorized(String resource) {
        return new ApiException(401, MagentoMessages.NOT_AUTHORIZED, Json.object().put("resources", resource));
    }

    static ApiException requiredField(String fieldName) {
        return new ApiException(400, MagentoMessages.REQUIRED_FIELD, Json.object().put("fieldName", fieldName));
    }

    static ApiException invalidType(String value, String type) {
        return new ApiException(400, MagentoMessages.INVALID_TYPE, Json.object().put("value", value).put("type", type));
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        ObjectNode body = Json.object().put("message", getMessage());
        return Json.put(body, "parameters", parameters);
    }
}
