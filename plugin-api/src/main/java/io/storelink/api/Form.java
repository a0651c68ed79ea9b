package io.storelink.api;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An ordered list of fields that a user fills in: a platform's credentials, or its import settings.
 * The order is the order in which a wizard asks and a UI shows them.
 *
 * @param fields the fields, each key once
 * @since 1.0.0
 */
public record Form(List<Field> fields) {

    public Form {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        Set<String> keys = new HashSet<>();
        for (Field field : fields) {
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException("field key is declared twice: " + field.key());
            }
        }
    }

    /** @param fields the fields, in order @return a form */
    public static Form of(Field... fields) {
        return new Form(List.of(fields));
    }

    /** @param key a field key @return the field with that key, if the form has one */
    public Optional<Field> field(String key) {
        return fields.stream().filter(field -> field.key().equals(key)).findFirst();
    }
}
