package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in store's order notes as WooCommerce keeps them: a POST to {@code /orders/{id}/notes} stores the note
 * and answers it with its new id, a GET lists the order's notes newest first; {@code /orders/{id}} reads as
 * {@link WooStandIn#order(long)}. A stub that drops its answer still stores the note first, as a store does that
 * commits before the connection is lost.
 */
final class WooNotes implements ResponseDefinitionTransformerV2 {

    static final String NAME = "woo-notes";

    private static final Pattern ORDER = Pattern.compile(".*/orders/(\\d+)(/notes)?");

    private final Map<Long, List<ObjectNode>> byOrder = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(900);

    /** @return the texts of the notes the store holds for the order, oldest first */
    List<String> of(long orderId) {
        synchronized (byOrder) {
            return byOrder.getOrDefault(orderId, List.of()).stream().map(note -> note.path("note").asText()).toList();
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        Matcher path = ORDER.matcher(request.getUrl().split("\\?", 2)[0]);
        if (!path.matches()) {
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).withStatus(404).build();
        }
        long orderId = Long.parseLong(path.group(1));
        boolean notes = path.group(2) != null;
        String method = request.getMethod().getName();
        String body;
        int status = 200;
        if (notes && method.equals("POST")) {
            ObjectNode note = WooStandIn.JSON.createObjectNode();
            note.put("id", nextId.incrementAndGet());
            note.put("note", read(request.getBodyAsString()).path("note").asText(""));
            note.put("customer_note", read(request.getBodyAsString()).path("customer_note").asBoolean(false));
            synchronized (byOrder) {
                byOrder.computeIfAbsent(orderId, id -> new ArrayList<>()).add(note);
            }
            body = note.toString();
            status = 201;
        } else if (notes) {
            ArrayNode list = WooStandIn.JSON.createArrayNode();
            synchronized (byOrder) {
                List<ObjectNode> held = byOrder.getOrDefault(orderId, List.of());
                for (int i = held.size() - 1; i >= 0; i--) {
                    list.add(held.get(i));
                }
            }
            body = list.toString();
        } else {
            ObjectNode order = WooStandIn.order(orderId);
            if (method.equals("PUT")) {
                order.put("status", read(request.getBodyAsString()).path("status").asText(order.path("status")
                        .asText()));
            }
            body = order.toString();
        }
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static JsonNode read(String body) {
        try {
            return WooStandIn.JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
