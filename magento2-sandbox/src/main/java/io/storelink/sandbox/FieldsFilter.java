package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Magento's {@code fields=} response trimming, e.g. {@code items[entity_id,items[sku],extension_attributes[shipping_assignments]],total_count}:
 * objects keep only the listed keys (recursively for bracketed ones), arrays are trimmed element by element,
 * and top-level keys that are not listed are dropped.
 */
final class FieldsFilter {
    /** Listed keys; the value is the nested filter, or null to keep the whole value. */
    private final Map<String, FieldsFilter> fields;

    private FieldsFilter(Map<String, FieldsFilter> fields) {
        this.fields = fields;
    }

    static FieldsFilter parse(String spec) {
        return new Parser(spec).list();
    }

    JsonNode apply(JsonNode node) {
        if (node instanceof ArrayNode) {
            ArrayNode result = Json.array();
            node.forEach(element -> result.add(apply(element)));
            return result;
        }
        if (!(node instanceof ObjectNode)) {
            return node;
        }
        ObjectNode result = Json.object();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (fields.containsKey(entry.getKey())) {
                FieldsFilter nested = fields.get(entry.getKey());
                result.set(entry.getKey(), nested == null ? entry.getValue() : nested.apply(entry.getValue()));
            }
        }
        return result;
    }

    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        FieldsFilter list() {
            Map<String, FieldsFilter> fields = new LinkedHashMap<>();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == ',') {
                    position++;
                    continue;
                }
                if (c == ']') {
                    position++;
                    break;
                }
                int start = position;
                while (position < text.length() && ",[]".indexOf(text.charAt(position)) < 0) {
                    position++;
                }
                String name = text.substring(start, position).trim();
                FieldsFilter nested = null;
                if (position < text.length() && text.charAt(position) == '[') {
                    position++;
                    nested = list();
                }
                if (!name.isEmpty()) {
                    fields.put(name, nested);
                }
            }
            return new FieldsFilter(fields);
        }
    }
}
