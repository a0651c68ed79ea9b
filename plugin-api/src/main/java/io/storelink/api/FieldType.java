package io.storelink.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The kind of a {@link Field} together with the constraints that belong to that kind.
 *
 * <p>Build one with the static factories: {@link #text()}, {@link #secret()}, {@link #url()},
 * {@link #integer(String, Long, Long)}, {@link #bool()}, {@link #choice(List)} and {@link #suggestedText(List)}.
 *
 * @since 1.0.0
 */
public sealed interface FieldType
        permits FieldType.Text, FieldType.SecretText, FieldType.Url, FieldType.IntegerNumber, FieldType.Bool,
                FieldType.Choice, FieldType.SuggestedText {

    /** @return the kind, for a {@code switch} */
    FieldKind kind();

    /** @return free text */
    static FieldType text() {
        return new Text();
    }

    /** @return text that is never shown, logged or stored in plaintext */
    static FieldType secret() {
        return new SecretText();
    }

    /** @return an absolute http or https URL */
    static FieldType url() {
        return new Url();
    }

    /**
     * @param unit what one step means, for example {@code minutes}; {@code null} for a plain count
     * @param minimum smallest allowed value, or {@code null} for none
     * @param maximum largest allowed value, or {@code null} for none
     * @return a whole number
     */
    static FieldType integer(String unit, Long minimum, Long maximum) {
        return new IntegerNumber(unit, minimum, maximum);
    }

    /** @return yes or no */
    static FieldType bool() {
        return new Bool();
    }

    /**
     * @param options the allowed values, in the order they are offered
     * @return one value from a fixed list
     */
    static FieldType choice(List<Option> options) {
        return new Choice(options);
    }

    /**
     * @param suggestions common values, offered but not enforced
     * @return free text with suggestions
     */
    static FieldType suggestedText(List<String> suggestions) {
        return new SuggestedText(suggestions);
    }

    /** Free text. */
    record Text() implements FieldType {
        @Override
        public FieldKind kind() {
            return FieldKind.TEXT;
        }
    }

    /** A secret value: never echoed, masked when shown, encrypted at rest. */
    record SecretText() implements FieldType {
        @Override
        public FieldKind kind() {
            return FieldKind.SECRET;
        }
    }

    /** An absolute http or https URL. */
    record Url() implements FieldType {
        @Override
        public FieldKind kind() {
            return FieldKind.URL;
        }
    }

    /**
     * A whole number.
     *
     * @param unit what one step means, or {@code null}
     * @param minimum smallest allowed value, or {@code null}
     * @param maximum largest allowed value, or {@code null}
     */
    record IntegerNumber(String unit, Long minimum, Long maximum) implements FieldType {
        public IntegerNumber {
            if (minimum != null && maximum != null && minimum > maximum) {
                throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.INTEGER;
        }
    }

    /** Yes or no. */
    record Bool() implements FieldType {
        @Override
        public FieldKind kind() {
            return FieldKind.BOOLEAN;
        }
    }

    /**
     * One value from a fixed list.
     *
     * @param options the allowed values, at least one, each value once
     */
    record Choice(List<Option> options) implements FieldType {
        public Choice {
            options = List.copyOf(requireNonNull(options, "options is null"));
            if (options.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one option");
            }
            Set<String> values = new HashSet<>();
            for (Option option : options) {
                if (!values.add(option.value())) {
                    throw new IllegalArgumentException("option value is listed twice: " + option.value());
                }
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.CHOICE;
        }
    }

    /**
     * Free text with common values offered.
     *
     * @param suggestions the values to offer, in order
     */
    record SuggestedText(List<String> suggestions) implements FieldType {
        public SuggestedText {
            suggestions = List.copyOf(requireNonNull(suggestions, "suggestions is null"));
        }

        @Override
        public FieldKind kind() {
            return FieldKind.SUGGESTED_TEXT;
        }
    }

    /**
     * One allowed value of a {@link Choice}.
     *
     * @param value what is stored
     * @param label what people see
     */
    record Option(String value, String label) {
        public Option {
            requireNonNull(value, "value is null");
            requireNonNull(label, "label is null");
        }
    }
}
