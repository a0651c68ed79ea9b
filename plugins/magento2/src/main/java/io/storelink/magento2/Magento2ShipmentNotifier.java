package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Ship notifications: finds the order, maps the shipped lines ({@link Magento2ShipmentPlan}) and
 * creates one Magento shipment with the tracking numbers, never two.
 *
 * <p><b>Routes.</b> With Use Compact Shipment Ship Notification (the default) one {@code POST /V1/order/{id}/ship},
 * which Magento validates and serializes per order. Without it {@code POST /V1/shipment} with the items, tracks and
 * comment in the one entity (so a shipment that exists always carries our tracking numbers, which is how a retry
 * recognises it; adding tracks with {@code POST /V1/shipment/track} afterwards would leave a window where it could
 * not), then {@code POST /V1/shipment/{id}/emails} when the customer is to be told. That route checks no quantity,
 * so the plan refuses over-shipping against the fresh order first, in both modes.
 *
 * <p><b>Which copy of the order.</b> A first compact attempt plans from the order as the host imported it
 * ({@link Magento2ImportedOrder}): Magento checks quantities on {@code /ship} itself, so one request is enough. Any
 * refusal is then decided again on a fresh {@code GET /V1/orders/{id}}, which is also what every other attempt and the
 * non-compact route (which checks nothing) plan from.
 *
 * <p><b>Never twice.</b> When {@link Shipment#attempt()} is above 1, the order's shipments ({@code GET /V1/shipments},
 * ACL {@code Magento_Sales::shipment}) are read first; one carrying one of our tracking numbers is returned with
 * {@code alreadyExisted}. The first attempt does not look (the compact route needs only {@code Magento_Sales::ship},
 * and most notifications are first attempts) unless the order has nothing or not enough left to ship, or Magento
 * answers "The order does not allow a shipment to be created.": then our tracking number on a shipment means an
 * earlier notification already did it.
 *
 * <p><b>Bundles.</b> A bundle's {@code shipment_type} comes from {@code GET /V1/products} and is kept per connector.
 * Without the {@code Magento_Catalog::products} ACL resource it is unknown: whole bundles are then sent as the parent
 * <i>and</i> its components (Magento ships whichever is not a "dummy"), and a quantity that is not whole bundles is
 * refused.
 *
 * <p>Thread-safe: the host may notify several orders at once.
 */
final class Magento2ShipmentNotifier {

    static final String ORDER_CANNOT_SHIP = "The order does not allow a shipment to be created.";

    /** Order states in which Magento's /ship refuses; the non-compact route checks nothing, so the plugin does. */
    private static final Set<String> NOT_SHIPPABLE_STATES = Set.of("holded", "canceled", "closed", "payment_review");

    private static final String VALIDATION_HEADER = "Shipment Document Validation Error(s):";

    private static final Map<String, String> CARRIER_TITLES = Map.of(
            "ups", "United Parcel Service",
            "usps", "United States Postal Service",
            "fedex", "Federal Express",
            "dhl", "DHL",
            "custom", "Custom Value");

    private final Magento2Config config;
    private final Magento2Client client;
    private final Map<Long, Magento2ShipmentPlan.BundleShipment> bundleShipments = new ConcurrentHashMap<>();

    Magento2ShipmentNotifier(Magento2Config config, Magento2Client client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
    }

