package io.storelink.core.storage;

/**
 * The few pieces of SQL that cannot be written once for both engines. Everything else the services run is the
 * SQL both SQLite and PostgreSQL take (upserts as {@code ON CONFLICT}, new ids by {@code RETURNING}, instants as
 * ISO-8601 text, flags as 0/1 integers, {@code IS NOT DISTINCT FROM}); this is the one place that knows which engine
 * it is.
 */
public enum Dialect {

    SQLITE("CAST(%s AS TEXT)", "MAX", "json_extract(%s, '$.%s')", ".", "instr"),
    POSTGRESQL("convert_from(%s, 'UTF8')", "GREATEST", "(%s::jsonb #>> '{%s}')", ",", "strpos");

    private final String utf8AsText;
    private final String greater;
    private final String jsonText;
    private final String jsonPathSeparator;
    private final String position;

    Dialect(String utf8AsText, String greater, String jsonText, String jsonPathSeparator, String position) {
        this.utf8AsText = utf8AsText;
        this.greater = greater;
        this.jsonText = jsonText;
        this.jsonPathSeparator = jsonPathSeparator;
        this.position = position;
    }

    /**
     * @param parameter a parameter bound to UTF-8 bytes, for example {@code ?}
     * @return an expression that stores them as text, without a String built and encoded again on the way
     */
    public String utf8AsText(String parameter) {
        return utf8AsText.formatted(parameter);
    }

    /** @param first an expression @param second another @return the greater of the two, as a scalar expression */
    public String greater(String first, String second) {
        return greater + "(" + first + ", " + second + ")";
    }

    /**
     * @param column a column holding a JSON object as text
     * @param path the keys down to a value, each a plain name
     * @return the value there as text, or NULL when there is none
     */
    public String jsonText(String column, String... path) {
        return jsonText.formatted(column, String.join(jsonPathSeparator, path));
    }

    /** @param haystack an expression @param needle another @return where needle starts in haystack, 1-based; 0 if not */
    public String position(String haystack, String needle) {
        return position + "(" + haystack + ", " + needle + ")";
    }
}
