package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.storelink.api.Capability;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.form.JsonSchemaRenderer.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A descriptor shaped like the Magento 2 plugin's (core tests cannot depend on the plugin), exported in each dialect
 * and checked with a real validator: the export is valid against its meta-schema, and the schema and
 * {@link FormValidator} refuse the same fields for the same answers.
 */
final class MagentoShapedSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Form CREDENTIALS = Form.of(
            Field.builder("access-token", "Access token", FieldType.secret()).help("The Integration access token.")
                    .example("a1b2c3d4e5f6g7h8").required().build(),
            Field.builder("store-url", "Store URL", FieldType.url()).help("The base URL of your Magento store.")
                    .example("https://store.example.com").required().build(),
            Field.builder("store-view-code", "Store View Code", FieldType.text()).help("The store view.")
                    .example("default").hint(Field.MULTI_STORE_ONLY).build());

    static final Form SETTINGS = Form.of(
            Field.builder("order-import-status", "Order Import Status", FieldType.suggestedText(
                    List.of("processing", "pending", "holded", "complete", "closed", "canceled")))
                    .example("processing").defaultValue("processing").build(),
            Field.builder("import-delay", "Delay Orders Imported By", FieldType.integer("minutes", 0L, 525_600L))
                    .example("30").defaultValue("0").build(),
            Field.builder("include-bundle-parent", "Include Bundle Parent", FieldType.bool()).defaultValue("false").build(),
            Field.builder("compact-ship-notification", "Use Compact Shipment Ship Notification", FieldType.bool())
                    .defaultValue("true").build());

    static final PlatformDescriptor MAGENTO = new PlatformDescriptor("magento2", "Magento 2", "1.0.0",
            "Magento 2 stores.", Set.of(Capability.TEST_CONNECTION), CREDENTIALS, SETTINGS);

    private static final List<Form> FORMS = List.of(CREDENTIALS, SETTINGS);

    private static SchemaRegistry registry(Dialect dialect) {
        SpecificationVersion version = dialect == Dialect.DRAFT_07
                ? SpecificationVersion.DRAFT_7 : SpecificationVersion.DRAFT_2020_12;
        return SchemaRegistry.withDefaultDialect(version, builder -> builder.schemaRegistryConfig(
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void exportIsValidAgainstItsMetaSchema(Dialect dialect) throws Exception {
        ObjectNode schema = new JsonSchemaRenderer().connectionSchema(MAGENTO, dialect);
        assertThat(schema.get("$schema").asText()).isEqualTo(dialect.uri());

        Schema meta = registry(dialect).getSchema(SchemaLocation.of(dialect.uri()));
        assertThat(meta.validate(JSON.writeValueAsString(schema), InputFormat.JSON)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void carriesTheConventionalKeywordsUisRead(Dialect dialect) {
        JsonNode schema = new JsonSchemaRenderer().connectionSchema(MAGENTO, dialect);
        JsonNode properties = schema.get("properties");
        JsonNode token = properties.get("access-token");
        assertThat(token.get("format").asText()).isEqualTo("password");
        assertThat(token.get("writeOnly").asBoolean()).isTrue();
        assertThat(token.get("airbyte_secret").asBoolean()).isTrue();
        assertThat(token.has("examples")).as("a secret shows no example").isFalse();
        assertThat(token.get("minLength").asInt()).isEqualTo(1);
        assertThat(properties.get("import-delay").get("title").asText()).isEqualTo("Delay Orders Imported By (minutes)");
        assertThat(properties.get("order-import-status").get("examples")).hasSize(6);
        assertThat(properties.get("store-view-code").get("description").asText()).contains("multi-store only");
        assertThat(schema.get("groups").get(0).get("id").asText()).isEqualTo("credentials");
        assertThat(properties.get("compact-ship-notification").get("group").asText()).isEqualTo("settings");
        assertThat(properties.get("compact-ship-notification").get("order").asInt()).isEqualTo(6);
        properties.forEach(property -> {
            if (property.has("pattern")) {
                assertThat(property.get("pattern_descriptor").asText()).isNotBlank();
            }
        });
        assertThat(schema.toString()).doesNotContain("x-storelink-");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anEmptyObjectFailsOnExactlyTheRequiredFields(Dialect dialect) throws Exception {
        assertSameVerdict(dialect, Map.of(), Set.of("access-token", "store-url"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aBadUrlFailsOnThatField(Dialect dialect) throws Exception {
        assertSameVerdict(dialect, Map.of("access-token", "tok", "store-url", "store.example.com"), Set.of("store-url"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aValidObjectPasses(Dialect dialect) throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("access-token", "a1b2c3d4e5f6g7h8");
        answers.put("store-url", "https://store.example.com");
        answers.put("store-view-code", "default");
        answers.put("order-import-status", "processing,pending");
        answers.put("import-delay", 30L);
        answers.put("include-bundle-parent", true);
        answers.put("compact-ship-notification", false);
        assertSameVerdict(dialect, answers, Set.of());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aBlankTokenFails(Dialect dialect) throws Exception {
        assertSameVerdict(dialect, Map.of("access-token", "", "store-url", "https://store.example.com"),
                Set.of("access-token"));
        assertSameVerdict(dialect, Map.of("access-token", "   ", "store-url", "https://store.example.com"),
                Set.of("access-token"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aBlankOptionalTextPasses(Dialect dialect) throws Exception {
        assertSameVerdict(dialect, Map.of("access-token", "tok", "store-url", "https://store.example.com",
                "store-view-code", "", "order-import-status", " "), Set.of());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDelayOutOfBoundsFailsOnThatField(Dialect dialect) throws Exception {
        assertSameVerdict(dialect, Map.of("access-token", "tok", "store-url", "https://store.example.com",
                "import-delay", 525_601L), Set.of("import-delay"));
    }

    /** Both the schema (over the JSON a UI submits) and the host's validator (over the same answers as text). */
    private static void assertSameVerdict(Dialect dialect, Map<String, Object> answers, Set<String> failing)
            throws Exception {
        ObjectNode schema = new JsonSchemaRenderer().connectionSchema(MAGENTO, dialect);
        Schema compiled = registry(dialect).getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
        List<Error> errors = compiled.validate(JSON.writeValueAsString(answers), InputFormat.JSON);
        Set<String> bySchema = errors.stream().map(MagentoShapedSchemaTest::field)
                .collect(Collectors.toCollection(TreeSet::new));

        Map<String, String> raw = new LinkedHashMap<>();
        answers.forEach((key, value) -> raw.put(key, String.valueOf(value)));
        Set<String> byHost = new TreeSet<>();
        try {
            new FormValidator().validate(FORMS, raw);
        } catch (ValidationException e) {
            e.errors().forEach(error -> byHost.add(error.key()));
        }

        assertThat(bySchema).as("schema errors %s", errors).containsExactlyElementsOf(new TreeSet<>(failing));
        assertThat(byHost).as("host errors").containsExactlyElementsOf(new TreeSet<>(failing));
    }

    private static String field(Error error) {
        if ("required".equals(error.getKeyword())) {
            return error.getProperty();
        }
        return error.getInstanceLocation().getNameCount() == 0 ? "" : error.getInstanceLocation().getName(0);
    }
}