    ShipmentResult notifyShipment(Shipment shipment) {
        long orderId = orderId(shipment);
        Optional<Magento2OrderData> imported = config.compactShipNotification() && shipment.attempt() == 1
                && shipment.importedOrder() != null ? Magento2ImportedOrder.from(shipment.importedOrder())
                : Optional.empty();
        if (imported.isPresent()) {
            try {
                return notify(orderId, shipment, imported.get());
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.REMOTE_REJECTED) {
                    throw e;
                }
                // The imported copy may be stale: a refusal, ours or Magento's (which created nothing), is decided
                // again on the order as it is now.
            }
        }
        return notify(orderId, shipment, freshOrder(orderId, shipment));
    }

    /** Plans and sends the notification against {@code order}, the fresh order or one rebuilt from the import. */
    private ShipmentResult notify(long orderId, Shipment shipment, Magento2OrderData order) {
        String label = order.incrementId() != null ? order.incrementId() : shipment.orderLabel();
        Magento2ShipmentPlan plan = new Magento2ShipmentPlan(order, label, config.includeBundleParent());

        if (shipment.attempt() > 1) {
            Optional<ShipmentResult> earlier = earlierShipment(orderId, shipment, plan, true);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Magento2ShipmentPlan.Selection selection = plan.select(shipment.lines());
        String state = order.state() == null ? "" : order.state().toLowerCase(Locale.ROOT);
        if (!config.compactShipNotification() && NOT_SHIPPABLE_STATES.contains(state)) {
            return shippedBeforeOrRefuse(orderId, shipment, plan, "Order " + label + " is " + state
                    + " in Magento (status " + order.status() + "); a shipment cannot be created");
        }
        if (selection.quantityProblem() != null) {
            return shippedBeforeOrRefuse(orderId, shipment, plan, selection.quantityProblem());
        }
        List<Magento2ShipmentData.Item> items = plan.magentoItems(selection,
                bundleShipments(plan.bundleProductIds(selection)), config.compactShipNotification());
        List<Magento2ShipmentData.Track> tracks = shipment.tracking().stream().map(Magento2ShipmentNotifier::track)
                .toList();
        String comment = shipment.comment() == null || shipment.comment().isBlank() ? null : shipment.comment();
        if (config.compactShipNotification()) {
            return shipCompact(orderId, shipment, plan,
                    new Magento2ShipmentData.ShipOrder(items, tracks, comment, shipment.notifyCustomer()));
        }
        Magento2ShipmentData created = call(plan, () -> client.createShipment(
                new Magento2ShipmentData.NewShipment(orderId, items, tracks, comment, shipment.notifyCustomer())));
        if (shipment.notifyCustomer()) {
            email(plan, created.entityId());
        }
        return new ShipmentResult(Long.toString(created.entityId()),
                plan.shipped(created.items().isEmpty() ? items : created.items()), false);
    }

    private ShipmentResult shipCompact(long orderId, Shipment shipment, Magento2ShipmentPlan plan,
                                       Magento2ShipmentData.ShipOrder request) {
        try {
            String shipmentId = client.shipOrder(orderId, request);
            return new ShipmentResult(shipmentId, plan.shipped(request.items()), false);
        } catch (Magento2Client.HttpFailure e) {
            if (e.kind() == ErrorKind.REMOTE_REJECTED && e.magentoMessage() != null
                    && e.magentoMessage().contains(ORDER_CANNOT_SHIP)) {
                Optional<ShipmentResult> earlier = lookQuietly(orderId, shipment, plan);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw withOrder(plan, e);
        } catch (ConnectorException e) {
            throw withOrder(plan, e);
        }
    }

    /** Sends the shipment e-mail; a failure is thrown as is, and the next attempt finds the shipment and sends it. */
    private void email(Magento2ShipmentPlan plan, long shipmentId) {
        call(plan, () -> {
            client.emailShipment(shipmentId);
            return null;
        });
    }

    private long orderId(Shipment shipment) {
        if (shipment.platformOrderId() != null) {
            try {
                return Long.parseLong(shipment.platformOrderId().trim());
            } catch (NumberFormatException e) {
                throw ConnectorException.of(ErrorKind.NOT_FOUND, "Order " + shipment.orderLabel()
                        + ": platform id " + shipment.platformOrderId() + " is not a Magento order id (entity_id, a "
                        + "number)");
            }
        }
        return client.orderIdByNumber(shipment.orderNumber()).orElseThrow(() -> ConnectorException.of(ErrorKind.NOT_FOUND, "Order " + shipment.orderNumber() + " is not in Magento store "
                        + config.storeUrl() + " (no order has that increment_id)"));
    }

    private Magento2OrderData freshOrder(long orderId, Shipment shipment) {
        try {
            return client.order(orderId);
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw ConnectorException.of(ErrorKind.NOT_FOUND, "Order " + shipment.orderLabel()
                        + " is not in Magento store " + config.storeUrl() + " (no order with entity_id " + orderId
                        + ")", e);
            }
            throw ConnectorException.of(e.kind(), "Order " + shipment.orderLabel() + ": "
                    + e.getMessage(), e, e.retryAfter().orElse(null));
        }
    }

    /**
     * Looks among the order's shipments for one carrying one of our tracking numbers.
     *
     * @param required whether a failed look-up must stop the notification (a retry must not create blindly)
     */
    private Optional<ShipmentResult> earlierShipment(long orderId, Shipment shipment, Magento2ShipmentPlan plan,
                                                     boolean required) {
        List<Magento2ShipmentData> shipments;
        try {
            shipments = client.shipments(orderId);
        } catch (ConnectorException e) {
            if (!required) {
                throw e;
            }
            String remedy = e.kind() == ErrorKind.AUTHENTICATION
                    ? "; grant the integration Sales > Operations > Shipments (Magento_Sales::shipment) so Storelink "
                            + "can check, or check the order in Magento before retrying"
                    : "";
            throw ConnectorException.of(e.kind(), "Order " + plan.orderLabel() + ": attempt "
                    + shipment.attempt() + " must first look for the shipment an earlier attempt may have created, "
                    + "and that failed: " + e.getMessage() + remedy, e, e.retryAfter().orElse(null));
        }
        Set<String> ours = shipment.tracking().stream().map(tracking -> tracking.number().trim())
                .collect(Collectors.toSet());
        for (Magento2ShipmentData existing : shipments) {
            boolean mine = existing.tracks().stream().anyMatch(track -> ours.contains(track.trackNumber().trim()));
            if (mine && existing.entityId() != null) {
                if (!config.compactShipNotification() && shipment.notifyCustomer() && !existing.emailSent()) {
                    email(plan, existing.entityId());
                }
                return Optional.of(new ShipmentResult(Long.toString(existing.entityId()),
                        plan.shipped(existing.items()), true));
            }
        }
        return Optional.empty();
    }

    private Optional<ShipmentResult> lookQuietly(long orderId, Shipment shipment, Magento2ShipmentPlan plan) {
        try {
            return earlierShipment(orderId, shipment, plan, false);
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.CANCELLED) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * A refusal, unless a shipment with our tracking number shows that an earlier notification already shipped it
     * (a retry has looked already).
     */
    private ShipmentResult shippedBeforeOrRefuse(long orderId, Shipment shipment, Magento2ShipmentPlan plan,
                                                 String message) {
        Optional<ShipmentResult> earlier = shipment.attempt() > 1 ? Optional.empty()
                : lookQuietly(orderId, shipment, plan);
        return earlier.orElseThrow(() -> ConnectorException.of(ErrorKind.REMOTE_REJECTED, message));
    }

    /** Each bundle's shipment type, from the cache or one {@code GET /V1/products}; unknown when refused. */
    private Function<Long, Magento2ShipmentPlan.BundleShipment> bundleShipments(
            Set<Long> productIds) {
        List<Long> missing = productIds.stream().filter(id -> !bundleShipments.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            try {
                for (Magento2ShipmentData.Product product : client.products(missing)) {
                    if ("0".equals(product.shipmentType())) {
                        bundleShipments.put(product.id(), Magento2ShipmentPlan.BundleShipment.TOGETHER);
                    } else if ("1".equals(product.shipmentType())) {
                        bundleShipments.put(product.id(), Magento2ShipmentPlan.BundleShipment.SEPARATELY);
                    }
                }
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.AUTHENTICATION) {
                    throw e;
                }
                // The integration may lack Magento_Catalog::products: ship as the type allows either way.
            }
        }
        return id -> bundleShipments.getOrDefault(id, Magento2ShipmentPlan.BundleShipment.UNKNOWN);
    }

    private static <T> T call(Magento2ShipmentPlan plan, Supplier<T> action) {
        try {
            return action.get();
        } catch (ConnectorException e) {
            throw withOrder(plan, e);
        }
    }

    /** Magento's answer with the order named, its validation list made one readable line. */
    private static ConnectorException withOrder(Magento2ShipmentPlan plan, ConnectorException e) {
        String message = e.getMessage();
        if (e instanceof Magento2Client.HttpFailure failure && failure.magentoMessage() != null
                && failure.magentoMessage().startsWith(VALIDATION_HEADER)) {
            String reasons = Arrays.stream(failure.magentoMessage().substring(VALIDATION_HEADER.length()).split("\n"))
                    .map(String::trim).filter(reason -> !reason.isEmpty()).collect(Collectors.joining(" "));
            message = "Magento refused to ship order " + plan.orderLabel() + ": " + reasons + " (HTTP "
                    + failure.status() + ", Shipment Document Validation Error)";
        } else if (e.isRetriable()) {
            message = "Order " + plan.orderLabel() + ": " + message + ". The next attempt first looks for a shipment "
                    + "this one may have created.";
        } else {
            message = "Order " + plan.orderLabel() + ": " + message;
        }
        return ConnectorException.of(e.kind(), message, e, e.retryAfter().orElse(null));
    }

    private static Magento2ShipmentData.Track track(TrackingNumber tracking) {
        String carrier = tracking.carrierCode().trim();
        String title = tracking.title() != null && !tracking.title().isBlank() ? tracking.title()
                : CARRIER_TITLES.getOrDefault(carrier.toLowerCase(Locale.ROOT), carrier.toUpperCase(Locale.ROOT));
        return new Magento2ShipmentData.Track(tracking.number().trim(), title, carrier);
    }
}
