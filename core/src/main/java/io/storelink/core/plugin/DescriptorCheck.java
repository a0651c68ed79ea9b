package io.storelink.core.plugin;

import io.storelink.api.Field;
import io.storelink.api.FieldType;
import io.storelink.api.Form;
import io.storelink.api.PlatformDescriptor;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.FormValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the host checks in a platform's descriptor before it offers the platform.
 *
 * <p>The API's records already refuse what can never make sense (a malformed key, a secret with a default). This
 * checks what only the host can judge: every default is a value the host itself accepts for its field, by
 * {@link FormValidator}'s own rules (so a wizard's default, the JSON Schema's default and the stored value agree),
 * no default is blank, and nothing people read is blank.
 */
final class DescriptorCheck {

    private static final FormValidator VALIDATOR = new FormValidator();

    private DescriptorCheck() {
    }

    /**
     * @param descriptor what a platform declared
     * @return every error, credentials before settings and in field order, each naming what it is about; empty when
     *         the descriptor is valid
     */
    static List<String> errors(PlatformDescriptor descriptor) {
        List<String> errors = new ArrayList<>();
        if (descriptor.displayName().isBlank()) {
            errors.add("platform " + descriptor.id()
                    + ": display name is blank; expected the platform's name as people know it");
        }
        for (Form form : List.of(descriptor.credentials(), descriptor.settings())) {
            for (Field field : form.fields()) {
                check(field, errors);
            }
        }
        return errors;
    }

    private static void check(Field field, List<String> errors) {
        String about = "field " + field.key() + ": ";
        if (field.label().isBlank()) {
            errors.add(about + "label is blank; expected a short name shown to people");
        }
        if (field.type() instanceof FieldType.Choice choice) {
            for (FieldType.Option option : choice.options()) {
                if (option.value().isBlank()) {
                    errors.add(about + "option value '" + option.value()
                            + "' is blank; expected a value that can be typed and stored");
                } else if (option.label().isBlank()) {
                    errors.add(about + "option '" + option.value()
                            + "' has a blank label; expected the name people choose it by");
                }
            }
        }
        String value = field.defaultValue();
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(about + "default '" + value + "' is blank; expected a value, or no default");
            return;
        }
        // No answer given: the validator applies the default exactly as it will for a connection.
        FieldError error = VALIDATOR.check(field, null);
        if (error != null) {
            errors.add(about + "default " + error.message());
        }
    }
}
