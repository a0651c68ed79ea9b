package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered schema is valid JSON Schema draft-07 (and 2020-12 on request), and a real validator library accepts exactly the inputs that
 * {@link FormValidator} accepts.
 */
final class JsonSchemaConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry DRAFT_07 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final ObjectNode schema = new JsonSchemaRenderer().connectionSchema(TestForms.PLATFORM);

    @Test
    void isDraft07ByDefault() throws Exception {
        Schema metaSchema = DRAFT_07.getSchema(SchemaLocation.of(JsonSchemaRenderer.Dialect.DRAFT_07.uri()));

        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(metaSchema.validate(JSON.writeValueAsString(schema), InputFormat.JSON)).isEmpty();
    }

    @Test
    void isValidAgainstTheDraft202012MetaSchemaOnRequest() throws Exception {
        ObjectNode modern = new JsonSchemaRenderer().connectionSchema(TestForms.PLATFORM,
                JsonSchemaRenderer.Dialect.DRAFT_2020_12);
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(JsonSchemaRenderer.Dialect.DRAFT_2020_12.uri()));

        assertThat(modern.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(metaSchema.validate(JSON.writeValueAsString(modern), InputFormat.JSON)).isEmpty();
        modern.remove("$schema");
        ObjectNode classic = schema.deepCopy();
        classic.remove("$schema");
        assertThat(modern).as("only $schema differs").isEqualTo(classic);
    }

    @Test
    void listsPropertiesInFieldOrderWithTheirKeywords() {
        List<String> keys = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("api-token", "shop-url", "store-code", "status", "delay", "bundle-parent", "mode");

        JsonNode properties = schema.get("properties");
        assertThat(schema.get("required")).containsExactly(JSON.valueToTree("api-token"), JSON.valueToTree("shop-url"));
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(properties.get("api-token").get("writeOnly").asBoolean()).isTrue();
        assertThat(properties.get("api-token").get("format").asText()).isEqualTo("password");
        assertThat(properties.get("api-token").get("airbyte_secret").asBoolean()).isTrue();
        assertThat(properties.get("api-token").has("examples")).isFalse();
        assertThat(properties.get("api-token").get("title").asText()).isEqualTo("API token");
        assertThat(properties.get("api-token").get("description").asText()).isEqualTo("The token.");
        assertThat(properties.get("shop-url").get("format").asText()).isEqualTo("uri");
        assertThat(properties.get("shop-url").get("pattern_descriptor").asText()).isNotBlank();
        assertThat(properties.get("shop-url").get("examples").get(0).asText()).isEqualTo("https://shop.example.com");
        assertThat(properties.get("store-code").get("description").asText()).isEqualTo("(multi-store only)");
        assertThat(properties.get("delay").get("type").asText()).isEqualTo("integer");
        assertThat(properties.get("delay").get("title").asText()).isEqualTo("Delay (minutes)");
        assertThat(properties.get("delay").get("minimum").asLong()).isZero();
        assertThat(properties.get("delay").get("maximum").asLong()).isEqualTo(1440);
        assertThat(properties.get("delay").get("default").isIntegralNumber()).isTrue();
        assertThat(properties.get("delay").get("examples").get(0).asLong()).isEqualTo(30);
        assertThat(properties.get("bundle-parent").get("default").isBoolean()).isTrue();
        assertThat(properties.get("mode").get("oneOf")).containsExactly(
                JSON.createObjectNode().put("const", "live").put("title", "Live"),
                JSON.createObjectNode().put("const", "test").put("title", "Test"));
        assertThat(properties.get("status").get("examples")).containsExactly(
                JSON.valueToTree("processing"), JSON.valueToTree("pending"));
        assertThat(schema.get("groups")).hasSize(2);
        assertThat(properties.get("status").get("group").asText()).isEqualTo("settings");
        assertThat(properties.get("mode").get("order").asInt()).isEqualTo(6);
    }

    static Stream<Arguments> inputs() {
        return Stream.of(
                row("minimal valid", "api-token", "tok", "shop-url", "https://shop.example.com"),
                row("every field", "api-token", "tok", "shop-url", "http://localhost:8080/magento", "store-code", "de",
                        "status", "pending,processing", "delay", "1440", "bundle-parent", "true", "mode", "test"),
                row("secret reference", "api-token", "${env:TOKEN}", "shop-url", "https://shop.example.com"),
                row("file reference", "api-token", "${file:/run/secrets/token}", "shop-url", "https://shop.example.com"),
                row("malformed reference", "api-token", "${env:}", "shop-url", "https://shop.example.com"),
                row("missing token", "shop-url", "https://shop.example.com"),
                row("missing url", "api-token", "tok"),
                row("blank required", "api-token", "   ", "shop-url", "https://shop.example.com"),
                row("url without scheme", "api-token", "tok", "shop-url", "shop.example.com"),
                row("ftp url", "api-token", "tok", "shop-url", "ftp://shop.example.com"),
                row("url with query", "api-token", "tok", "shop-url", "https://shop.example.com/?x=1"),
                row("url with fragment", "api-token", "tok", "shop-url", "https://shop.example.com/#top"),
                row("url with port", "api-token", "tok", "shop-url", "https://127.0.0.1:8443"),
                row("negative delay", "api-token", "tok", "shop-url", "https://s.example.com", "delay", "-1"),
                row("delay above maximum", "api-token", "tok", "shop-url", "https://s.example.com", "delay", "1441"),
                row("delay not a number", "api-token", "tok", "shop-url", "https://s.example.com", "delay", "soon"),
                row("delay decimal", "api-token", "tok", "shop-url", "https://s.example.com", "delay", "1.5"),
                row("boolean word", "api-token", "tok", "shop-url", "https://s.example.com", "bundle-parent", "maybe"),
                row("boolean false", "api-token", "tok", "shop-url", "https://s.example.com", "bundle-parent", "false"),
                row("choice outside", "api-token", "tok", "shop-url", "https://s.example.com", "mode", "sandbox"),
                row("unknown key", "api-token", "tok", "shop-url", "https://s.example.com", "colour", "blue"),
                row("blank optional", "api-token", "tok", "shop-url", "https://s.example.com", "store-code", " "),
                row("empty optional", "api-token", "tok", "shop-url", "https://s.example.com", "store-code", "",
                        "status", ""),
                row("empty required secret", "api-token", "", "shop-url", "https://shop.example.com"),
                row("empty required url", "api-token", "tok", "shop-url", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void libraryAndValidatorAgree(String name, Map<String, String> raw) throws Exception {
        agree(raw, true);
        agree(raw, false);
    }

    /** @param dropBlanks whether the UI leaves a blank answer out (as most do) or sends it as text */
    private void agree(Map<String, String> raw, boolean dropBlanks) throws Exception {
        boolean ours;
        try {
            new FormValidator().validate(TestForms.FORMS, raw);
            ours = true;
        } catch (ValidationException e) {
            ours = false;
        }
        String instance = JSON.writeValueAsString(asSubmittedByAForm(raw, dropBlanks));
        for (JsonSchemaRenderer.Dialect dialect : JsonSchemaRenderer.Dialect.values()) {
            ObjectNode exported = new JsonSchemaRenderer().connectionSchema(TestForms.PLATFORM, dialect);
            Schema jsonSchema = REGISTRY.getSchema(JSON.writeValueAsString(exported), InputFormat.JSON);
            boolean library = jsonSchema.validate(instance, InputFormat.JSON).isEmpty();

            assertThat(library).as("%s: library accepts %s, validator accepts %s, for %s", dialect.label(), library,
                    ours, instance).isEqualTo(ours);
        }
    }

    /** What a UI rendering the schema would submit for the same answers: blanks left out, typed where they parse. */
    private static ObjectNode asSubmittedByAForm(Map<String, String> raw, boolean dropBlanks) {
        ObjectNode instance = JSON.createObjectNode();
        raw.forEach((key, value) -> {
            FieldKind kind = TestForms.FORMS.stream().flatMap(form -> form.fields().stream())
                    .filter(field -> field.key().equals(key)).map(field -> field.type().kind())
                    .findFirst().orElse(FieldKind.TEXT);
            // A number box or checkbox has no blank to send; a text box may send "".
            if (value.isBlank() && (dropBlanks || kind == FieldKind.INTEGER || kind == FieldKind.BOOLEAN
                    || kind == FieldKind.CHOICE)) {
                return;
            }
            if (kind == FieldKind.INTEGER && value.matches("-?\\d+")) {
                instance.put(key, Long.parseLong(value));
            } else if (kind == FieldKind.BOOLEAN && (value.equals("true") || value.equals("false"))) {
                instance.put(key, Boolean.parseBoolean(value));
            } else {
                instance.put(key, value);
            }
        });
        return instance;
    }

    private static Arguments row(String name, String... keyValues) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return Arguments.of(name, raw);
    }

    @Test
    void tableCoversAcceptedAndRejectedInputsAndEveryFieldKind() {
        List<Map<String, String>> rows = inputs().map(arguments -> (Map<String, String>) arguments.get()[1]).toList();
        long accepted = rows.stream().filter(raw -> {
            try {
                new FormValidator().validate(TestForms.FORMS, raw);
                return true;
            } catch (ValidationException e) {
                return false;
            }
        }).count();
        assertThat(accepted).isBetween(5L, rows.size() - 10L);
        Iterator<Field> fields = TestForms.FORMS.stream().flatMap(form -> form.fields().stream()).iterator();
        while (fields.hasNext()) {
            String key = fields.next().key();
            assertThat(rows).as("some row sets %s", key).anyMatch(raw -> raw.containsKey(key));
        }
    }
}
