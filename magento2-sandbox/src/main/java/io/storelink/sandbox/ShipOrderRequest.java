package io.storelink.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /V1/order/{id}/ship}: quantities by order item id (a repeated id keeps the last
 * quantity, as a PHP array would), tracks, an optional comment, and the notify flags.
 */
record ShipOrderRequest(Map<Long, Double> items, List<TrackRequest> tracks, CommentRequest comment,
                        boolean notifyCustomer, boolean appendComment) {
    ShipOrderRequest {
        items = new LinkedHashMap<>(items);
        tracks = List.copyOf(tracks);
    }

    static ShipOrderRequest everything() {
        return new ShipOrderRequest(Map.of(), List.of(), null, false, false);
    }

    record TrackRequest(String trackNumber, String title, String carrierCode, String description, Double qty,
                        Double weight) {}

    record CommentRequest(String comment, boolean isVisibleOnFront) {}
}
