package io.storelink.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders shipments, tracks and comments as Magento's {@code sales-data-shipment-interface}; reads fields for search. */
final class ShipmentJson {
    private ShipmentJson() {}

    static ObjectNode render(Shipment shipment) {
        ObjectNode json = Json.object();
        json.put("billing_address_id", shipment.orderId() * 2 - 1);
        ArrayNode comments = json.putArray("comments");
        shipment.comments().forEach(comment -> comments.add(comment(comment)));
        Json.put(json, "created_at", shipment.createdAt());
        Json.putFlag(json, "email_sent", shipment.emailSent());
        json.put("entity_id", shipment.entityId());
        json.put("increment_id", shipment.incrementId());
        ArrayNode items = json.putArray("items");
        for (Shipment.Item item : shipment.items()) {
            ObjectNode node = Json.object();
            node.put("entity_id", item.entityId());
            Json.put(node, "name", item.name());
            node.put("order_item_id", item.orderItemId());
            node.put("parent_id", item.parentId());
            Json.putNumber(node, "price", item.price());
            Json.put(node, "product_id", item.productId());
            Json.putNumber(node, "qty", item.qty());
            Json.put(node, "sku", item.sku());
            Json.putNumber(node, "weight", item.weight());
            items.add(node);
        }
        json.put("order_id", shipment.orderId());
        json.putArray("packages");
        json.put("shipping_address_id", shipment.orderId() * 2);
        json.put("store_id", shipment.storeId());
        Json.putNumber(json, "total_qty", shipment.totalQty());
        ArrayNode tracks = json.putArray("tracks");
        shipment.tracks().forEach(track -> tracks.add(track(track)));
        Json.put(json, "updated_at", shipment.updatedAt());
        return json;
    }

    static ObjectNode track(Shipment.Track track) {
        ObjectNode json = Json.object();
        Json.put(json, "carrier_code", track.carrierCode());
        Json.put(json, "created_at", track.createdAt());
        Json.put(json, "description", track.description());
        json.put("entity_id", track.entityId());
        json.put("order_id", track.orderId());
        json.put("parent_id", track.parentId());
        Json.putNumber(json, "qty", track.qty());
        Json.put(json, "title", track.title());
        Json.put(json, "track_number", track.trackNumber());
        Json.put(json, "updated_at", track.createdAt());
        Json.putNumber(json, "weight", track.weight());
        return json;
    }

    private static ObjectNode comment(Shipment.Comment comment) {
        ObjectNode json = Json.object();
        json.put("comment", comment.comment());
        Json.put(json, "created_at", comment.createdAt());
        json.put("entity_id", comment.entityId());
        Json.putFlag(json, "is_customer_notified", comment.isCustomerNotified());
        Json.putFlag(json, "is_visible_on_front", comment.isVisibleOnFront());
        json.put("parent_id", comment.parentId());
        return json;
    }

    static Object field(Shipment shipment, String field) {
        switch (field) {
            case "entity_id": return shipment.entityId();
            case "order_id": return shipment.orderId();
            case "store_id": return shipment.storeId();
            case "increment_id": return shipment.incrementId();
            case "created_at": return shipment.createdAt();
            case "updated_at": return shipment.updatedAt();
            case "total_qty": return shipment.totalQty();
            default: return OrderJson.scalar(render(shipment).get(field));
        }
    }
}
