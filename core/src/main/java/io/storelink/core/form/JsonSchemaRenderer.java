package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;

import java.util.List;

/**
 * Renders a platform's forms as one JSON Schema 2020-12 document that any UI can turn into a form.
 *
 * <p>Properties appear in field order, credentials first. Standard keywords carry what they can ({@code title},
 * {@code description}, {@code default}, {@code examples}, {@code format}, {@code minimum}, {@code enum},
 * {@code writeOnly}, {@code required}); {@code x-storelink-*} keywords carry the rest (group, order, widget, unit,
 * hints). See docs/form-schema.md.
 */
public final class JsonSchemaRenderer {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** Accepts an absolute http or https URL without query or fragment, as {@link FormValidator} does. */
    static final String URL_PATTERN =
            "^[hH][tT][tT][pP][sS]?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[^?#\\s]*)?$";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param descriptor the platform
     * @return the connection schema: credentials and settings as one flat object
     */
    public ObjectNode connectionSchema(PlatformDescriptor descriptor) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", "urn:storelink:platform:" + descriptor.id() + ":connection");
        schema.put("title", descriptor.displayName() + " connection");
        schema.put("description", descriptor.description());
        schema.put("type", "object");
        ArrayNode groups = schema.putArray("x-storelink-groups");
        groups.addObject().put("key", "credentials").put("title", "Credentials");
        groups.addObject().put("key", "settings").put("title", "Import settings");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        int order = 0;
        for (var group : List.of(new Group("credentials", descriptor.credentials()),
                new Group("settings", descriptor.settings()))) {
            for (Field field : group.form().fields()) {
                ObjectNode property = property(field);
                property.put("x-storelink-group", group.key());
                property.put("x-storelink-order", order++);
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

    private static ObjectNode property(Field field) {
        ObjectNode property = JSON.objectNode();
        property.put("title", field.label());
        if (!field.help().isEmpty()) {
            property.put("description", field.help());
        }
        FieldType type = field.type();
        switch (type.kind()) {
            case TEXT -> text(property, "text");
            case SECRET -> {
                text(property, "password");
                property.put("writeOnly", true);
                property.put("x-storelink-secret", true);
                property.put("pattern", SecretReference.SCHEMA_PATTERN);
            }
            case URL -> {
                property.put("type", "string");
                property.put("format", "uri");
                property.put("pattern", URL_PATTERN);
                property.put("x-storelink-widget", "url");
            }
            case INTEGER -> {
                FieldType.IntegerNumber integer = (FieldType.IntegerNumber) type;
                property.put("type", "integer");
                // The bounds the host enforces, declared or not: the schema accepts exactly what the host accepts.
                property.put("minimum", FormValidator.minimum(integer));
                property.put("maximum", FormValidator.maximum(integer));
                if (integer.unit() != null) {
                    property.put("x-storelink-unit", integer.unit());
                }
                property.put("x-storelink-widget", "number");
            }
            case BOOLEAN -> {
                property.put("type", "boolean");
                property.put("x-storelink-widget", "checkbox");
            }
            case CHOICE -> {
                FieldType.Choice choice = (FieldType.Choice) type;
                property.put("type", "string");
                ArrayNode values = property.putArray("enum");
                ObjectNode titles = property.putObject("x-storelink-enum-titles");
                for (FieldType.Option option : choice.options()) {
                    values.add(option.value());
                    titles.put(option.value(), option.label());
                }
                property.put("x-storelink-widget", "select");
            }
            case SUGGESTED_TEXT -> {
                text(property, "combobox");
                ArrayNode suggestions = property.putArray("x-storelink-suggestions");
                ((FieldType.SuggestedText) type).suggestions().forEach(suggestions::add);
            }
        }
        if (field.defaultValue() != null) {
            property.set("default", typed(field, field.defaultValue()));
        }
        if (field.example() != null) {
            property.putArray("examples").add(typed(field, field.example()));
        }
        if (!field.hints().isEmpty()) {
            ArrayNode hints = property.putArray("x-storelink-hints");
            field.hints().forEach(hints::add);
        }
        return property;
    }

    private static void text(ObjectNode property, String widget) {
        property.put("type", "string");
        property.put("pattern", "\\S");
        property.put("x-storelink-widget", widget);
    }

    /** A declared default or example as the JSON value a UI would send. */
    private static JsonNode typed(Field field, String value) {
        Object coerced = FormValidator.coerce(field, value);
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
