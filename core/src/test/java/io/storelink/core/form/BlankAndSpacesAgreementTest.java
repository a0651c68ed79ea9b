package io.storelink.core.form;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.storelink.api.Capability;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for blanks, spaces and control characters, held by the schema and the host alike: a blank (empty or
 * spaces only) is not given; free text (text, secret) loses its surrounding spaces; a URL or a choice is taken
 * exactly as sent, so a space around it, or a blank choice, is refused; a control character is refused anywhere.
 * Each value is sent to each kind of field, required and optional, as a form would send it (JSON text).
 */
final class BlankAndSpacesAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry DRAFT_07 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final List<FieldType.Option> OPTIONS =
            List.of(new FieldType.Option("live", "Live"), new FieldType.Option("test", "Test"));

    /** Each kind required and optional; the value under test goes to one field, the required others get a good one. */
    private static final Map<String, String> GOOD = new LinkedHashMap<>();
    private static final List<Field> FIELDS = new ArrayList<>();

    static {
        add(FieldType.text(), "store-view");
        add(FieldType.secret(), "tok_123");
        add(FieldType.url(), "https://s.example.com");
        add(FieldType.choice(OPTIONS), "live");
    }

    private static void add(FieldType type, String good) {
        String kind = type.kind().name().toLowerCase(java.util.Locale.ROOT);
        FIELDS.add(Field.builder("required-" + kind, "Required " + kind, type).required().build());
        FIELDS.add(Field.builder("optional-" + kind, "Optional " + kind, type).build());
        GOOD.put("required-" + kind, good);
        GOOD.put("optional-" + kind, good);
    }

    private static final Form FORM = Form.of(FIELDS.toArray(Field[]::new));
    private static final PlatformDescriptor PLATFORM = new PlatformDescriptor("kinds", "Kinds", "1.0.0",
            "Every kind, required and optional.", Set.of(Capability.TEST_CONNECTION), FORM, Form.of());

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Field field : FIELDS) {
            String kind = field.type().kind().name();
            boolean exact = kind.equals("URL") || kind.equals("CHOICE");
            boolean blankIsNotGiven = !kind.equals("CHOICE");
            String good = GOOD.get(field.key());
            cases.add(Arguments.of(field.key(), "", blankIsNotGiven && !field.required()));
            cases.add(Arguments.of(field.key(), "   ", blankIsNotGiven && !field.required()));
            cases.add(Arguments.of(field.key(), "\u0007" + good, false));
            cases.add(Arguments.of(field.key(), good + "\n", false));
            cases.add(Arguments.of(field.key(), "\t", false));
            cases.add(Arguments.of(field.key(), " " + good + " ", !exact));
            cases.add(Arguments.of(field.key(), good, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = \"{1}\" accepted: {2}")
    @MethodSource("cases")
    void schemaAndHostGiveTheSameVerdict(String key, String value, boolean accepted) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        GOOD.forEach((field, good) -> {
            if (field.startsWith("required-")) {
                answers.put(field, good);
            }
        });
        answers.put(key, value);

        ObjectNode schema = new JsonSchemaRenderer().connectionSchema(PLATFORM);
        Schema compiled = DRAFT_07.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
        boolean bySchema = compiled.validate(JSON.writeValueAsString(answers), InputFormat.JSON).isEmpty();
        boolean byHost;
        try {
            new FormValidator().validate(List.of(FORM), answers);
            byHost = true;
        } catch (ValidationException e) {
            assertThat(e.errors()).extracting(FieldError::key).containsExactly(key);
            byHost = false;
        }

        assertThat(byHost).as("host").isEqualTo(accepted);
        assertThat(bySchema).as("schema %s", schema.get("properties").get(key)).isEqualTo(accepted);
    }
}
