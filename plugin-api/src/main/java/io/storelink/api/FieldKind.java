package io.storelink.api;

/**
 * The kinds of field a form can hold. Each kind has one {@link FieldType} record carrying its constraints.
 *
 * @since 1.0.0
 */
public enum FieldKind {
    /** Free text on one line. */
    TEXT,
    /** Text that must never be shown, logged or stored in plaintext, such as an access token. */
    SECRET,
    /** An absolute http or https URL. */
    URL,
    /** A whole number, optionally bounded and with a unit such as minutes. */
    INTEGER,
    /** Yes or no. */
    BOOLEAN,
    /** One value from a fixed list. */
    CHOICE,
    /** Free text, with common values offered as suggestions. */
    SUGGESTED_TEXT
}
