package io.storelink.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads the fields of a JSON answer by path ({@code billing.email}, {@code line_items[0].sku}) with the conversions
 * stores need: money and quantities as exact decimals from numbers or numeric strings, ids from {@code 12} or
 * {@code "12"}, flags from {@code true}, {@code "1"} or {@code 0}, dates through {@link Dates}.
 *
 * <p>The plain methods ({@link #text}, {@link #decimal}, ...) return {@code null} for a field that is missing, null or
 * blank; the {@code require} ones throw for it. Both throw {@link InvalidValueException} for a value of the wrong
 * kind, naming the field's whole path from the root, the value and what was expected:
 * {@code line_items[1].quantity is 'two', expected a number}.
 */
public final class JsonReader {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[([0-9]+)]");

    private final JsonNode node;
    private final String path;

    private JsonReader(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    /** @return a reader of this node, the root of the paths in messages */
    public static JsonReader of(JsonNode node) {
        return new JsonReader(node, "");
    }

    /** @return the node read */
    public JsonNode node() {
        return node;
    }

    /** @return this node's path from the root, empty for the root */
    public String path() {
        return path;
    }

    /** @return whether the field is there and not null */
    public boolean has(String field) {
        JsonNode value = find(field);
        return !value.isMissingNode() && !value.isNull();
    }

    /** @return a reader of the object at {@code field}; a missing one reads as empty (every field missing) */
    public JsonReader object(String field) {
        return new JsonReader(find(field), full(field));
    }

    /** @return the text, or {@code null} when missing, null or blank; a number or boolean is read as its text */
    public String text(String field) {
        JsonNode value = find(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid(field, value, "text");
        }
        return value.asText();
    }

    /** @return the text; see {@link #text(String)} */
    public String requireText(String field) {
        return requireText(field, "text");
    }

    /** @param expected what the message says was expected, for example {@code the order number people see} */
    public String requireText(String field, String expected) {
        String text = text(field);
        return text != null ? text : failMissing(field, expected);
    }

    /** @return the exact decimal of a number or numeric string, or {@code null} when missing, null or blank */
    public BigDecimal decimal(String field) {
        JsonNode value = find(field);
        if (absent(value)) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException notANumber) {
                // refused below
            }
        }
        throw invalid(field, value, "a number");
    }

    /** @return the decimal; see {@link #decimal(String)} */
    public BigDecimal requireDecimal(String field) {
        return requireDecimal(field, "a number");
    }

    /** @param expected what the message says was expected, for example {@code an amount such as "29.35"} */
    public BigDecimal requireDecimal(String field, String expected) {
        try {
            BigDecimal decimal = decimal(field);
            return decimal != null ? decimal : failMissing(field, expected);
        } catch (InvalidValueException e) {
            throw invalid(field, find(field), expected);
        }
    }

    /** @return a whole number ({@code 12}, {@code "12"}, {@code 12.0}), or {@code null} when missing, null or blank */
    public Long longValue(String field) {
        JsonNode value = find(field);
        if (absent(value)) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        try {
            BigDecimal decimal = decimal(field);
            return decimal.longValueExact();
        } catch (InvalidValueException | ArithmeticException notWhole) {
            throw invalid(field, value, "a whole number");
        }
    }

    /** @return the whole number; see {@link #longValue(String)} */
    public long requireLong(String field) {
        return requireLong(field, "a whole number");
    }

    /** @param expected what the message says was expected, for example {@code the order's id (a whole number)} */
    public long requireLong(String field, String expected) {
        try {
            Long value = longValue(field);
            return value != null ? value : failMissing(field, expected);
        } catch (InvalidValueException e) {
            throw invalid(field, find(field), expected);
        }
    }

    /** @return {@code true}/{@code false}, {@code 1}/{@code 0} or their strings, or {@code null} when missing */
    public Boolean bool(String field) {
        JsonNode value = find(field);
        if (absent(value)) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.isValueNode() ? value.asText().trim() : "";
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        throw invalid(field, value, "true or false");
    }

    /** @return the flag; see {@link #bool(String)} */
    public boolean requireBool(String field) {
        Boolean value = bool(field);
        return value != null ? value : failMissing(field, "true or false");
    }

    /** @return the instant of a date as {@link Dates} reads it, local times in UTC; {@code null} when missing */
    public Instant instant(String field) {
        return instant(field, ZoneOffset.UTC);
    }

    /** @return the instant of a date as {@link Dates} reads it, local times in {@code zone}; {@code null} when missing */
    public Instant instant(String field, ZoneId zone) {
        JsonNode value = find(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid(field, value, "a date");
        }
        return Dates.parseOrNull(full(field), value.asText(), zone);
    }

    /** @return the instant; see {@link #instant(String)} */
    public Instant requireInstant(String field) {
        Instant instant = instant(field);
        return instant != null ? instant : Dates.parse(full(field), null);
    }

    /** @return readers of the array's elements, empty when missing or null */
    public List<JsonReader> array(String field) {
        JsonNode value = find(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(field, value, "an array");
        }
        String at = full(field);
        List<JsonReader> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            elements.add(new JsonReader(value.get(i), at + "[" + i + "]"));
        }
        return elements;
    }

    /** @return readers of the array's elements; a missing array is refused */
    public List<JsonReader> requireArray(String field) {
        JsonNode value = find(field);
        return value.isMissingNode() || value.isNull() ? failMissing(field, "an array") : array(field);
    }

    private JsonNode find(String field) {
        requireNonNull(field, "field is null");
        JsonNode current = node;
        Matcher segment = SEGMENT.matcher(field);
        int end = 0;
        while (segment.find()) {
            if (segment.start() != end && !(field.charAt(end) == '.' && segment.start() == end + 1)) {
                throw new IllegalArgumentException("not a field path: " + field);
            }
            current = segment.group(1) != null ? current.path(segment.group(1))
                    : current.path(Integer.parseInt(segment.group(2)));
            end = segment.end();
        }
        if (end != field.length()) {
            throw new IllegalArgumentException("not a field path: " + field);
        }
        return current;
    }

    private String full(String field) {
        return path.isEmpty() ? field : field.startsWith("[") ? path + field : path + "." + field;
    }

    private static boolean absent(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.isTextual() && value.asText().isBlank();
    }

    /** A missing, null or blank field: all three are "missing" to people. */
    private <T> T failMissing(String field, String expected) {
        throw new InvalidValueException(full(field), null, expected);
    }

    private InvalidValueException invalid(String field, JsonNode value, String expected) {
        return new InvalidValueException(full(field), value.isMissingNode() || value.isNull() ? null
                : value.isValueNode() ? value.asText() : value.toString(), expected);
    }
}
