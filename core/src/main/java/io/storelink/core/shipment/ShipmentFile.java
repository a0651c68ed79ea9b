package io.storelink.core.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ShipmentLine;
import io.storelink.api.TrackingNumber;
import io.storelink.core.order.OrderJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a batch of ship notifications from a CSV or JSON Lines file. Each row becomes a request or an error that
 * names the row; one bad row does not stop the others.
 *
 * <p>CSV has a header row with the columns {@code order}, {@code carrier}, {@code tracking} (required), and
 * {@code title}, {@code lines} ({@code SKU=QTY;SKU=QTY}, empty for everything left), {@code notify}
 * ({@code true}/{@code false}), {@code comment}, {@code shipped_at} (ISO-8601). JSON Lines has one object per line:
 * {@code {"order": "000000123", "tracking": [{"carrier": "ups", "number": "1Z…", "title": "UPS"}],
 * "lines": [{"sku": "ABC", "qty": 2}], "notify": true, "comment": "…", "shippedAt": "…"}}; {@code carrier},
 * {@code tracking} and {@code title} may also be given as plain strings for one package.
 */
public final class ShipmentFile {

    /** A row of the file: its 1-based row number (the header is row 1 in CSV) and its request or its error. */
    public record Row(int number, ShipmentRequest request, String error) {
    }

    private ShipmentFile() {
    }

    /**
     * @param file a {@code .csv} or {@code .jsonl} file
     * @return every data row, in order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file type is unknown or a CSV header lacks a required column
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

    private static List<Row> csv(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> records = Csv.parse(reader);
            if (records.isEmpty()) {
                return rows;
            }
            List<String> header = records.get(0).stream().map(column -> column.strip().toLowerCase(Locale.ROOT)).toList();
            for (String required : List.of("order", "carrier", "tracking")) {
                if (!header.contains(required)) {
                    throw new IllegalArgumentException("CSV header of '" + file + "' has no '" + required
                            + "' column; expected order,carrier,tracking[,title,lines,notify,comment,shipped_at]");
                }
            }
            for (int i = 1; i < records.size(); i++) {
                List<String> record = records.get(i);
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int column = 0; column < header.size() && column < record.size(); column++) {
                    values.put(header.get(column), record.get(column).strip());
                }
                rows.add(row(i + 1, () -> new ShipmentRequest(required(values, "order"),
                        lines(values.getOrDefault("lines", "")),
                        List.of(new TrackingNumber(required(values, "carrier"), required(values, "tracking"),
                                blankToNull(values.get("title")))),
                        instant(values.get("shipped_at")), bool(values.get("notify")),
                        blankToNull(values.get("comment")))));
            }
        }
        return rows;
    }

    private static List<Row> jsonLines(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            rows.add(row(i + 1, () -> {
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
                    shipped.add(new ShipmentLine(blankToNull(item.path("sku").asText(null)),
                            blankToNull(item.path("lineId").asText(null)), quantity(item.path("qty").asText(""))));
                }
                return new ShipmentRequest(text(node, "order"), shipped, tracking,
                        instant(node.path("shippedAt").asText(null)), node.path("notify").asBoolean(false),
                        blankToNull(node.path("comment").asText(null)));
            }));
        }
        return rows;
    }

    /**
     * Parses {@code SKU=QTY;SKU=QTY} (also used by {@code --line SKU=QTY} on the command line).
     *
     * @param spec the lines; blank for everything left to ship
     * @return the lines
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
                throw new IllegalArgumentException("line '" + trimmed + "' is not SKU=QTY");
            }
            lines.add(new ShipmentLine(trimmed.substring(0, equals).strip(), null,
                    quantity(trimmed.substring(equals + 1).strip())));
        }
        return lines;
    }

    private static BigDecimal quantity(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + value + "' is not a number");
        }
    }

    private static Row row(int number, RowParser parser) {
        try {
            return new Row(number, parser.parse(), null);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Row(number, null, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface RowParser {
        ShipmentRequest parse();
    }

    private static String required(Map<String, String> values, String column) {
        String value = values.get(column);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
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
            default -> throw new IllegalArgumentException("notify '" + value + "' is not true or false");
        };
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("shipped_at '" + value + "' is not an ISO-8601 instant such as "
                    + "2026-11-27T10:15:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
