package io.storelink.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.storelink.core.form.FieldError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JSON request body read strictly: at most the configured size, an object, no field it does not know, every field
 * of the type it must have. Each problem names the field, the value and what was expected, and all are reported at
 * once; nothing is changed when there is one.
 */
final class RequestBody {

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private RequestBody(ObjectNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** @return the body's bytes, refused with 413 past {@code max} bytes however it is sent */
    static byte[] bytes(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body: " + e.getMessage(), e);
        }
    }

    private static ApiProblem tooLarge(long max) {
        return new ApiProblem(413, Problems.PAYLOAD_TOO_LARGE, "The request body is larger than " + max
                + " bytes (storelink.server.max-body-size); nothing was changed", List.of());
    }

    /**
     * @param ctx the request
     * @param max the largest body accepted
     * @return the body as a JSON object
     */
    static RequestBody json(Context ctx, long max) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiProblem(415, Problems.UNSUPPORTED_MEDIA_TYPE, "Content-Type is '" + ctx.contentType()
                    + "'; expected application/json", List.of());
        }
        byte[] bytes = bytes(ctx, max);
        JsonNode node;
        try {
            node = Views.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiProblem.usage("body", "is not valid JSON (" + e.getOriginalMessage() + "); expected a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.usage("body", "is " + describe(node) + "; expected a JSON object");
        }
        return new RequestBody((ObjectNode) node, "", new ArrayList<>());
    }

    /** Records a problem for each field not in {@code known}. */
    RequestBody only(String... known) {
        Set<String> allowed = Set.of(known);
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, "unknown field; expected only: " + String.join(", ", known)));
            }
        });
        return this;
    }

    /** @return the text, or {@code null} when absent (a problem when required) */
    String text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required; expected a string"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(prefix + field, "is " + describe(value) + "; expected a string"));
            return null;
        }
        return value.asText();
    }

    /** @return a secret's text; a problem names only the type given, never the value */
    String secretText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(prefix + field, "is required; expected a string"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(prefix + field, "is " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + "; expected a string"));
            return null;
        }
        return value.asText();
    }

    /** @return the body in a canonical form, to tell a repeated request from a different one */
    byte[] canonical() {
        try {
            return Views.JSON.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(Views.JSON.treeToValue(node, Object.class));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the boolean, or {@code fallback} when absent */
    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(prefix + field, "is " + describe(value) + "; expected true or false"));
            return fallback;
        }
        return value.asBoolean();
    }

    /**
     * @return the values of an object of form fields as the host's validator takes them: strings, numbers and
     *         booleans as text; {@code null} when absent (a problem when required)
     */
    Map<String, String> values(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required; expected an object of field key to value"));
            }
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(prefix + field, "is " + describe(value) + "; expected an object of field key "
                    + "to value"));
            return null;
        }
        return scalars((ObjectNode) value, prefix + field + ".");
    }

    /** @return this whole body as form values, see {@link #values} */
    Map<String, String> asValues() {
        return scalars(node, prefix);
    }

    private Map<String, String> scalars(ObjectNode object, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> {
            JsonNode each = entry.getValue();
            if (each.isTextual() || each.isBoolean() || each.isIntegralNumber()) {
                values.put(entry.getKey(), each.asText());
            } else if (each.isNull()) {
                values.put(entry.getKey(), "");
            } else {
                errors.add(new FieldError(path + entry.getKey(), "is " + describe(each)
                        + "; expected a string, a whole number or true/false"));
            }
        });
        return values;
    }

    /** @return the objects of an array field, each read like a body; {@code null} when absent */
    List<RequestBody> objects(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required; expected an array of objects"));
            }
            return null;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(prefix + field, "is " + describe(value) + "; expected an array of objects"));
            return null;
        }
        List<RequestBody> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String path = prefix + field + "[" + i + "]";
            if (!item.isObject()) {
                errors.add(new FieldError(path, "is " + describe(item) + "; expected an object"));
            } else {
                items.add(new RequestBody((ObjectNode) item, path + ".", errors));
            }
        }
        return items;
    }

    /** @return the decimal text of a number field (JSON number or numeric string), or {@code null} */
    String number(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required; expected a number"));
            }
            return null;
        }
        if (!value.isNumber()) {
            errors.add(new FieldError(prefix + field, "is " + describe(value) + "; expected a number"));
            return null;
        }
        return value.decimalValue().toPlainString();
    }

    /** Records a problem found while reading. */
    void problem(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    /** @throws ApiProblem (400) listing every problem found, when there is one */
    void done() {
        if (!errors.isEmpty()) {
            throw ApiProblem.usage(errors);
        }
    }

    /** @return how a value is named in a message: its type, and the value unless it is long */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "empty";
        }
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + value.asText();
            case NUMBER -> "the number " + value.asText();
            case STRING -> "the string '" + abbreviate(value.asText()) + "'";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
