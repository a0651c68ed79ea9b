package io.storelink.core.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.order.OrderJson;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a batch of ship notifications from a CSV or JSON Lines file. Each row becomes a request or an error that
 * names the row, the line it starts on and the column; one bad row does not stop the others.
 *
 * <p>CSV (RFC 4180, UTF-8, a byte order mark at the start allowed, as Excel's "CSV UTF-8" writes it; CRLF or LF line
 * ends; values with commas, quotes or line breaks in double quotes) has a header row with the columns {@code order},
 * {@code carrier}, {@code tracking} (required), and {@code title}, {@code lines} ({@code SKU=QTY;SKU=QTY}, empty for
 * everything left), {@code notify} ({@code true}/{@code false}), {@code comment}, {@code shipped_at} (ISO-8601), in
 * any order and any case. JSON Lines has one object per line:
 * {@code {"order": "000000123", "tracking": [{"carrier": "ups", "number": "1Z…", "title": "UPS"}],
 * "lines": [{"sku": "ABC", "qty": 2}], "notify": true, "comment": "…", "shippedAt": "…"}}; {@code carrier},
 * {@code tracking} and {@code title} may also be given as plain strings for one package.
 */
public final class ShipmentFile {

    /** The columns a CSV header must name, then the optional ones, as messages list them. */
    static final String COLUMNS = "order,carrier,tracking[,title,lines,notify,comment,shipped_at]";

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /**
     * A row of the file and its request or its error.
     *
     * @param number the 1-based row number, as a spreadsheet shows it: in CSV the header is row 1 and a value that
     *               spans lines is still one row; in JSON Lines the line number
     * @param line the 1-based line of the file the row starts on
     * @param request what the row asks for, or {@code null} when it could not be read
     * @param error why the row could not be read, naming the column or field, or {@code null}
     */
    public record Row(int number, int line, ShipmentRequest request, String error) {
    }

    private ShipmentFile() {
    }

