package io.storelink.magento2;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A shipment as {@code GET /V1/shipments} and {@code POST /V1/shipment} return it, reduced to what the ship
 * notification reads, and the requests that create one.
 *
 * @param entityId the shipment's {@code entity_id}, or {@code null} if Magento left it out
 * @param orderId the order's {@code entity_id}, or {@code null}
 * @param emailSent whether Magento says the shipment e-mail was sent
 * @param items the shipped order lines
 * @param tracks the tracking numbers
 */
record Magento2ShipmentData(Long entityId, Long orderId, boolean emailSent, List<Item> items, List<Track> tracks) {

    Magento2ShipmentData {
        items = List.copyOf(requireNonNull(items, "items is null"));
        tracks = List.copyOf(requireNonNull(tracks, "tracks is null"));
    }

    /** One {@code items[]} entry of a shipment or of a request: {@code order_item_id} and {@code qty}. */
    record Item(long orderItemId, BigDecimal qty) {
        Item {
            requireNonNull(qty, "qty is null");
        }
    }

    /** One {@code tracks[]} entry. */
    record Track(String trackNumber, String title, String carrierCode) {
        Track {
            requireNonNull(trackNumber, "trackNumber is null");
        }
    }

    /** The body of {@code POST /V1/order/{id}/ship}; {@code comment} may be {@code null}. */
    record ShipOrder(List<Item> items, List<Track> tracks, String comment, boolean notifyCustomer) {
        ShipOrder {
            items = List.copyOf(requireNonNull(items, "items is null"));
            tracks = List.copyOf(requireNonNull(tracks, "tracks is null"));
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an empty items array would ship everything; name the items");
            }
        }
    }

    /** The entity of {@code POST /V1/shipment}; {@code comment} may be {@code null}. */
    record NewShipment(long orderId, List<Item> items, List<Track> tracks, String comment, boolean notifyCustomer) {
        NewShipment {
            items = List.copyOf(requireNonNull(items, "items is null"));
            tracks = List.copyOf(requireNonNull(tracks, "tracks is null"));
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a shipment needs items");
            }
        }
    }

    /**
     * One product of {@code GET /V1/products}.
     *
     * @param shipmentType a bundle's {@code shipment_type} custom attribute ({@code 0} together, {@code 1}
     *        separately), or {@code null}
     */
    record Product(long id, String sku, String typeId, String shipmentType) {
    }
}
