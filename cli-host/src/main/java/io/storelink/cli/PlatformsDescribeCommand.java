package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.form.JsonSchemaRenderer;
import io.storelink.core.form.UiSchemaRenderer;
import io.storelink.core.plugin.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code storelink platforms describe <id>}: a platform's credential and settings forms. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a platform's credential fields and import settings, as text, JSON, JSON Schema or a"
                + " form renderer's ui-schema.")
final class PlatformsDescribeCommand implements Callable<Integer> {

    private final Provider<PluginHost> plugins;
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<id>", description = "Platform id, for example magento2.")
    String id;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print the platform and its fields as JSON.")
        boolean json;

        @Option(names = "--json-schema", description = "Print the connection form as JSON Schema (draft-07 unless"
                + " --dialect says otherwise).")
        boolean jsonSchema;

        @Option(names = "--ui-schema", paramLabel = "<renderer>", description = "Print the connection form's layout"
                + " as a ui-schema for rjsf (react-jsonschema-form) or jsonforms (JSON Forms).")
        String uiSchema;
    }

    @Option(names = "--dialect", paramLabel = "<dialect>", defaultValue = "draft-07",
            description = "With --json-schema: draft-07 (the default, what rjsf and JSON Forms expect) or 2020-12.")
    String dialect;

    @Option(names = "--keywords", paramLabel = "<keywords>", defaultValue = "all",
            description = "With --json-schema: all (the default) or standard, which leaves out the annotations no"
                    + " JSON Schema dialect defines (groups, group, order, airbyte_secret, pattern_descriptor), for"
                    + " validators in strict mode.")
    String keywords;

    @Inject
    PlatformsDescribeCommand(Provider<PluginHost> plugins, Terminal terminal) {
        this.plugins = plugins;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        JsonSchemaRenderer.Dialect schemaDialect = option("--dialect", dialect, JsonSchemaRenderer.Dialect::parse);
        JsonSchemaRenderer.Keywords schemaKeywords = option("--keywords", keywords,
                JsonSchemaRenderer.Keywords::parse);
        UiSchemaRenderer.Renderer renderer = format.uiSchema == null ? null
                : option("--ui-schema", format.uiSchema, UiSchemaRenderer.Renderer::parse);
        if (!format.jsonSchema && (!"draft-07".equals(dialect) || !"all".equals(keywords))) {
            throw new ParameterException(spec.commandLine(), "--dialect and --keywords apply only with --json-schema");
        }
        PlatformDescriptor descriptor = plugins.get().platform(id).descriptor();
        PrintWriter out = terminal.out();
        if (format.jsonSchema) {
            Json.print(out, new JsonSchemaRenderer().connectionSchema(descriptor, schemaDialect, schemaKeywords));
        } else if (renderer != null) {
            Json.print(out, new UiSchemaRenderer().uiSchema(descriptor, renderer));
        } else if (format.json) {
            Json.print(out, describe(descriptor));
        } else {
            out.printf("%s (%s) %s%n%s%n", descriptor.displayName(), descriptor.id(), descriptor.version(),
                    descriptor.description());
            print(out, "Credentials", descriptor.credentials());
            print(out, "Import settings", descriptor.settings());
            out.flush();
        }
        return ErrorHandler.OK;
    }

    /** An option's value read by {@code parse}; unreadable is a usage error naming the option. */
    private <T> T option(String name, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), name + ": " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, String title, Form form) {
        out.println();
        out.println(title + ":");
        for (Field field : form.fields()) {
            List<String> facts = new ArrayList<>();
            facts.add(kind(field.type()));
            facts.add(field.required() ? "required" : "optional");
            if (field.defaultValue() != null) {
                facts.add("default " + field.defaultValue());
            }
            if (field.example() != null) {
                facts.add("example " + field.example());
            }
            facts.addAll(field.hints());
            out.printf("  %-40s %s%n", field.label() + " (" + field.key() + ")", String.join(", ", facts));
            if (!field.help().isEmpty()) {
                out.printf("      %s%n", field.help());
            }
        }
    }

    static String kind(FieldType type) {
        return switch (type.kind()) {
            case TEXT -> "text";
            case SECRET -> "secret";
            case URL -> "url";
            case INTEGER -> {
                FieldType.IntegerNumber integer = (FieldType.IntegerNumber) type;
                String bounds = (integer.minimum() == null ? "" : " >= " + integer.minimum())
                        + (integer.maximum() == null ? "" : " <= " + integer.maximum());
                yield "integer" + (integer.unit() == null ? "" : " (" + integer.unit() + ")") + bounds;
            }
            case BOOLEAN -> "true/false";
            case CHOICE -> "one of " + String.join("|",
                    ((FieldType.Choice) type).options().stream().map(FieldType.Option::value).toList());
            case SUGGESTED_TEXT -> "text, for example " + String.join(", ",
                    ((FieldType.SuggestedText) type).suggestions());
        };
    }

    private static ObjectNode describe(PlatformDescriptor descriptor) {
        ObjectNode document = Json.mapper().createObjectNode()
                .put("id", descriptor.id())
                .put("name", descriptor.displayName())
                .put("version", descriptor.version())
                .put("description", descriptor.description());
        ArrayNode capabilities = document.putArray("capabilities");
        descriptor.capabilities().stream().map(Enum::name).sorted().forEach(capabilities::add);
        fields(document.putArray("credentials"), descriptor.credentials());
        fields(document.putArray("settings"), descriptor.settings());
        return document;
    }

    private static void fields(ArrayNode array, Form form) {
        for (Field field : form.fields()) {
            ObjectNode node = array.addObject()
                    .put("key", field.key())
                    .put("label", field.label())
                    .put("kind", field.type().kind().name().toLowerCase(Locale.ROOT))
                    .put("type", kind(field.type()))
                    .put("help", field.help())
                    .put("required", field.required());
            node.put("example", field.example());
            node.put("default", field.defaultValue());
            ArrayNode hints = node.putArray("hints");
            field.hints().forEach(hints::add);
        }
    }
}
