package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a platform's forms as one JSON Schema document that common form renderers (react-jsonschema-form, JSON
 * Forms) turn into a form at their defaults.
 *
 * <p>The default dialect is draft-07, the one those renderers validate with out of the box; 2020-12 is on request.
 * The document uses only keywords both dialects share, so only {@code $schema} differs. Properties appear in field
 * order, credentials first. Standard keywords carry the form ({@code title}, {@code description}, {@code default},
 * {@code examples}, {@code format}, {@code pattern}, {@code minimum}, {@code oneOf} const/title, {@code writeOnly},
 * {@code required}); the Airbyte connector-spec annotations carry layout and secrecy ({@code groups}, {@code group},
 * {@code order}, {@code airbyte_secret}, {@code pattern_descriptor}). See docs/form-schema.md.
 */
public final class JsonSchemaRenderer {

    /** The JSON Schema dialect a document declares. */
    public enum Dialect {
        DRAFT_07("draft-07", "http://json-schema.org/draft-07/schema#"),
        DRAFT_2020_12("2020-12", "https://json-schema.org/draft/2020-12/schema");

        private final String label;
        private final String uri;

        Dialect(String label, String uri) {
            this.label = label;
            this.uri = uri;
        }

        /** @return the short name, {@code draft-07} or {@code 2020-12} */
        public String label() {
            return label;
        }

        /** @return the meta-schema URI written as {@code $schema} */
        public String uri() {
            return uri;
        }

        /**
         * @param label {@code draft-07} or {@code 2020-12} (also {@code 7}, {@code draft7}, {@code draft-2020-12})
         * @return the dialect
         * @throws IllegalArgumentException for anything else
         */
        public static Dialect parse(String label) {
            String normalized = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            return switch (normalized) {
                case "draft-07", "draft07", "draft7", "7", "07" -> DRAFT_07;
                case "2020-12", "draft-2020-12", "draft2020-12" -> DRAFT_2020_12;
                default -> throw new IllegalArgumentException("'" + label + "' is not a supported dialect; expected "
                        + DRAFT_07.label + " or " + DRAFT_2020_12.label);
            };
        }
    }

    /**
     * Which keywords an export carries: {@link #ALL} adds the annotations no dialect defines ({@link #EXTRA_KEYWORDS})
     * to the standard ones; {@link #STANDARD} leaves them out, for validators in strict mode (Ajv's default), with
     * layout then carried by a ui-schema ({@link UiSchemaRenderer}).
     */
    public enum Keywords implements ExportOption {
        ALL("all"),
        STANDARD("standard");

        private final String label;

        Keywords(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        /**
         * @param label {@code all} or {@code standard}
         * @return the choice
         * @throws IllegalArgumentException for anything else
         */
        public static Keywords parse(String label) {
            return ExportOption.parse("keywords choice", label, values());
        }
    }

    /** The Airbyte connector-spec annotations the export adds, which no JSON Schema dialect defines. */
    public static final List<String> EXTRA_KEYWORDS =
            List.of("groups", "group", "order", "airbyte_secret", "pattern_descriptor");

    /*
     * The patterns below hold FormValidator's one rule for text (see FormValidator#validate): no control character
     * anywhere; a blank (empty or spaces only) is not given; free text and secrets lose their surrounding spaces; a URL
     * is taken exactly as sent. Each reads the same in ECMA-262 (Ajv, with its "u" flag) and Java: no \\s outside
     * [\\s\\S], whose meaning differs between the two.
     */

    /** Starts every pattern: no control character (U+0000 to U+001F, U+007F) anywhere in the value. */
    static final String PRINTABLE = "^(?![\\s\\S]*[\\u0000-\\u001F\\u007F])";

    /** An absolute http or https URL without query, fragment or user name, as {@link FormValidator} accepts one. */
    static final String URL = "[hH][tT][tT][pP][sS]?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[^?#\\s]*)?$";

    /**
     * A required URL, next to {@code format: uri}: a value without a scheme is left to the format, whose message a
     * renderer shows at its defaults ("must match format uri"), so it gets one error, not two.
     */
    static final String URL_PATTERN = PRINTABLE + "(?:(?![A-Za-z][A-Za-z0-9+.-]*:)|" + URL + ")";

    /** An optional URL: blank, or a URL (no format, which would refuse the blank). */
    static final String OPTIONAL_URL_PATTERN = PRINTABLE + "(?: *$|" + URL + ")";

    /** A required text: something besides spaces. */
    static final String REQUIRED_TEXT_PATTERN = PRINTABLE + " *[^ ]";

    /** A secret after its spaces: a value that does not start like a reference, or a whole reference. */
    private static final String SECRET = "(?!\\$\\{)[^ ]|" + SecretReference.REFERENCE + " *$";

    /** A required secret, as {@link SecretReference#parse} decides after the spaces go. */
    static final String REQUIRED_SECRET_PATTERN = PRINTABLE + " *(?:" + SECRET + ")";

    /** An optional secret: blank, or as a required one. */
    static final String OPTIONAL_SECRET_PATTERN = PRINTABLE + " *(?:$|" + SECRET + ")";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param descriptor the platform
     * @return the connection schema in draft-07: credentials and settings as one flat object
     */
    public ObjectNode connectionSchema(PlatformDescriptor descriptor) {
        return connectionSchema(descriptor, Dialect.DRAFT_07);
    }

