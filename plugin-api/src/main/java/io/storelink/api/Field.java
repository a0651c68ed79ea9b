package io.storelink.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One input of a {@link Form}: what the host asks for, how it explains it, and what it accepts.
 *
 * <p>The host renders the same field as a CLI prompt, as a JSON Schema property for other UIs, and in the docs, so
 * the label and help text should read well in all three. Build one with {@link #builder(String, String, FieldType)}.
 *
 * @param key stable kebab-case key, for example {@code store-url}; stored with the connection, never renamed
 * @param label short name shown to people, for example {@code Store URL}
 * @param type the kind and its constraints
 * @param help one or two sentences on what the value is and where to find it; empty when the label says it all
 * @param example an example value, or {@code null}; never a real secret
 * @param defaultValue the value taken when none is given, written as a user would type it, or {@code null}
 * @param required whether a value must be given (a field with a default is never required)
 * @param hints short notes on when the field applies, for example {@value #MULTI_STORE_ONLY}
 * @since 1.0.0
 */
public record Field(
        String key,
        String label,
        FieldType type,
        String help,
        String example,
        String defaultValue,
        boolean required,
        List<String> hints) {

    /** Hint for a field that matters only when the store runs several store views. */
    public static final String MULTI_STORE_ONLY = "multi-store only";

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Field {
        requireNonNull(key, "key is null");
        requireNonNull(label, "label is null");
        requireNonNull(type, "type is null");
        requireNonNull(help, "help is null");
        hints = List.copyOf(requireNonNull(hints, "hints is null"));
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("field key must be kebab-case: " + key);
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("field " + key + " is required and has a default; pick one");
        }
        if (type.kind() == FieldKind.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("secret field " + key + " cannot have a default");
        }
    }

    /**
     * Starts a field; it is optional, without help, example, default or hints until told otherwise.
     *
     * @param key stable kebab-case key
     * @param label short name shown to people
     * @param type the kind and its constraints
     * @return a builder
     */
    public static Builder builder(String key, String label, FieldType type) {
        return new Builder(key, label, type);
    }

    /** @return whether this field holds a secret */
    public boolean isSecret() {
        return type.kind() == FieldKind.SECRET;
    }

    /** Builds a {@link Field}. */
    public static final class Builder {
        private final String key;
        private final String label;
        private final FieldType type;
        private String help = "";
        private String example;
        private String defaultValue;
        private boolean required;
        private final List<String> hints = new ArrayList<>();

        private Builder(String key, String label, FieldType type) {
            this.key = key;
            this.label = label;
            this.type = type;
        }

        /** @param help what the value is and where to find it @return this */
        public Builder help(String help) {
            this.help = help;
            return this;
        }

        /** @param example an example value @return this */
        public Builder example(String example) {
            this.example = example;
            return this;
        }

        /** @param defaultValue the value taken when none is given, as a user would type it @return this */
        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /** Marks the field as one that must be given. @return this */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** @param hint a short note on when the field applies @return this */
        public Builder hint(String hint) {
            hints.add(hint);
            return this;
        }

        /** @return the field */
        public Field build() {
            return new Field(key, label, type, help, example, defaultValue, required, hints);
        }
    }
}
