package io.storelink.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.form.UiSchemaRenderer.Renderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ui-schemas for react-jsonschema-form and JSON Forms, from the Magento-shaped descriptor and every field kind. */
final class UiSchemaRendererTest {

    private final UiSchemaRenderer renderer = new UiSchemaRenderer();

    @Test
    void rjsfOrdersTheFieldsMasksTheSecretAndGivesPlaceholdersAndHelp() {
        ObjectNode ui = renderer.uiSchema(MagentoShapedSchemaTest.MAGENTO, Renderer.RJSF);

        assertThat(ui.get("ui:order")).extracting(JsonNode::asText).containsExactly("access-token", "store-url",
                "store-view-code", "order-import-status", "import-delay", "include-bundle-parent",
                "compact-ship-notification");
        JsonNode token = ui.get("access-token");
        assertThat(token.get("ui:widget").asText()).isEqualTo("password");
        assertThat(token.has("ui:placeholder")).as("a secret's example is a credential").isFalse();
        assertThat(token.get("ui:help").asText()).contains("${env:NAME}");
        assertThat(ui.get("store-url").get("ui:placeholder").asText()).isEqualTo("https://store.example.com");
        assertThat(ui.get("store-url").get("ui:help").asText()).startsWith("http(s)://host");
        assertThat(ui.get("store-view-code").get("ui:help").asText()).isEqualTo("Optional");
        assertThat(ui.get("import-delay").get("ui:help").asText()).isEqualTo("In minutes, 0 to 525600");
        assertThat(ui.get("import-delay").get("ui:placeholder").asText()).isEqualTo("30");
        assertThat(ui.get("order-import-status").get("ui:help").asText())
                .isEqualTo("Suggested: processing, pending, holded, complete, closed, canceled");
        assertThat(ui.has("include-bundle-parent")).as("nothing to say about a checkbox with a default").isFalse();
    }

    @Test
    void rjsfDrawsTheTitleThenEachSectionAsAHeadingOverItsFieldsWithTheBuiltInLayoutGrid() throws Exception {
        ObjectNode ui = renderer.uiSchema(MagentoShapedSchemaTest.MAGENTO, Renderer.RJSF);

        assertThat(ui.get("ui:field").asText()).isEqualTo("LayoutGridField");
        assertThat(ui.get("ui:layoutGrid")).isEqualTo(new ObjectMapper().readTree("""
                {"ui:row": [
                  {"field": "LayoutHeaderField", "title": "Magento 2 connection", "help": "Magento 2 stores."},
                  {"ui:col": {"role": "group", "aria-label": "Credentials", "children": [
                    {"field": "LayoutHeaderField", "title": "Credentials"},
                    "access-token", "store-url", "store-view-code"]}},
                  {"ui:col": {"role": "group", "aria-label": "Import settings", "children": [
                    {"field": "LayoutHeaderField", "title": "Import settings"},
                    "order-import-status", "import-delay", "include-bundle-parent", "compact-ship-notification"]}}
                ]}"""));
    }

    @Test
    void rjsfLeavesOutASectionWithoutFields() {
        PlatformDescriptor bare = new PlatformDescriptor("bare", "Bare", "1.0.0", "Only a token.", Set.of(),
                Form.of(Field.builder("token", "Token", FieldType.secret()).build()), Form.of());

        JsonNode row = renderer.uiSchema(bare, Renderer.RJSF).get("ui:layoutGrid").get("ui:row");

        assertThat(row).hasSize(2);
        assertThat(row.get(1).get("ui:col").get("aria-label").asText()).isEqualTo("Credentials");
        assertThat(row.get(1).get("ui:col").get("children").get(1).asText()).isEqualTo("token");
    }

    @Test
    void jsonFormsGroupsTheControlsUnderTheSectionTitles() {
        ObjectNode ui = renderer.uiSchema(MagentoShapedSchemaTest.MAGENTO, Renderer.JSONFORMS);

        assertThat(ui.get("type").asText()).isEqualTo("VerticalLayout");
        assertThat(ui.get("elements")).extracting(group -> group.get("type").asText() + ":" + group.get("label").asText())
                .containsExactly("Group:Credentials", "Group:Import settings");
        List<String> scopes = new ArrayList<>();
        ui.get("elements").forEach(group -> group.get("elements").forEach(element -> {
            if (element.get("type").asText().equals("Control")) {
                scopes.add(element.get("scope").asText());
            }
        }));
        assertThat(scopes).containsExactly("#/properties/access-token", "#/properties/store-url",
                "#/properties/store-view-code", "#/properties/order-import-status", "#/properties/import-delay",
                "#/properties/include-bundle-parent", "#/properties/compact-ship-notification");
        JsonNode credentials = ui.get("elements").get(0).get("elements");
        assertThat(credentials.get(0).get("options").get("format").asText()).isEqualTo("password");
        assertThat(credentials.get(0).get("options").has("placeholder")).isFalse();
        assertThat(credentials.get(1).get("type").asText()).as("the token's help under it").isEqualTo("Label");
        assertThat(credentials.get(2).get("options").get("placeholder").asText()).isEqualTo("https://store.example.com");
        assertThat(ui.toString()).contains("\"text\":\"In minutes, 0 to 525600\"");
    }

    @Test
    void aChoiceAndAnIntegerWithoutBoundsGetNoPlaceholderButTheirHelp() {
        ObjectNode ui = renderer.uiSchema(TestForms.PLATFORM, Renderer.RJSF);

        assertThat(ui.has("mode")).as("a choice with a default needs no help").isFalse();
        assertThat(ui.get("delay").get("ui:help").asText()).isEqualTo("In minutes, 0 to 1440");
        assertThat(ui.get("store-code").get("ui:placeholder").asText()).isEqualTo("default");
    }

    @Test
    void anUnknownRendererIsRefusedNamingTheValueAndTheChoices() {
        assertThat(Renderer.parse(" JsonForms ")).isEqualTo(Renderer.JSONFORMS);
        assertThatThrownBy(() -> Renderer.parse("uniforms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'uniforms' is not a supported renderer; expected rjsf or jsonforms");
    }

    @Test
    void theStandardExportLeavesOutEveryExtraKeywordAndNothingElse() {
        JsonSchemaRenderer schemas = new JsonSchemaRenderer();
        ObjectNode all = schemas.connectionSchema(MagentoShapedSchemaTest.MAGENTO, JsonSchemaRenderer.Dialect.DRAFT_07,
                JsonSchemaRenderer.Keywords.ALL);
        ObjectNode standard = schemas.connectionSchema(MagentoShapedSchemaTest.MAGENTO,
                JsonSchemaRenderer.Dialect.DRAFT_07, JsonSchemaRenderer.Keywords.parse("standard"));

        for (String keyword : JsonSchemaRenderer.EXTRA_KEYWORDS) {
            assertThat(standard.toString()).doesNotContain("\"" + keyword + "\"");
        }
        all.remove(JsonSchemaRenderer.EXTRA_KEYWORDS);
        all.get("properties").forEach(property -> ((ObjectNode) property).remove(JsonSchemaRenderer.EXTRA_KEYWORDS));
        assertThat(standard).isEqualTo(all);
        assertThat(standard.get("properties").get("access-token").get("format").asText()).isEqualTo("password");
        assertThatThrownBy(() -> JsonSchemaRenderer.Keywords.parse("none"))
                .hasMessage("'none' is not a supported keywords choice; expected all or standard");
    }
}
