package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.FieldType;
import io.storelink.api.PlatformDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a platform's connection form in a renderer's own ui-schema, to go with the schema that
 * {@link JsonSchemaRenderer} exports: the order, the sections, password inputs for secrets, placeholders from the
 * examples and a line of help (optional, the unit and bounds, the pattern in words, the suggested values).
 *
 * <p>Everything here is read from the exported schema and the fields it came from, so the two never disagree.
 * react-jsonschema-form draws no sections at its defaults, so its ui-schema carries the order only; JSON Forms gets a
 * vertical layout of one {@code Group} per section. See docs/form-schema.md.
 */
public final class UiSchemaRenderer {

    /** The form renderer a ui-schema is written for. */
    public enum Renderer implements ExportOption {
        /** react-jsonschema-form: {@code ui:order} and per-field {@code ui:*} options. */
        RJSF("rjsf"),
        /** JSON Forms: a {@code VerticalLayout} of {@code Group}s of {@code Control}s. */
        JSONFORMS("jsonforms");

        private final String label;

        Renderer(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        /**
         * @param label {@code rjsf} or {@code jsonforms}
         * @return the renderer
         * @throws IllegalArgumentException for anything else
         */
        public static Renderer parse(String label) {
            return ExportOption.parse("renderer", label, values());
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonSchemaRenderer schemas = new JsonSchemaRenderer();

    /**
     * @param descriptor the platform
     * @param renderer the renderer
     * @return the ui-schema for the connection schema of {@code descriptor}
     */
    public ObjectNode uiSchema(PlatformDescriptor descriptor, Renderer renderer) {
        ObjectNode schema = schemas.connectionSchema(descriptor);
        Map<String, Field> fields = new LinkedHashMap<>();
        Stream.concat(descriptor.credentials().fields().stream(), descriptor.settings().fields().stream())
                .forEach(field -> fields.put(field.key(), field));
        return renderer == Renderer.RJSF ? rjsf(schema, fields) : jsonForms(schema, fields);
    }

    private static ObjectNode rjsf(ObjectNode schema, Map<String, Field> fields) {
        ObjectNode ui = JSON.objectNode();
        ArrayNode order = ui.putArray("ui:order");
        fields.keySet().forEach(order::add);
        fields.forEach((key, field) -> {
            JsonNode property = schema.get("properties").get(key);
            ObjectNode options = JSON.objectNode();
            if (field.isSecret()) {
                options.put("ui:widget", "password");
            }
            placeholder(property).ifPresent(text -> options.put("ui:placeholder", text));
            String help = help(field, property);
            if (!help.isEmpty()) {
                options.put("ui:help", help);
            }
            if (!options.isEmpty()) {
                ui.set(key, options);
            }
        });
        return ui;
    }

    private static ObjectNode jsonForms(ObjectNode schema, Map<String, Field> fields) {
        ObjectNode layout = JSON.objectNode().put("type", "VerticalLayout");
        ArrayNode groups = layout.putArray("elements");
        for (JsonNode group : schema.get("groups")) {
            ObjectNode section = groups.addObject().put("type", "Group").put("label", group.get("title").asText());
            ArrayNode elements = section.putArray("elements");
            fields.forEach((key, field) -> {
                JsonNode property = schema.get("properties").get(key);
                if (!property.get("group").asText().equals(group.get("id").asText())) {
                    return;
                }
                ObjectNode control = elements.addObject().put("type", "Control").put("scope", "#/properties/" + key);
                ObjectNode options = JSON.objectNode();
                if (field.isSecret()) {
                    // What the vanilla and Material text cells read to draw a password input.
                    options.put("format", "password");
                }
                placeholder(property).ifPresent(text -> options.put("placeholder", text));
                if (!options.isEmpty()) {
                    control.set("options", options);
                }
                // JSON Forms has no help line under a control and shows the description only while it has focus;
                // a Label under the control keeps the help in view.
                String help = help(field, property);
                if (!help.isEmpty()) {
                    elements.addObject().put("type", "Label").put("text", help);
                }
            });
        }
        return layout;
    }

    /** The first example, as text: never present for a secret. */
    private static Optional<String> placeholder(JsonNode property) {
        JsonNode examples = property.get("examples");
        return examples == null || examples.isEmpty() ? Optional.empty()
                : Optional.of(examples.get(0).asText());
    }

    /**
     * One line of help: "Optional" for an optional field without a default, an integer's unit and bounds, a URL's or
     * secret's pattern in words, a suggested text's values.
     */
    static String help(Field field, JsonNode property) {
        List<String> parts = new ArrayList<>();
        if (!field.required() && field.defaultValue() == null) {
            parts.add("Optional");
        }
        FieldType type = field.type();
        if (type instanceof FieldType.IntegerNumber integer) {
            String unit = integer.unit() == null ? "A whole number" : "In " + integer.unit();
            parts.add(unit + (integer.minimum() != null && integer.maximum() != null
                    ? ", " + integer.minimum() + " to " + integer.maximum() : ""));
        }
        if ((type.kind() == FieldKind.URL || type.kind() == FieldKind.SECRET) && property.has("pattern_descriptor")) {
            parts.add(property.get("pattern_descriptor").asText());
        }
        if (type instanceof FieldType.SuggestedText suggested) {
            parts.add("Suggested: " + String.join(", ", suggested.suggestions()));
        }
        return String.join(". ", parts);
    }
}
