package io.storelink.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a query string the way PHP's {@code parse_str} fills {@code $_GET}: {@code a[b][c]=v} becomes nested maps,
 * {@code a[]=v} appends, a later key wins, {@code +} is a space and {@code %XX} is decoded (malformed escapes stay as
 * they are). Values are {@code String} or {@code Map<String, Object>}, in insertion order.
 */
public final class PhpQuery {
    private PhpQuery() {}

    public static Map<String, Object> parse(String rawQuery) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            put(result, keyPath(key), value);
        }
        return result;
    }

    static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }

    /** {@code a[b][]} → {@code [a, b, ""]}; a key without well-formed brackets is taken literally. */
    private static List<String> keyPath(String key) {
        List<String> path = new ArrayList<>();
        int open = key.indexOf('[');
        if (open <= 0) {
            path.add(key);
            return path;
        }
        path.add(key.substring(0, open));
        int position = open;
        while (position < key.length() && key.charAt(position) == '[') {
            int close = key.indexOf(']', position);
            if (close < 0) {
                break;
            }
            path.add(key.substring(position + 1, close));
            position = close + 1;
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> current = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            if (segment.isEmpty() && i > 0) {
                segment = Integer.toString(nextIndex(current));
            }
            if (i == path.size() - 1) {
                current.put(segment, value);
                return;
            }
            Object next = current.get(segment);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(segment, next);
            }
            current = (Map<String, Object>) next;
        }
    }

    private static int nextIndex(Map<String, Object> map) {
        int next = 0;
        for (String key : map.keySet()) {
            try {
                next = Math.max(next, Integer.parseInt(key) + 1);
            } catch (NumberFormatException ignored) {
                // PHP only counts integer keys
            }
        }
        return next;
    }
}