    /**
     * @param file a {@code .csv} or {@code .jsonl} file
     * @return every data row, in order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file type is unknown, a CSV header lacks a required column, or the
     *         file is not CSV or UTF-8 (an unclosed quote, say): naming the line
     */
    public static List<Row> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(file);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return jsonLines(file);
        }
        throw new IllegalArgumentException("'" + file + "' is neither .csv nor .jsonl");
    }

    /** The formats of a batch file. */
    public enum Format {
        CSV, JSON_LINES
    }

    /**
     * Reads a batch given as bytes, for example an upload.
     *
     * @param name what messages call the content, e.g. {@code upload}
     * @param content the file's bytes
     * @param format its format
     * @return every data row, in order
     * @throws IllegalArgumentException when a CSV header lacks a required column, or the content is not CSV or not
     *         UTF-8: naming the line
     */
    public static List<Row> read(String name, byte[] content, Format format) {
        try {
            String text = text(name, content);
            return format == Format.CSV ? csv(name, text) : jsonLines(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> csv(Path file) throws IOException {
        return csv(file.toString(), text(file));
    }

    private static List<Row> csv(Object file, String text) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSV)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = null;
            int number = 0;
            while (true) {
                // The lines read so far: the next record starts on the line after them.
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw new IllegalArgumentException("'" + file + "' line " + line + ": " + notCsv(e.getCause()), e);
                }
                number++;
                if (header == null) {
                    header = header(file, record);
                } else if (!blank(record)) {
                    rows.add(csvRow(number, line, header, record));
                }
            }
        }
        return rows;
    }

    private static List<String> header(Object file, CSVRecord record) {
        List<String> header = record.stream().map(column -> column.strip().toLowerCase(Locale.ROOT)).toList();
        for (String required : List.of("order", "carrier", "tracking")) {
            if (!header.contains(required)) {
                throw new IllegalArgumentException("CSV header of '" + file + "' has no '" + required
                        + "' column; expected " + COLUMNS + " separated by commas");
            }
        }
        return header;
    }

    private static Row csvRow(int number, int line, List<String> header, CSVRecord record) {
        for (int column = header.size(); column < record.size(); column++) {
            if (!record.get(column).isBlank()) {
                return new Row(number, line, null, "has " + record.size() + " values but the header names "
                        + header.size() + " columns; quote a value that holds a comma");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int column = 0; column < header.size() && column < record.size(); column++) {
            values.put(header.get(column), record.get(column).strip());
        }
        return row(number, line, () -> {
            String order = column(values, "order", value -> required(value, "an order number"));
            List<ShipmentLine> lines = column(values, "lines", value -> {
                try {
                    return lines(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "; expected SKU=QTY;SKU=QTY", e);
                }
            });
            TrackingNumber tracking = new TrackingNumber(
                    column(values, "carrier", value -> required(value, "a carrier code such as ups")),
                    column(values, "tracking", value -> required(value, "a tracking number")),
                    blankToNull(values.get("title")));
            Instant shippedAt = column(values, "shipped_at", ShipmentFile::instant);
            boolean notify = column(values, "notify", ShipmentFile::bool);
            return new ShipmentRequest(order, lines, List.of(tracking), shippedAt, notify,
                    blankToNull(values.get("comment")));
        });
    }

    /** A blank line, or a row of empty cells as a spreadsheet writes one. */
    private static boolean blank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }

    /**
     * @return the file as UTF-8 text, without the byte order mark Excel writes at the start of "CSV UTF-8"
     * @throws IllegalArgumentException naming the line of the first byte that is not UTF-8
     */
    private static String text(Path file) throws IOException {
        return text(file.toString(), Files.readAllBytes(file));
    }

    private static String text(String file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException(String.format("'%s' line %d: not UTF-8 text (byte 0x%02X); save the "
                    + "file as UTF-8 (in Excel: CSV UTF-8)", file, line, bytes[in.position()] & 0xFF));
        }
        String text = out.flip().toString();
        return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    }

    private static String notCsv(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value is not closed before the end of the file";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "a quoted value is followed by more text before the next comma; put the whole value in quotes "
                    + "and double each quote inside it";
        }
        return message;
    }

    private static List<Row> jsonLines(Path file) throws IOException {
        return jsonLines(text(file));
    }

    private static List<Row> jsonLines(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            rows.add(row(i + 1, i + 1, () -> {
                JsonNode node;
                try {
                    node = OrderJson.mapper().readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException("not valid JSON");
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException("expected a JSON object");
                }
                List<TrackingNumber> tracking = new ArrayList<>();
                JsonNode tracks = node.path("tracking");
                if (tracks.isArray()) {
                    for (JsonNode track : tracks) {
                        tracking.add(new TrackingNumber(text(track, "carrier"), text(track, "number"),
                                blankToNull(track.path("title").asText(null))));
                    }
                } else {
                    tracking.add(new TrackingNumber(text(node, "carrier"), text(node, "tracking"),
                            blankToNull(node.path("title").asText(null))));
                }
                List<ShipmentLine> shipped = new ArrayList<>();
                for (JsonNode item : node.path("lines")) {
                    String sku = blankToNull(item.path("sku").asText(null));
                    String lineId = blankToNull(item.path("lineId").asText(null));
                    shipped.add(labelled("field lines", () -> new ShipmentLine(sku, lineId,
                            quantity(item.path("qty").asText(""), sku))));
                }
                return new ShipmentRequest(text(node, "order"), shipped, tracking,
                        labelled("field shippedAt", () -> instant(node.path("shippedAt").asText(null))),
                        node.path("notify").asBoolean(false), blankToNull(node.path("comment").asText(null)));
            }));
        }
        return rows;
    }

    /**
     * Parses {@code SKU=QTY;SKU=QTY} (also used by {@code --line SKU=QTY} on the command line).
     *
     * @param spec the lines; blank for everything left to ship
     * @return the lines
     * @throws IllegalArgumentException naming the part that is not {@code SKU=QTY} or the quantity that is no number
     */
    public static List<ShipmentLine> lines(String spec) {
        List<ShipmentLine> lines = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return lines;
        }
        for (String part : spec.split(";")) {
            String trimmed = part.strip();
            int equals = trimmed.lastIndexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + trimmed + "' is not SKU=QTY");
            }
            String sku = trimmed.substring(0, equals).strip();
            lines.add(new ShipmentLine(sku, null, quantity(trimmed.substring(equals + 1).strip(), sku)));
        }
        return lines;
    }

    private static BigDecimal quantity(String value, String sku) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + value + "'" + (sku == null ? "" : " of " + sku)
                    + " is not a number");
        }
    }

    private static Row row(int number, int line, RowParser parser) {
        try {
            return new Row(number, line, parser.parse(), null);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Row(number, line, null, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface RowParser {
        ShipmentRequest parse();
    }

    /** Reads one CSV column; what is wrong with it names the column. */
    private static <T> T column(Map<String, String> values, String column, Function<String, T> parse) {
        String value = values.get(column);
        return labelled("column " + column, () -> parse.apply(value == null ? "" : value));
    }

    /** Runs {@code parse}; what is wrong is prefixed with {@code where} it came from, e.g. {@code column lines}. */
    private static <T> T labelled(String where, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String required(String value, String expected) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("no value; expected " + expected);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("field " + field + ": missing");
        }
        return value;
    }

    private static boolean bool(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 instant such as "
                    + "2026-11-27T10:15:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
