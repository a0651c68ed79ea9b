package io.storelink.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A shipment document with its items, tracks and comments: an immutable snapshot. */
public record Shipment(
        long entityId,
        String incrementId,
        long orderId,
        int storeId,
        Instant createdAt,
        Instant updatedAt,
        double totalQty,
        boolean emailSent,
        List<Item> items,
        List<Track> tracks,
        List<Comment> comments) {
    public Shipment {
        requireNonNull(incrementId, "incrementId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        items = List.copyOf(items);
        tracks = List.copyOf(tracks);
        comments = List.copyOf(comments);
    }

    Shipment withTrack(Track track, Instant when) {
        List<Track> newTracks = new ArrayList<>(tracks);
        newTracks.add(track);
        return new Shipment(entityId, incrementId, orderId, storeId, createdAt, when, totalQty, emailSent, items,
                newTracks, comments);
    }

    Shipment withEmailSent() {
        return new Shipment(entityId, incrementId, orderId, storeId, createdAt, updatedAt, totalQty, true, items,
                tracks, comments);
    }

    /** A shipped line; {@code sku} and {@code name} are null when the order item is unknown (old route). */
    public record Item(long entityId, long parentId, long orderItemId, Long productId, String sku, String name,
                       double qty, Double price, Double weight) {}

    /** A tracking number; only {@code trackNumber} is checked by the compact route. */
    public record Track(long entityId, long parentId, long orderId, String trackNumber, String title,
                        String carrierCode, String description, Double qty, Double weight, Instant createdAt) {}

    /** A shipment comment. */
    public record Comment(long entityId, long parentId, String comment, boolean isCustomerNotified,
                          boolean isVisibleOnFront, Instant createdAt) {
        public Comment {
            requireNonNull(comment, "comment is null");
        }
    }
}
