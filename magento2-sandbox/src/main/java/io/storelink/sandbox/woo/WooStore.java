package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox store's orders and order notes, kept as the JSON WooCommerce answers. Every method is synchronized and
 * hands out copies, so an answer never changes under a reader.
 */
final class WooStore {
    /** What the sandbox's orders list by; one of these drives the list's sort. */
    enum Sort { DATE, MODIFIED, ID }

    /** A list request (docs/woocommerce-rest-api.md §3); null bounds and an empty status set mean no filter. */
    record Query(Set<String> statuses, Instant modifiedAfter, Instant modifiedBefore, Instant after, Instant before,
                 Sort sort, boolean ascending, int page, int perPage) {}

    /** One page of a list, and how many orders the whole list has. */
    record Page(List<ObjectNode> orders, int total) {}

    private final Clock clock;
    private final TreeMap<Long, ObjectNode> orders = new TreeMap<>();
    private final Map<Long, List<ObjectNode>> notes = new HashMap<>();
    private long nextNoteId = 1;

    WooStore(Clock clock, List<ObjectNode> initial) {
        this.clock = requireNonNull(clock, "clock is null");
        initial.forEach(order -> orders.put(order.path("id").asLong(), order));
    }

    synchronized Page list(Query query) {
        Comparator<ObjectNode> order = switch (query.sort()) {
            case ID -> Comparator.comparingLong(node -> node.path("id").asLong());
            case MODIFIED -> Comparator.comparing((ObjectNode node) -> WooOrders.gmt(node, "date_modified"))
                    .thenComparingLong(node -> node.path("id").asLong());
            case DATE -> Comparator.comparing((ObjectNode node) -> WooOrders.gmt(node, "date_created"))
                    .thenComparingLong(node -> node.path("id").asLong());
        };
        List<ObjectNode> matching = orders.values().stream()
                .filter(node -> query.statuses().isEmpty() || query.statuses().contains(node.path("status").asText()))
                .filter(node -> within(WooOrders.gmt(node, "date_modified"), query.modifiedAfter(),
                        query.modifiedBefore()))
                .filter(node -> within(WooOrders.gmt(node, "date_created"), query.after(), query.before()))
                .sorted(query.ascending() ? order : order.reversed())
                .toList();
        long from = (long) (query.page() - 1) * query.perPage();
        List<ObjectNode> page = matching.stream().skip(from).limit(query.perPage()).map(ObjectNode::deepCopy)
                .toList();
        return new Page(page, matching.size());
    }

    /** WordPress's date filters are exclusive. */
    private static boolean within(Instant instant, Instant after, Instant before) {
        return (after == null || instant.isAfter(after)) && (before == null || instant.isBefore(before));
    }

    synchronized ObjectNode order(long id) {
        ObjectNode order = orders.get(id);
        return order == null ? null : order.deepCopy();
    }

    /**
     * Gives an order a status and, as WooCommerce does on a change, modifies it, completes it when the status is
     * completed, and adds a system note saying so. Returns the updated order, or null when there is no such order.
     */
    synchronized ObjectNode setStatus(long id, String status) {
        ObjectNode order = orders.get(id);
        if (order == null) {
            return null;
        }
        String before = order.path("status").asText();
        if (!before.equals(status)) {
            Instant now = clock.instant();
            order.put("status", status);
            WooOrders.putDate(order, "date_modified", now);
            if (status.equals("completed")) {
                WooOrders.putDate(order, "date_completed", now);
            }
            addNote(id, "Order status changed from " + label(before) + " to " + label(status) + ".", false);
        }
        return order.deepCopy();
    }

    private static String label(String status) {
        String words = status.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** Adds a note to an order (which must exist) and returns it. */
    synchronized ObjectNode addNote(long orderId, String text, boolean customerNote) {
        ObjectNode note = JsonNodeFactory.instance.objectNode().put("id", nextNoteId++).put("author", "WooCommerce");
        WooOrders.putDate(note, "date_created", clock.instant());
        note.put("note", text).put("customer_note", customerNote);
        notes.computeIfAbsent(orderId, key -> new ArrayList<>()).add(note);
        return note.deepCopy();
    }

    /** An order's notes, newest first, or null when there is no such order. */
    synchronized List<ObjectNode> notes(long orderId) {
        if (!orders.containsKey(orderId)) {
            return null;
        }
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode note : notes.getOrDefault(orderId, List.of())) {
            copies.add(0, note.deepCopy());
        }
        return copies;
    }

    synchronized List<ObjectNode> orders() {
        return orders.values().stream().map(ObjectNode::deepCopy).toList();
    }
}
