package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;
import io.storelink.sdk.InvalidValueException;
import io.storelink.sdk.StoreHttp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.storelink.woocommerce.WooConnector.API;

/**
 * A ship notification as WooCommerce can take it (docs/woocommerce-rest-api.md §5): WooCommerce core has no
 * shipment or tracking resource, so the tracking numbers go into an order note (shown to the customer when the
 * notification asks to notify) and the order gets the connection's shipped status. The note carries the
 * notification's idempotency key, so a retry finds it instead of adding a second one.
 */
final class WooShipmentNotifier {

    private final WooConfig config;
    private final StoreHttp http;

    WooShipmentNotifier(WooConfig config, StoreHttp http) {
        this.config = config;
        this.http = http;
    }

    ShipmentResult notify(Shipment shipment) {
        String id = orderId(shipment);
        Order order = readOrder(id, shipment);
        List<ShipmentResult.Shipped> shipped = plan(shipment, order);
        String marker = marker(shipment);
        if (shipment.attempt() > 1) {
            for (JsonNode note : http.get(API + "/orders/" + id + "/notes").json()) {
                if (note.path("note").asText("").contains(marker)) {
                    setShippedStatus(id, order);
                    return new ShipmentResult(note.path("id").asText(), shipped, true);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", noteText(shipment, marker));
        body.put("customer_note", shipment.notifyCustomer());
        JsonNode note = http.post(API + "/orders/" + id + "/notes", body).json();
        if (!note.path("id").isIntegralNumber()) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                    + " answered the note for order " + shipment.orderLabel() + " without the note's id");
        }
        setShippedStatus(id, order);
        return new ShipmentResult(note.path("id").asText(), shipped, false);
    }

    /** §5: the order number is the order id unless a plugin renumbers orders, so the id is preferred. */
    private static String orderId(Shipment shipment) {
        String id = shipment.platformOrderId() != null ? shipment.platformOrderId() : shipment.orderNumber();
        if (!id.matches("[0-9]{1,19}")) {
            throw ConnectorException.of(ErrorKind.NOT_FOUND, "WooCommerce order '" + id
                    + "' is not an order id; expected the order's id, a whole number such as 723");
        }
        return id;
    }

    private Order readOrder(String id, Shipment shipment) {
        JsonNode body = http.get(API + "/orders/" + id).json();
        try {
            return WooOrderMapper.map(body);
        } catch (InvalidValueException e) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce order " + shipment.orderLabel()
                    + " cannot be shipped, it is unreadable: " + e.getMessage());
        }
    }

    /** What ships, in the terms of the order's lines; more than a line's ordered quantity is refused. */
    private static List<ShipmentResult.Shipped> plan(Shipment shipment, Order order) {
        Map<OrderLine, BigDecimal> wanted = new LinkedHashMap<>();
        if (shipment.lines().isEmpty()) {
            order.lines().forEach(line -> wanted.put(line, line.quantityToShip()));
        }
        for (ShipmentLine requested : shipment.lines()) {
            OrderLine line = order.lines().stream()
                    .filter(candidate -> requested.lineId() != null ? candidate.lineId().equals(requested.lineId())
                            : candidate.sku().equals(requested.sku()))
                    .findFirst()
                    .orElseThrow(() -> ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce order "
                            + shipment.orderLabel() + " has no " + requested.label() + "; expected one of its SKUs: "
                            + order.lines().stream().map(OrderLine::sku).toList()));
            wanted.merge(line, requested.quantity(), BigDecimal::add);
        }
        List<ShipmentResult.Shipped> shipped = new ArrayList<>();
        wanted.forEach((line, quantity) -> {
            if (quantity.compareTo(line.quantityToShip()) > 0) {
                throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce order " + shipment.orderLabel()
                        + ", SKU " + line.sku() + ": " + quantity.toPlainString() + " requested, "
                        + line.quantityToShip().toPlainString() + " ordered");
            }
            shipped.add(new ShipmentResult.Shipped(line.lineId(), line.sku(), quantity));
        });
        return shipped;
    }

    private void setShippedStatus(String id, Order order) {
        if (!order.status().equals(config.shippedStatus())) {
            http.put(API + "/orders/" + id, Map.of("status", config.shippedStatus())).send();
        }
    }

    static String marker(Shipment shipment) {
        return "[storelink " + shipment.idempotencyKey() + "]";
    }

    private static String noteText(Shipment shipment, String marker) {
        StringBuilder text = new StringBuilder("Shipped.");
        for (TrackingNumber tracking : shipment.tracking()) {
            text.append(" Tracking: ").append(tracking.title() != null ? tracking.title() : tracking.carrierCode())
                    .append(' ').append(tracking.number()).append('.');
        }
        if (shipment.comment() != null && !shipment.comment().isBlank()) {
            text.append(' ').append(shipment.comment().trim());
        }
        return text.append(' ').append(marker).toString();
    }
}
