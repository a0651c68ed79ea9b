package io.storelink.core.form;

import io.storelink.api.Capability;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;

import java.util.List;
import java.util.Set;

/** A platform whose forms use every field kind, for validator and schema tests. */
final class TestForms {

    static final Form CREDENTIALS = Form.of(
            Field.builder("api-token", "API token", FieldType.secret()).help("The token.").example("tok_123").required().build(),
            Field.builder("shop-url", "Shop URL", FieldType.url()).example("https://shop.example.com").required().build(),
            Field.builder("store-code", "Store code", FieldType.text()).example("default").hint(Field.MULTI_STORE_ONLY).build());

    static final Form SETTINGS = Form.of(
            Field.builder("status", "Status", FieldType.suggestedText(List.of("processing", "pending")))
                    .defaultValue("processing").build(),
            Field.builder("delay", "Delay", FieldType.integer("minutes", 0L, 1440L)).defaultValue("0").example("30").build(),
            Field.builder("bundle-parent", "Bundle parent", FieldType.bool()).defaultValue("false").build(),
            Field.builder("mode", "Mode", FieldType.choice(List.of(
                    new FieldType.Option("live", "Live"), new FieldType.Option("test", "Test")))).defaultValue("live").build());

    static final PlatformDescriptor PLATFORM = new PlatformDescriptor("testshop", "Test Shop", "1.0.0",
            "A shop with every field kind.", Set.of(Capability.TEST_CONNECTION), CREDENTIALS, SETTINGS);

    static final List<Form> FORMS = List.of(CREDENTIALS, SETTINGS);

    private TestForms() {
    }
}
