package io.storelink.core.storage;

/**
 * The few pieces of SQL that cannot be written once for both engines. Everything else the services run is the
 * SQL both SQLite and PostgreSQL take (upserts as {@code ON CONFLICT}, new ids by {@code RETURNING}, instants as
 * ISO-8601 text, flags as 0/1 integers, {@code IS NOT DISTINCT FROM}); this is the one place that knows which engine
 * it is.
 */
public enum Dialect {

    SQLITE("CAST(%s AS TEXT)", "MAX", "json_extract(%s, '$.%s')", ".", "instr", null),
    POSTGRESQL("convert_from(%s, 'UTF8')", "GREATEST", "(%s::jsonb #>> '{%s}')", ",", "strpos",
            "SELECT setval(pg_get_serial_sequence('%1$s', '%2$s'), COALESCE(MAX(%2$s), 0) + 1, false) FROM %1$s");

    private final String utf8AsText;
    private final String greater;
    private final String jsonText;
    private final String jsonPathSeparator;
    private final String position;
    private final String identityAfterCopy;

    Dialect(String utf8AsText, String greater, String jsonText, String jsonPathSeparator, String position,
            String identityAfterCopy) {
        this.utf8AsText = utf8AsText;
        this.greater = greater;
        this.jsonText = jsonText;
        this.jsonPathSeparator = jsonPathSeparator;
        this.position = position;
        this.identityAfterCopy = identityAfterCopy;
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

    /**
     * @param table a table whose rows were inserted with their ids
     * @param column its identity column
     * @return the statement that makes the next id follow the highest one, or {@code null} where the engine does so
     *         by itself (SQLite)
     */
    public String identityAfterCopy(String table, String column) {
        return identityAfterCopy == null ? null : identityAfterCopy.formatted(table, column);
    }

    /**
     * @param alias the alias of the table whose rows a claim takes
     * @return what ends a SELECT of rows to claim: on PostgreSQL a row lock that skips the rows other transactions
     *         have locked ({@code FOR UPDATE OF alias SKIP LOCKED}); nothing on SQLite, whose one writer at a time
     *         lets the claiming update's own conditions decide
     */
    public String skipLocked(String alias) {
        return this == POSTGRESQL ? " FOR UPDATE OF " + alias + " SKIP LOCKED" : "";
    }

    /**
     * @return the statement that opens a claiming transaction, or {@code null} where there is none (SQLite). On
     *         PostgreSQL it lowers that one transaction to READ COMMITTED, the level {@code SKIP LOCKED} is made for:
     *         the rows it claims are locked by it, and the claiming update reads each row's newest version, so
     *         hosts draining at once take different rows instead of failing each other's serializable transactions
     */
    public String claimTransaction() {
        return this == POSTGRESQL ? "SET TRANSACTION ISOLATION LEVEL READ COMMITTED" : null;
    }

    /**
     * @return what ends a SELECT of one row the transaction goes on to write: on PostgreSQL a row lock
     *         ({@code FOR UPDATE}), so at READ COMMITTED ({@link Database#inRowTransaction}) a second transaction wanting
     *         the row waits for the first and then reads what it wrote; nothing on SQLite, one writer at a time
     */
    public String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }
}
