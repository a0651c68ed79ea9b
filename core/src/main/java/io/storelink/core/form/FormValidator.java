package io.storelink.core.form;

import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validates raw string input (from a CLI, a file or an HTTP form) against one or more forms.
 *
 * <p>It applies defaults, coerces each value to its field's type, rejects keys no form declares, and reports
 * every problem at once. One rule for text, which the JSON Schema that {@link JsonSchemaRenderer} produces holds too,
 * so a UI that validates with the schema accepts exactly what this accepts:
 * <ul>
 *   <li>a control character (U+0000 to U+001F, U+007F) is refused anywhere in a value;</li>
 *   <li>a blank (empty, or spaces only) is not given, except for a choice, which is one of its options exactly (a form
 *       leaves an unchosen choice out);</li>
 *   <li>text, secrets, whole numbers and true/false lose their surrounding spaces; a URL and a choice are taken exactly
 *       as given, so a space around one is refused.</li>
 * </ul>
 */
public final class FormValidator {

    /**
     * @param forms the forms, in the order their fields are reported
     * @param raw field key to raw value
     * @return the typed values in field order: {@link String}, {@link URI}, {@link Long}, {@link Boolean} or
     *         {@link Secret}; optional fields left empty and without a default are absent
     * @throws ValidationException listing every field error
     */
    public Map<String, Object> validate(List<Form> forms, Map<String, String> raw) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Form form : forms) {
            for (Field field : form.fields()) {
                fields.put(field.key(), field);
            }
        }
        for (String key : raw.keySet()) {
            if (!fields.containsKey(key)) {
                errors.add(new FieldError(key, "unknown field; expected one of: " + String.join(", ", fields.keySet())));
            }
        }
        for (Field field : fields.values()) {
            String given = raw.get(field.key());
            FieldKind kind = field.type().kind();
            boolean blank = given == null || kind != FieldKind.CHOICE && trimSpaces(given).isEmpty();
            if (blank && field.defaultValue() == null) {
                if (field.required()) {
                    errors.add(new FieldError(field.key(), field.label() + " is required"));
                }
                continue;
            }
            String value = blank ? field.defaultValue()
                    : kind == FieldKind.URL || kind == FieldKind.CHOICE ? given : trimSpaces(given);
            try {
                values.put(field.key(), coerce(field, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field.key(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }

    /**
     * Checks one answer, for a wizard that asks field by field.
     *
     * @param field the field
     * @param raw what the user typed; blank (spaces only) means not given, for a choice too: an answer skipped
     * @return the error, or {@code null} when the answer is accepted
     */
    public FieldError check(Field field, String raw) {
        try {
            validate(List.of(Form.of(field)), raw == null || trimSpaces(raw).isEmpty() ? Map.of()
                    : Map.of(field.key(), raw));
            return null;
        } catch (ValidationException e) {
            return e.errors().get(0);
        }
    }

    /**
     * A stored value typed as the form's JSON Schema declares its field: an integer as {@link Long}, a boolean as
     * {@link Boolean}, anything else as the text. A value the field no longer accepts stays text, so it still shows.
     *
     * @param field the field
     * @param stored the stored value
     * @return the typed value
     */
    public static Object schemaTyped(Field field, String stored) {
        FieldKind kind = field.type().kind();
        if (kind != FieldKind.INTEGER && kind != FieldKind.BOOLEAN) {
            return stored;
        }
        try {
            return coerce(field, trimSpaces(stored));
        } catch (IllegalArgumentException e) {
            return stored;
        }
    }

    static Object coerce(Field field, String value) {
        FieldType type = field.type();
        refuseControlCharacters(field, value);
        return switch (type.kind()) {
            case TEXT, SUGGESTED_TEXT -> value;
            case SECRET -> {
                SecretReference.parse(value);
                yield Secret.of(value);
            }
            case URL -> url(value);
            case INTEGER -> integer((FieldType.IntegerNumber) type, value);
            case BOOLEAN -> bool(value);
            case CHOICE -> choice((FieldType.Choice) type, value);
        };
    }

    /**
     * Values end up in HTTP headers and URLs: a CR or LF there splits a header, so no control character passes. A
     * secret's value is never echoed, only where the character is.
     */
    private static void refuseControlCharacters(Field field, String value) {
        int index = firstControlCharacter(value);
        if (index >= 0) {
            String shown = field.isSecret() ? "the value" : "'" + value.replaceAll("\\p{Cntrl}", "?") + "'";
            throw new IllegalArgumentException(shown + " holds a control character (" + codePoint(value, index)
                    + ") at position " + (index + 1) + "; expected printable characters only (no line breaks or tabs)");
        }
    }

    /** @return the value without its leading and trailing spaces (U+0020 only: anything else is part of it) */
    static String trimSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    /** @param value a value @return the index of its first control character (below 0x20, or 0x7F), or -1 */
    public static int firstControlCharacter(String value) {
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            if (c < 0x20 || c == 0x7f) {
                return index;
            }
        }
        return -1;
    }

    /** @return the character at {@code index} as people name it, for example {@code U+000D} */
    public static String codePoint(String value, int index) {
        return String.format("U+%04X", (int) value.charAt(index));
    }

    private static URI url(String value) {
        String expected = "expected an absolute http or https URL such as https://store.example.com";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL; " + expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + value + "' is not a URL; " + expected);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + value + "' has a query, fragment or user name; " + expected
                    + " with none of those");
        }
        String normalized = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return URI.create(normalized);
    }

    /**
     * The largest whole number a field accepts when its platform declares no maximum: 2^53 - 1, the largest integer
     * every JSON reader (JavaScript's included) holds exactly. Nothing bigger reaches a plugin, where it could
     * overflow an int or a duration.
     */
    public static final long SAFE_INTEGER = 9_007_199_254_740_991L;

    /** @param type an integer field's type @return its minimum, or {@code -}{@link #SAFE_INTEGER} */
    public static long minimum(FieldType.IntegerNumber type) {
        return type.minimum() != null ? type.minimum() : -SAFE_INTEGER;
    }

    /** @param type an integer field's type @return its maximum, or {@link #SAFE_INTEGER} */
    public static long maximum(FieldType.IntegerNumber type) {
        return type.maximum() != null ? type.maximum() : SAFE_INTEGER;
    }

    private static Long integer(FieldType.IntegerNumber type, String value) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number" + range(type));
        }
        if (type.minimum() != null && number < type.minimum() || type.maximum() != null && number > type.maximum()) {
            throw new IllegalArgumentException("'" + value + "' is out of range" + range(type));
        }
        if (Math.abs(number) > SAFE_INTEGER) {
            throw new IllegalArgumentException("'" + value + "' is too large; expected at most " + SAFE_INTEGER
                    + " either way (" + range(type).substring(11) + ")");
        }
        return number;
    }

    private static String range(FieldType.IntegerNumber type) {
        String unit = type.unit() == null ? "" : " " + type.unit();
        if (type.minimum() != null && type.maximum() != null) {
            return "; expected " + type.minimum() + " to " + type.maximum() + unit;
        }
        if (type.minimum() != null) {
            return "; expected " + type.minimum() + " or more" + unit;
        }
        if (type.maximum() != null) {
            return "; expected " + type.maximum() + " or less" + unit;
        }
        return "; expected a whole number" + unit;
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + value + "' is not a boolean; expected true or false");
        };
    }

    private static String choice(FieldType.Choice type, String value) {
        for (FieldType.Option option : type.options()) {
            if (option.value().equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an option; expected one of: "
                + type.options().stream().map(FieldType.Option::value).collect(Collectors.joining(", "))
                + (value.isBlank() ? " (leave it out for none)" : ""));
    }
}
