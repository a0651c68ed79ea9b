package io.storelink.core.storage;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies every row of one Storelink database into another, empty one, on either engine (the way a single-host
 * install moves to PostgreSQL): table by table, each in one transaction on the target, all read from one snapshot of
 * the source, which is only read. Each table is then checked: the same number of rows, and the same checksum over
 * every row's values, read back from the target.
 */
public final class DatabaseCopy {

    /** The tables, parents before children, with the column each new row's id comes from (or none). */
    static final List<Table> TABLES = List.of(
            new Table("connection", "id"),
            new Table("import_run", "id"),
            new Table("imported_order", "id"),
            new Table("import_cursor", null),
            new Table("import_failure", "id"),
            new Table("shipment", "id"),
            new Table("audit_log", "id"),
            new Table("idempotency_key", null));

    /** A table copied. @param name its name @param identity the column the database numbers, or {@code null} */
    record Table(String name, String identity) {
    }

    /**
     * One table copied and checked.
     *
     * @param table its name
     * @param rows how many rows it holds in both databases
     * @param checksum the SHA-256 sum over its rows' values (order-independent), the same in both
     */
    public record Copied(String table, long rows, String checksum) {
    }

    private DatabaseCopy() {
    }

    /**
     * @param source the database to copy; only read
     * @param target an empty database at the same schema version
     * @return each table, with its rows and checksum, equal in both
     * @throws IllegalStateException when the target is not empty or at another schema version, or a table's count or
     *         checksum differs after the copy (the target is then left as it is, to look at; drop it and copy again)
     */
    public static List<Copied> copy(Database source, Database target) {
        int from = source.schemaVersion();
        int to = target.schemaVersion();
        if (from != to) {
            throw new IllegalStateException(source.describe() + " is at schema version " + from + " and "
                    + target.describe() + " at " + to + "; both must be at this release's (run storelink db migrate "
                    + "with this release on the source first)");
        }
        for (Table table : TABLES) {
            long rows = count(target, table.name());
            if (rows > 0) {
                throw new IllegalStateException(target.describe() + " is not empty: table " + table.name() + " holds "
                        + rows + " row" + (rows == 1 ? "" : "s") + "; db copy only fills an empty database, so that "
                        + "nothing there is overwritten. Give it a new database (or drop and create this one)");
            }
        }
        List<Copied> copied = new ArrayList<>();
        source.inTransaction(read -> {
            for (Table table : TABLES) {
                target.inTransaction(write -> {
                    copyRows(read, write, table, target.dialect());
                    return null;
                });
                Copied expected = checksum(read, table.name());
                Copied actual = target.inTransaction(check -> checksum(check, table.name()));
                if (!expected.equals(actual)) {
                    throw new IllegalStateException("Table " + table.name() + " differs after the copy: "
                            + expected.rows() + " rows with checksum " + expected.checksum() + " in "
                            + source.describe() + ", " + actual.rows() + " rows with checksum " + actual.checksum()
                            + " in " + target.describe());
                }
                copied.add(expected);
            }
            return null;
        });
        return copied;
    }

    private static void copyRows(Connection read, Connection write, Table table, Dialect dialect) throws SQLException {
        try (Statement select = read.createStatement();
             ResultSet rows = select.executeQuery("SELECT * FROM " + table.name())) {
            ResultSetMetaData columns = rows.getMetaData();
            int count = columns.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                names.add(columns.getColumnName(i));
            }
            int[] types = targetTypes(write, table.name(), names);
            String insert = "INSERT INTO " + table.name() + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
            try (PreparedStatement into = write.prepareStatement(insert)) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= count; i++) {
                        Object value = rows.getObject(i);
                        if (value == null) {
                            into.setNull(i, types[i - 1]);
                        } else if (isBinary(types[i - 1])) {
                            into.setBytes(i, rows.getBytes(i));
                        } else {
                            into.setObject(i, value);
                        }
                    }
                    into.addBatch();
                    if (++pending == 500) {
                        into.executeBatch();
                        pending = 0;
                    }
                }
                into.executeBatch();
            }
        }
        if (table.identity() != null) {
            String next = dialect.identityAfterCopy(table.name(), table.identity());
            if (next != null) {
                try (Statement statement = write.createStatement()) {
                    statement.execute(next);
                }
            }
        }
    }

    private static int[] targetTypes(Connection write, String table, List<String> names) throws SQLException {
        try (Statement statement = write.createStatement();
             ResultSet none = statement.executeQuery("SELECT " + String.join(", ", names) + " FROM " + table
                     + " WHERE 1 = 0")) {
            int[] types = new int[names.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = none.getMetaData().getColumnType(i + 1);
            }
            return types;
        }
    }

    private static boolean isBinary(int type) {
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    }

    /**
     * The rows and a checksum of a table: the sum, modulo 2^256, of the SHA-256 of each row's values in a form both
     * engines give alike (numbers as whole numbers, text as UTF-8, bytes as hex, NULL as a marker), so that neither the
     * order rows come in nor how an engine types a column changes it.
     */
    static Copied checksum(Connection sql, String table) throws SQLException {
        BigInteger sum = BigInteger.ZERO;
        long count = 0;
        try (Statement select = sql.createStatement();
             ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                names.add(columns.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            // The same columns in the same order on both engines, whatever order the tables have them in.
            List<String> sorted = names.stream().sorted().toList();
            MessageDigest digest = sha256();
            while (rows.next()) {
                for (String name : sorted) {
                    int index = names.indexOf(name) + 1;
                    digest.update(canonical(rows, index, columns.getColumnType(index))
                            .getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0x1f);
                }
                sum = sum.add(new BigInteger(1, digest.digest()));
                count++;
            }
        }
        return new Copied(table, count, HexFormat.of().formatHex(
                sum.mod(BigInteger.ONE.shiftLeft(256)).toByteArray()));
    }

    private static String canonical(ResultSet rows, int index, int type) throws SQLException {
        Object value = rows.getObject(index);
        if (value == null) {
            return "\u0000NULL";
        }
        if (value instanceof byte[] || isBinary(type)) {
            return "x" + HexFormat.of().formatHex(rows.getBytes(index));
        }
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }

    static long count(Database database, String table) {
        return database.inTransaction(sql -> {
            try (Statement statement = sql.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
