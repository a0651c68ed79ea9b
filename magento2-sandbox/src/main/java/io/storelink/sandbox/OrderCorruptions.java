package io.storelink.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Broken order JSON on purpose: one field of one order removed, or replaced with a value of the wrong type, in every
 * answer that shows the order ({@code GET /V1/orders} and {@code GET /V1/orders/{id}}). Only the JSON is broken; the
 * order itself, and so searching, sorting and counting, stay as they are. Thread-safe; may change while the sandbox
 * runs.
 * <pre>{@code
 * sandbox.orderCorruptions().replace(12, "items[1].qty_ordered", "\"abc\"");
 * sandbox.orderCorruptions().remove(13, "increment_id");
 * }</pre>
 * A path is field names joined by dots, each optionally followed by an array index: {@code grand_total},
 * {@code items[0].sku}, {@code extension_attributes.shipping_assignments[0].shipping.address}, or {@code items[1]} for
 * a whole line. A path the order's JSON does not have changes nothing. A field replaced with {@code null} is left
 * out, as Magento leaves out null fields.
 */
public final class OrderCorruptions {
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private final Map<Long, List<Corruption>> byOrder = new ConcurrentHashMap<>();

    /**
     * One broken field.
     *
     * @param entityId the order
     * @param path where in the order's JSON
     * @param json the JSON value written there instead, or {@code null} to remove the field
     */
    public record Corruption(long entityId, String path, String json) {
        public Corruption {
            requireNonNull(path, "path is null");
            steps(path);
            if (json != null) {
                parse(json);
            }
        }
    }

    /** Leaves the field at {@code path} out of order {@code entityId}'s JSON. */
    public void remove(long entityId, String path) {
        add(new Corruption(entityId, path, null));
    }

    /** Writes the JSON value {@code json} (for example {@code "\"abc\""}, {@code "{}"}, {@code "[]"}) at {@code path}. */
    public void replace(long entityId, String path, String json) {
        add(new Corruption(entityId, path, requireNonNull(json, "json is null")));
    }

    /** Every corruption, in no particular order. */
    public List<Corruption> active() {
        List<Corruption> all = new ArrayList<>();
        byOrder.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    public void clear() {
        byOrder.clear();
    }

    private void add(Corruption corruption) {
        byOrder.compute(corruption.entityId(), (id, list) -> {
            List<Corruption> updated = list == null ? new ArrayList<>() : new ArrayList<>(list);
            updated.add(corruption);
            return List.copyOf(updated);
        });
    }

    /** The order's rendered JSON with its corruptions applied, in the order they were added. */
    ObjectNode apply(long entityId, ObjectNode order) {
        List<Corruption> corruptions = byOrder.get(entityId);
        if (corruptions == null) {
            return order;
        }
        for (Corruption corruption : corruptions) {
            apply(order, steps(corruption.path()), corruption.json() == null ? null : parse(corruption.json()));
        }
        return order;
    }

    private static void apply(ObjectNode order, List<Object> steps, JsonNode value) {
        JsonNode parent = order;
        for (int index = 0; index < steps.size() - 1 && parent != null; index++) {
            Object step = steps.get(index);
            parent = step instanceof Integer position ? parent.get(position) : parent.get((String) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String field && object.has(field)) {
            if (value == null) {
                object.remove(field);
            } else {
                object.set(field, value);
            }
        } else if (parent instanceof ArrayNode array && last instanceof Integer position && position < array.size()) {
            if (value == null) {
                array.remove(position);
            } else {
                array.set(position, value);
            }
        }
    }

    /** {@code items[2].sku} as {@code ["items", 2, "sku"]}. */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher step = STEP.matcher(part);
            if (!step.matches()) {
                throw new IllegalArgumentException("not a path such as items[2].qty_ordered: " + path);
            }
            steps.add(step.group(1));
            Matcher index = INDEX.matcher(step.group(2));
            while (index.find()) {
                steps.add(Integer.valueOf(index.group(1)));
            }
        }
        return steps;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + json, e);
        }
    }
}
