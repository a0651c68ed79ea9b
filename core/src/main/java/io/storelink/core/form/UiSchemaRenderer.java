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
 * react-jsonschema-form 6 gets a grid of its built-in {@code LayoutGridField}: the form's title, then per section a
 * heading (its built-in {@code LayoutHeaderField}) and the section's fields; JSON Forms gets a vertical layout of one
 * {@code Group} per section. See docs/form-schema.md.
 */
public final class UiSchemaRenderer {

    /** The form renderer a ui-schema is written for. */
    public enum Renderer implements ExportOption {
        /** react-jsonschema-form 6: a {@code LayoutGridField} grid of sections, and per-field {@code ui:*} options. */
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
        // rjsf 6's built-in LayoutGridField draws the form instead of ObjectField (which has no sections): a row of
        // the form's title, then one column per section, each a heading and the section's fields. The data stays one
        // flat object: each name is a top-level property. A child without a name stands for the form's own object,
        // so the built-in LayoutHeaderField draws it as a heading with the title given, and no star.
        ui.put("ui:field", "LayoutGridField");
        ArrayNode row = ui.putObject("ui:layoutGrid").putArray("ui:row");
        ObjectNode title = heading(row, schema.get("title").asText());
        String description = schema.path("description").asText("");
        if (!description.isBlank()) {
            // A heading's description is not drawn (rjsf gives an object no label, and no description without one);
            // its help is.
            title.put("help", description);
        }
        sections(schema, fields).forEach((section, keys) -> {
            if (keys.isEmpty()) {
                return;
            }
            ObjectNode column = row.addObject().putObject("ui:col").put("role", "group").put("aria-label", section);
            ArrayNode children = column.putArray("children");
            heading(children, section);
            keys.forEach(children::add);
        });
        // Unused by rjsf 6, which draws the grid; a renderer without LayoutGridField falls back to ObjectField, which
        // still keeps this order.
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

    /** A child of an rjsf layout grid drawn as a heading: the built-in LayoutHeaderField, titled {@code title}. */
    private static ObjectNode heading(ArrayNode children, String title) {
        return children.addObject().put("field", "LayoutHeaderField").put("title", title);
    }

    /** The keys of each section's fields, in the form's order, by the section's title, in the schema's order. */
    private static Map<String, List<String>> sections(ObjectNode schema, Map<String, Field> fields) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (JsonNode group : schema.get("groups")) {
            List<String> keys = new ArrayList<>();
            fields.keySet().forEach(key -> {
                if (schema.get("properties").get(key).get("group").asText().equals(group.get("id").asText())) {
                    keys.add(key);
                }
            });
            sections.put(group.get("title").asText(), keys);
        }
        return sections;
    }

    private static ObjectNode jsonForms(ObjectNode schema, Map<String, Field> fields) {
        ObjectNode layout = JSON.objectNode().put("type", "VerticalLayout");
        ArrayNode groups = layout.putArray("elements");
        sections(schema, fields).forEach((title, keys) -> {
            ObjectNode section = groups.addObject().put("type", "Group").put("label", title);
            ArrayNode elements = section.putArray("elements");
            keys.forEach(key -> {
                Field field = fields.get(key);
                JsonNode property = schema.get("properties").get(key);
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
        });
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
