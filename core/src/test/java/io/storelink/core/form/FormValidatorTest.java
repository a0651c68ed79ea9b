package io.storelink.core.form;

import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.storelink.core.form.TestForms.FORMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FormValidatorTest {

    private final FormValidator validator = new FormValidator();

    @Test
    void typesStoredValuesAsTheSchemaDeclaresThemAndKeepsWhatTheFieldNoLongerAccepts() {
        Field delay = Field.builder("delay", "Delay", FieldType.integer("minutes", 0L, 60L)).build();
        Field flag = Field.builder("flag", "Flag", FieldType.bool()).build();
        Field text = Field.builder("code", "Code", FieldType.text()).build();

        assertThat(FormValidator.schemaTyped(delay, "15")).isEqualTo(15L);
        assertThat(FormValidator.schemaTyped(flag, "false")).isEqualTo(Boolean.FALSE);
        assertThat(FormValidator.schemaTyped(text, "15")).isEqualTo("15");
        assertThat(FormValidator.schemaTyped(delay, "90")).as("out of today's range").isEqualTo("90");
        assertThat(FormValidator.schemaTyped(flag, "yes")).isEqualTo("yes");
    }

    @Test
    void appliesDefaultsAndCoercesTypes() {
        Map<String, Object> values = validator.validate(FORMS, Map.of(
                "api-token", " tok_abc ", "shop-url", "https://shop.example.com/", "delay", "15"));

        assertThat(values).containsOnlyKeys("api-token", "shop-url", "status", "delay", "bundle-parent", "mode");
        assertThat(values.get("api-token")).isEqualTo(Secret.of("tok_abc"));
        assertThat(values.get("shop-url")).isEqualTo(URI.create("https://shop.example.com"));
        assertThat(values.get("status")).isEqualTo("processing");
        assertThat(values.get("delay")).isEqualTo(15L);
        assertThat(values.get("bundle-parent")).isEqualTo(false);
        assertThat(values.get("mode")).isEqualTo("live");
    }

    @Test
    void keepsFieldOrderAndLeavesOutBlankOptionalFields() {
        Map<String, Object> values = validator.validate(FORMS, Map.of(
                "mode", "test", "shop-url", "http://localhost:8080", "api-token", "x", "store-code", "  "));

        assertThat(values.keySet()).containsExactly("api-token", "shop-url", "status", "delay", "bundle-parent", "mode");
    }

    @Test
    void reportsEveryErrorAtOnceWithKeyValueAndExpectation() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("shop-url", "shop.example.com");
        raw.put("delay", "-5");
        raw.put("bundle-parent", "maybe");
        raw.put("mode", "sandbox");
        raw.put("colour", "blue");

        assertThatThrownBy(() -> validator.validate(FORMS, raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("colour", "unknown field; expected one of: api-token, shop-url, store-code, "
                                + "status, delay, bundle-parent, mode"),
                        new FieldError("api-token", "API token is required"),
                        new FieldError("shop-url", "'shop.example.com' is not a URL; expected an absolute http or "
                                + "https URL such as https://store.example.com"),
                        new FieldError("delay", "'-5' is out of range; expected 0 to 1440 minutes"),
                        new FieldError("bundle-parent", "'maybe' is not a boolean; expected true or false"),
                        new FieldError("mode", "'sandbox' is not an option; expected one of: live, test")));
    }

    @Test
    void rejectsNonNumbersAndUrlsWithQueries() {
        assertThatThrownBy(() -> validator.validate(FORMS, Map.of("api-token", "x",
                "shop-url", "https://shop.example.com/?a=1", "delay", "ten")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("shop-url", "'https://shop.example.com/?a=1' has a query, fragment or user "
                                + "name; expected an absolute http or https URL such as https://store.example.com "
                                + "with none of those"),
                        new FieldError("delay", "'ten' is not a whole number; expected 0 to 1440 minutes")));
    }

    @Test
    void acceptsSecretReferencesAndRejectsMalformedOnesWithoutEchoingTheValue() {
        Map<String, Object> values = validator.validate(FORMS, Map.of("api-token", "${env:SHOP_TOKEN}",
                "shop-url", "https://shop.example.com"));
        assertThat(values.get("api-token")).isEqualTo(Secret.of("${env:SHOP_TOKEN}"));

        assertThatThrownBy(() -> validator.validate(FORMS, Map.of("api-token", "${vault:abc-secret}",
                "shop-url", "https://shop.example.com")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("api-token", "is not a valid reference; expected ${env:NAME} or "
                                + "${file:/absolute/path}")))
                .message().doesNotContain("abc-secret");
    }

    @Test
    void checksOneAnswerForAWizard() {
        assertThat(validator.check(TestForms.SETTINGS.field("delay").orElseThrow(), "5")).isNull();
        assertThat(validator.check(TestForms.SETTINGS.field("delay").orElseThrow(), "abc"))
                .isEqualTo(new FieldError("delay", "'abc' is not a whole number; expected 0 to 1440 minutes"));
        assertThat(validator.check(TestForms.CREDENTIALS.field("api-token").orElseThrow(), ""))
                .isEqualTo(new FieldError("api-token", "API token is required"));
    }

    @Test
    void aWholeNumberBeyondWhatEveryJsonReaderHoldsIsRefusedEvenWithoutADeclaredMaximum() {
        io.storelink.api.Field open = io.storelink.api.Field.builder("window", "Window",
                io.storelink.api.FieldType.integer("minutes", 0L, null)).defaultValue("0").build();

        assertThat(validator.check(open, "9007199254740991")).isNull();
        assertThat(validator.check(open, "9007199254740992")).isEqualTo(new FieldError("window",
                "'9007199254740992' is too large; expected at most 9007199254740991 either way (0 or more minutes)"));
        assertThat(validator.check(open, "99999999999999999999")).isEqualTo(new FieldError("window",
                "'99999999999999999999' is not a whole number; expected 0 or more minutes"));
    }
}
