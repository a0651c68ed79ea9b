package io.storelink.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * JSON helpers. Magento leaves null fields out of its responses, so every {@code put} here skips nulls,
 * and whole numbers are written without a fraction ({@code 2}, not {@code 2.0}).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(JsonNodeFeature.WRITE_NULL_PROPERTIES, false)
            .build();
    /** Magento's date format: UTC, no zone marker. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode arrayOf(Collection<? extends JsonNode> nodes) {
        ArrayNode array = array();
        array.addAll(nodes);
        return array;
    }

    static ObjectNode put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
        return node;
    }

    static ObjectNode put(ObjectNode node, String key, Long value) {
        if (value != null) {
            node.put(key, value);
        }
        return node;
    }

    static ObjectNode put(ObjectNode node, String key, Instant value) {
        if (value != null) {
            node.put(key, formatDateTime(value));
        }
        return node;
    }

    static ObjectNode put(ObjectNode node, String key, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.set(key, value);
        }
        return node;
    }

    static ObjectNode putNumber(ObjectNode node, String key, Double value) {
        if (value == null) {
            return node;
        }
        double number = value;
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            node.put(key, (long) number);
        } else {
            node.put(key, BigDecimal.valueOf(number).stripTrailingZeros());
        }
        return node;
    }

    static ObjectNode putFlag(ObjectNode node, String key, boolean value) {
        node.put(key, value ? 1 : 0);
        return node;
    }

    static String formatDateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Parses a request body; an empty body is an empty object, malformed JSON is Magento's 400. */
    static JsonNode readBody(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? object() : node;
        } catch (IOException e) {
            throw ApiException.badRequest(MagentoMessages.DECODING_ERROR);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidType(value.asText(), "float");
        }
    }

    static Long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToExactIntegral()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidType(value.asText(), "int");
        }
    }
}
