package io.storelink.core.storage;

import io.storelink.core.testing.PostgresOnly;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two engines' migrations end with the same tables and columns, each column nullable on both or on neither, as
 * JDBC's metadata tells. Runs in the suite's PostgreSQL run, which has the server; SQLite is there in every run.
 */
@PostgresOnly
final class SchemaParityTest {

    @TempDir
    Path home;

    @Test
    void bothEnginesEndWithTheSameTablesAndColumns() {
        Map<String, TreeSet<String>> sqlite;
        try (Database database = Database.open(home.resolve("storelink.db"))) {
            sqlite = columns(database);
        }
        Map<String, TreeSet<String>> postgres;
        try (Database database = TestDatabases.open(home)) {
            postgres = columns(database);
        }

        assertThat(sqlite).containsKeys("connection", "imported_order", "import_failure", "shipment",
                "idempotency_key");
        assertThat(sqlite.get("import_failure")).contains("id not null");
        assertThat(postgres).isEqualTo(sqlite);
    }

    /** @return each table of the schema (but Flyway's history) with its columns, as "name null" / "name not null" */
    private static Map<String, TreeSet<String>> columns(Database database) {
        return database.inTransaction(sql -> {
            DatabaseMetaData meta = sql.getMetaData();
            String schema = sql.getSchema();
            Map<String, TreeSet<String>> tables = new TreeMap<>();
            try (ResultSet rows = meta.getColumns(null, schema, "%", "%")) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.equals("flyway_schema_history") || table.startsWith("sqlite_")) {
                        continue;
                    }
                    // SQLite's INTEGER PRIMARY KEY may hold NULL by the letter of its metadata; it never does.
                    boolean key = primaryKey(meta, schema, rows.getString("TABLE_NAME"))
                            .contains(rows.getString("COLUMN_NAME"));
                    tables.computeIfAbsent(table, name -> new TreeSet<>()).add(rows.getString("COLUMN_NAME")
                            .toLowerCase(Locale.ROOT) + (key || rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                            ? " not null" : " null"));
                }
            }
            return tables;
        });
    }

    private static java.util.Set<String> primaryKey(DatabaseMetaData meta, String schema, String table)
            throws java.sql.SQLException {
        java.util.Set<String> columns = new java.util.HashSet<>();
        try (ResultSet rows = meta.getPrimaryKeys(null, schema, table)) {
            while (rows.next()) {
                columns.add(rows.getString("COLUMN_NAME"));
            }
        }
        return columns;
    }
}
