package io.storelink.core.form;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret given as a reference instead of a value: {@code ${env:NAME}} reads an environment variable and
 * {@code ${file:/path}} reads a file, both only when the secret is used. The reference is stored; the value never is.
 *
 * @param provider {@code env} or {@code file}
 * @param name the variable name or the absolute file path
 */
public record SecretReference(String provider, String name) {

    /** A reference, as a regular expression that reads the same in ECMA-262 and Java. */
    static final String REFERENCE = "\\$\\{(env:[A-Za-z_][A-Za-z0-9_]*|file:/[^}]+)\\}";

    static final Pattern SYNTAX = Pattern.compile(REFERENCE);

    /**
     * @param value a secret field's raw value
     * @return the reference, if the value is one; empty for a plain value
     * @throws IllegalArgumentException if the value starts like a reference but is not a valid one
     */
    public static Optional<SecretReference> parse(String value) {
        if (!value.startsWith("${")) {
            return Optional.empty();
        }
        Matcher matcher = SYNTAX.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("is not a valid reference; expected ${env:NAME} or ${file:/absolute/path}");
        }
        String body = matcher.group(1);
        int colon = body.indexOf(':');
        return Optional.of(new SecretReference(body.substring(0, colon), body.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "${" + provider + ":" + name + "}";
    }
}
