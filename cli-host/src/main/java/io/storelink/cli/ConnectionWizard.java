package io.storelink.cli;

import io.storelink.api.Field;
import io.storelink.api.FieldKind;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.FormValidator;
import io.storelink.core.form.ValidationException;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginHost;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Add Connection wizard on a terminal: asks for a name and a platform, then each credential and setting of the
 * platform's forms. Defaults are shown and taken with Enter; secrets are read without echo; a refused answer is
 * explained and asked again. Nothing is written here: the caller stores the answers.
 */
final class ConnectionWizard {

    private final Terminal terminal;
    private final PluginHost plugins;
    private final ConnectionService connections;
    private final FormValidator validator = new FormValidator();

    ConnectionWizard(Terminal terminal, PluginHost plugins, ConnectionService connections) {
        this.terminal = terminal;
        this.plugins = plugins;
        this.connections = connections;
    }

    /** The wizard's answers. */
    record Answers(String name, String platform, Map<String, String> values) {
    }

    Answers run() {
        PrintWriter out = terminal.out();
        out.println("Add connection");
        String name = ask("Name", null, answer -> connections.checkName(answer));
        List<String> ids = plugins.platforms().stream().map(plugin -> plugin.descriptor().id()).toList();
        if (ids.isEmpty()) {
            throw new IllegalStateException("No platform plugins are loaded; see 'storelink platforms list'");
        }
        // A refused answer is not quoted back: a token pasted one prompt too early would be printed.
        String platformId = ask("Platform (" + String.join(", ", ids) + ")", ids.size() == 1 ? ids.get(0) : null,
                answer -> ids.contains(answer) ? null : new FieldError(ConnectionService.PLATFORM,
                        "that is not a known platform; expected one of: " + String.join(", ", ids)));
        PlatformPlugin platform = plugins.platform(platformId);
        PlatformDescriptor descriptor = platform.descriptor();
        Map<String, String> values = new LinkedHashMap<>();
        section(descriptor.displayName() + " credentials", descriptor.credentials(), values);
        section("Import settings", descriptor.settings(), values);
        return new Answers(name, platformId, values);
    }

    private void section(String title, Form form, Map<String, String> values) {
        PrintWriter out = terminal.out();
        out.println();
        out.println("-- " + title + " --");
        for (Field field : form.fields()) {
            if (!field.help().isEmpty()) {
                out.println("   " + field.help());
            }
            String answer = askField(field);
            if (!answer.isBlank()) {
                values.put(field.key(), answer);
            }
        }
    }

    private String askField(Field field) {
        while (true) {
            String raw = field.isSecret() ? terminal.readSecret(prompt(field)) : terminal.readLine(prompt(field));
            if (raw == null) {
                throw endOfInput(field.key());
            }
            String answer = field.type().kind() == FieldKind.BOOLEAN ? yesNo(raw) : raw.strip();
            FieldError error = validator.check(field, answer);
            if (error == null) {
                return answer;
            }
            terminal.out().println("   ! " + error.message());
        }
    }

    private String ask(String label, String defaultValue, Function<String, FieldError> check) {
        while (true) {
            String raw = terminal.readLine(label + (defaultValue == null ? "" : " [" + defaultValue + "]") + ": ");
            if (raw == null) {
                throw endOfInput(label.toLowerCase(Locale.ROOT));
            }
            String answer = raw.isBlank() && defaultValue != null ? defaultValue : raw.strip();
            FieldError error = check.apply(answer);
            if (error == null) {
                return answer;
            }
            terminal.out().println("   ! " + error.message());
        }
    }

    private static String prompt(Field field) {
        StringBuilder prompt = new StringBuilder(field.label());
        if (field.type() instanceof FieldType.IntegerNumber integer && integer.unit() != null) {
            prompt.append(" (").append(integer.unit()).append(')');
        }
        if (!field.required() && field.defaultValue() == null) {
            prompt.append(" (optional").append(field.hints().isEmpty() ? "" : ", " + String.join(", ", field.hints()))
                    .append(')');
        }
        if (field.type().kind() == FieldKind.BOOLEAN) {
            prompt.append(" (y/n)");
        }
        if (field.defaultValue() != null) {
            String shown = field.type().kind() == FieldKind.BOOLEAN
                    ? (Boolean.parseBoolean(field.defaultValue()) ? "y" : "n") : field.defaultValue();
            prompt.append(" [").append(shown).append(']');
        } else if (field.example() != null && !field.isSecret()) {
            prompt.append(" (e.g. ").append(field.example()).append(')');
        }
        return prompt.append(": ").toString();
    }

    /** A wizard convenience: y/yes/n/no become true/false, which is all the form itself accepts. */
    private static String yesNo(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> "true";
            case "n", "no" -> "false";
            default -> raw.strip();
        };
    }

    private static ValidationException endOfInput(String key) {
        return new ValidationException(List.of(new FieldError(key,
                "input ended before this was answered; nothing was saved")));
    }
}
