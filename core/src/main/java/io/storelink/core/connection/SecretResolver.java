package io.storelink.core.connection;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.form.FormValidator;
import io.storelink.core.form.SecretReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Resolves {@code ${env:NAME}} and {@code ${file:/path}} references at the moment a secret is used. */
public final class SecretResolver {

    private final Function<String, String> environment;

    /** @param environment looks up an environment variable; {@code System::getenv} in production */
    public SecretResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param connectionName for the error message
     * @param fieldKey for the error message
     * @param reference the reference
     * @return the secret's value
     * @throws ConnectorException of kind {@link ErrorKind#CONFIGURATION} when the variable or file is missing or empty,
     *         or its value holds a control character
     */
    public String resolve(String connectionName, String fieldKey, SecretReference reference) {
        String where = "Connection " + connectionName + ": " + fieldKey + " refers to " + reference;
        String value;
        if (reference.provider().equals("env")) {
            value = environment.apply(reference.name());
            if (value == null) {
                throw ConnectorException.of(ErrorKind.CONFIGURATION,
                        where + ", but that environment variable is not set");
            }
        } else {
            try {
                value = Files.readString(Path.of(reference.name()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ConnectorException.of(ErrorKind.CONFIGURATION,
                        where + ", but that file cannot be read: " + e.getMessage(), e);
            }
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw ConnectorException.of(ErrorKind.CONFIGURATION, where + ", which is empty");
        }
        int index = FormValidator.firstControlCharacter(value);
        if (index >= 0) {
            // A CR or LF would split the HTTP header the secret is sent in; the value itself is never shown.
            throw ConnectorException.of(ErrorKind.CONFIGURATION, where + ", whose value holds a control character ("
                    + FormValidator.codePoint(value, index) + ") at position " + (index + 1)
                    + "; expected one line of printable characters");
        }
        return value;
    }
}