    /**
     * @param descriptor the platform
     * @param dialect the dialect to declare
     * @return the connection schema: credentials and settings as one flat object
     */
    public ObjectNode connectionSchema(PlatformDescriptor descriptor, Dialect dialect) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", dialect.uri());
        schema.put("$id", "urn:storelink:platform:" + descriptor.id() + ":connection");
        schema.put("title", descriptor.displayName() + " connection");
        schema.put("description", descriptor.description());
        schema.put("type", "object");
        ArrayNode groups = schema.putArray("groups");
        groups.addObject().put("id", "credentials").put("title", "Credentials");
        groups.addObject().put("id", "settings").put("title", "Import settings");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        int order = 0;
        for (var group : List.of(new Group("credentials", descriptor.credentials()),
                new Group("settings", descriptor.settings()))) {
            for (Field field : group.form().fields()) {
                ObjectNode property = property(field);
                property.put("group", group.key());
                property.put("order", order++);
                properties.set(field.key(), property);
                if (field.required()) {
                    required.add(field.key());
                }
            }
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * @param descriptor the platform
     * @param dialect the dialect to declare
     * @param keywords whether to add the {@link #EXTRA_KEYWORDS}
     * @return the connection schema: credentials and settings as one flat object
     */
    public ObjectNode connectionSchema(PlatformDescriptor descriptor, Dialect dialect, Keywords keywords) {
        ObjectNode schema = connectionSchema(descriptor, dialect);
        if (keywords == Keywords.STANDARD) {
            schema.remove(EXTRA_KEYWORDS);
            schema.get("properties").forEach(property -> ((ObjectNode) property).remove(EXTRA_KEYWORDS));
        }
        return schema;
    }

    private static ObjectNode property(Field field) {
        ObjectNode property = JSON.objectNode();
        FieldType type = field.type();
        String unit = type instanceof FieldType.IntegerNumber integer && integer.unit() != null
                ? " (" + integer.unit() + ")" : "";
        property.put("title", field.label() + unit);
        String description = description(field);
        if (!description.isEmpty()) {
            property.put("description", description);
        }
        // Examples: the declared example, then any suggestions. Never for a secret, whose example would be a credential.
        Set<String> examples = new LinkedHashSet<>();
        if (field.example() != null && !field.isSecret()) {
            examples.add(field.example());
        }
        switch (type.kind()) {
            case TEXT -> text(property, field);
            case SECRET -> {
                property.put("type", "string");
                property.put("format", "password");
                property.put("writeOnly", true);
                property.put("airbyte_secret", true);
                if (field.required()) {
                    property.put("minLength", 1);
                    property.put("pattern", REQUIRED_SECRET_PATTERN);
                    property.put("pattern_descriptor", "not blank; a value, ${env:NAME} or ${file:/absolute/path}");
                } else {
                    property.put("pattern", OPTIONAL_SECRET_PATTERN);
                    property.put("pattern_descriptor", "a value, ${env:NAME} or ${file:/absolute/path}; blank for none");
                }
            }
            case URL -> {
                property.put("type", "string");
                if (field.required()) {
                    property.put("format", "uri");
                    property.put("pattern", URL_PATTERN);
                    property.put("pattern_descriptor", "http(s)://host[:port][/path], no query or fragment");
                } else {
                    // "format" would refuse a blank, which the host reads as not given.
                    property.put("pattern", OPTIONAL_URL_PATTERN);
                    property.put("pattern_descriptor",
                            "http(s)://host[:port][/path], no query or fragment; blank for none");
                }
            }
            case INTEGER -> {
                FieldType.IntegerNumber integer = (FieldType.IntegerNumber) type;
                property.put("type", "integer");
                // The bounds the host enforces, declared or not: the schema accepts exactly what the host accepts.
                property.put("minimum", FormValidator.minimum(integer));
                property.put("maximum", FormValidator.maximum(integer));
            }
            case BOOLEAN -> property.put("type", "boolean");
            case CHOICE -> {
                FieldType.Choice choice = (FieldType.Choice) type;
                property.put("type", "string");
                ArrayNode options = property.putArray("oneOf");
                for (FieldType.Option option : choice.options()) {
                    options.addObject().put("const", option.value()).put("title", option.label());
                }
            }
            case SUGGESTED_TEXT -> {
                text(property, field);
                examples.addAll(((FieldType.SuggestedText) type).suggestions());
            }
        }
        if (field.defaultValue() != null) {
            property.set("default", typed(field, field.defaultValue()));
        }
        if (!examples.isEmpty()) {
            ArrayNode array = property.putArray("examples");
            examples.forEach(example -> array.add(typed(field, example)));
        }
        return property;
    }

    /** The help text, then the hints in brackets, e.g. "The store view code. (multi-store only)". */
    private static String description(Field field) {
        StringBuilder text = new StringBuilder(field.help());
        if (!field.hints().isEmpty()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append('(').append(String.join("; ", field.hints())).append(')');
        }
        return text.toString();
    }

    private static void text(ObjectNode property, Field field) {
        property.put("type", "string");
        if (field.required()) {
            property.put("minLength", 1);
            property.put("pattern", REQUIRED_TEXT_PATTERN);
            property.put("pattern_descriptor", "not blank; no control characters (tabs, line breaks)");
        } else {
            // A blank is accepted: the host reads it as not given.
            property.put("pattern", PRINTABLE);
            property.put("pattern_descriptor", "no control characters (tabs, line breaks)");
        }
    }

    /** A declared default or example as the JSON value a UI would send. */
    private static JsonNode typed(Field field, String value) {
        Object coerced;
        try {
            coerced = FormValidator.coerce(field, value);
        } catch (IllegalArgumentException e) {
            return JSON.textNode(value);
        }
        if (coerced instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (coerced instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        return JSON.textNode(value);
    }

    private record Group(String key, Form form) {
    }
}
