package io.storelink.sdk;

/**
 * A value the store sent that the plugin cannot use: {@link #getMessage()} names the field, the value and what was
 * expected ({@code line_items[1].sku is missing, expected text}). Thrown by {@link JsonReader} and {@link Dates};
 * a plugin reports the order as unreadable with it, or turns it into a
 * {@link io.storelink.api.ConnectorException}.
 */
public final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param field the field's path, for example {@code line_items[0].quantity}
     * @param value the value as found, or {@code null} when missing
     * @param expected what was expected, for example {@code a whole number}
     */
    public InvalidValueException(String field, String value, String expected) {
        super(field + " is " + (value == null ? "missing" : quote(value)) + ", expected " + expected, null, false,
                false);
        this.field = field;
        this.value = value;
    }

    /** @return the field's path */
    public String field() {
        return field;
    }

    /** @return the value as found, or {@code null} when missing */
    public String value() {
        return value;
    }

    /** A value quoted for a message, cut after 60 characters. */
    static String quote(String text) {
        String shown = text.length() <= 60 ? text : text.substring(0, 60) + "...";
        return "'" + shown + "'";
    }
}
