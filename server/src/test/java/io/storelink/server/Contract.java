package io.storelink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document as a contract: each answer a test receives is checked against the schema the document
 * gives for its operation and status (or {@code default}), with a real JSON Schema 2020-12 validator over the
 * document's component schemas.
 */
public final class Contract {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;
    private final JsonNode definitions;

    Contract(byte[] openApi) throws java.io.IOException {
        this.document = JSON.readTree(openApi);
        // Component references rewritten to $defs, so a schema document holds every one of them.
        String components = JSON.writeValueAsString(document.path("components").path("schemas"))
                .replace("#/components/schemas/", "#/$defs/");
        this.definitions = JSON.readTree(components);
    }

    /**
     * @param template the path as the document names it, e.g. {@code /api/connections/{name}}
     * @param method lower case, e.g. {@code get}
     * @param response what the server answered
     */
    void check(String template, String method, ApiClient.Response response) throws java.io.IOException {
        JsonNode operation = document.path("paths").path(template).path(method);
        assertThat(operation.isObject()).as("%s %s is documented", method, template).isTrue();
        JsonNode answer = operation.path("responses").path(Integer.toString(response.status()));
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path("default");
        }
        assertThat(answer.isObject()).as("%s %s documents status %d", method, template, response.status()).isTrue();
        JsonNode content = answer.path("content");
        if (response.status() == 204 || content.isMissingNode()) {
            assertThat(response.text()).as("%s %s answers without a body", method, template).isEmpty();
            return;
        }
        String type = response.contentType().split(";")[0].strip();
        if (response.status() >= 400) {
            assertThat(type).isEqualTo("application/problem+json");
        }
        JsonNode media = content.path(type);
        assertThat(media.isObject()).as("%s %s documents %s for %d", method, template, type, response.status())
                .isTrue();
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            return;
        }
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("$defs", definitions);
        schema.putArray("allOf").add(JSON.readTree(JSON.writeValueAsString(media.path("schema"))
                .replace("#/components/schemas/", "#/$defs/")));
        Schema validator = REGISTRY.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
        List<Error> errors = validator.validate(response.text(), InputFormat.JSON);
        assertThat(errors).as("%s %s %d answer %s", method, template, response.status(), response.text()).isEmpty();
    }

    JsonNode document() {
        return document;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
