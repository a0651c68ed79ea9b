package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.LineKind;
import io.storelink.api.OrderLine;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Maps a ship notification's lines onto one fresh Magento order, in the terms of the imported order's canonical
 * lines ({@link Magento2OrderMapper#lines}), and from there to the {@code order_item_id}s Magento wants
 * (docs/magento2-rest-api.md §3.3):
 * <ul>
 *   <li>a simple line and a configurable line ship their own {@code item_id} (the configurable <i>parent</i>);</li>
 *   <li>a bundle shipped together ships its parent, in whole bundles: the number of bundles is each component's
 *       quantity divided by its quantity per bundle, and all components must agree;</li>
 *   <li>a bundle shipped separately ships its components;</li>
 *   <li>virtual and downloadable lines are never shipped.</li>
 * </ul>
 * A requested line names a SKU or a line id as imported. A SKU on several lines (a simple that is also in a bundle)
 * fills them in order. A bundle parent, by its line id or SKU, means that many whole bundles, unless its components
 * are requested too. Quantities are checked against what is left to ship on the fresh order, so the non-compact route,
 * which Magento does not check, never over-ships.
 */
final class Magento2ShipmentPlan {

    /** How a bundle's components ship, from the bundle product's {@code shipment_type}. */
    enum BundleShipment {
        TOGETHER,
        SEPARATELY,
        /** The product could not be read (no {@code Magento_Catalog::products} ACL, or deleted). */
        UNKNOWN
    }

    private final Magento2OrderData order;
    private final String orderLabel;
    private final List<OrderLine> lines;
    private final Map<String, OrderLine> linesById = new LinkedHashMap<>();
    private final Map<Long, Magento2OrderData.Item> itemsById = new HashMap<>();
    private final Map<Long, List<Magento2OrderData.Item>> childrenByParent = new LinkedHashMap<>();

    /**
     * @param order the fresh order
     * @param orderLabel the order as messages name it (its increment id)
     * @param includeBundleParent the connection's Include Bundle Parent setting, as the import used it
     */
    Magento2ShipmentPlan(Magento2OrderData order, String orderLabel, boolean includeBundleParent) {
        this.order = requireNonNull(order, "order is null");
        this.orderLabel = requireNonNull(orderLabel, "orderLabel is null");
        this.lines = new Magento2OrderMapper(includeBundleParent, Map.of()).lines(order.items());
        lines.forEach(line -> linesById.put(line.lineId(), line));
        for (Magento2OrderData.Item item : order.items()) {
            if (item.itemId() != null) {
                itemsById.put(item.itemId(), item);
            }
        }
        for (Magento2OrderData.Item item : order.items()) {
            Magento2OrderData.Item parent = parent(item);
            if (parent != null) {
                childrenByParent.computeIfAbsent(parent.itemId(), id -> new ArrayList<>()).add(item);
            }
        }
    }

    String orderLabel() {
        return orderLabel;
    }

    /**
     * Checks what is asked for against the order.
     *
     * @param requested the notification's lines; empty means everything still to ship
     * @return the canonical lines to ship and how many, or a quantity problem (nothing or not that much left)
     * @throws ConnectorException {@link ErrorKind#REMOTE_REJECTED} for a SKU or line not on the order, a virtual or
     *         downloadable line, or a fraction of a line that ships in whole units
     */
    Selection select(List<ShipmentLine> requested) {
        Map<String, BigDecimal> wanted = new LinkedHashMap<>();
        if (requested.isEmpty()) {
            for (OrderLine line : lines) {
                if (line.kind().isShippable() && line.quantityToShip().signum() > 0) {
                    wanted.put(line.lineId(), line.quantityToShip());
                }
            }
            return new Selection(wanted, wanted.isEmpty() ? "Order " + orderLabel + " has nothing left to ship" : null);
        }
        Map<Magento2OrderData.Item, BigDecimal> bundles = new LinkedHashMap<>();
        for (ShipmentLine line : requested) {
            Object target = target(line);
            if (target instanceof Magento2OrderData.Item bundle) {
                requireWhole(line.quantity(), bundle.sku());
                bundles.merge(bundle, line.quantity(), BigDecimal::add);
            } else {
                @SuppressWarnings("unchecked")
                List<OrderLine> candidates = (List<OrderLine>) target;
                distribute(wanted, candidates, line.quantity());
            }
        }
        for (Map.Entry<Magento2OrderData.Item, BigDecimal> bundle : bundles.entrySet()) {
            List<Magento2OrderData.Item> children = childrenByParent.getOrDefault(bundle.getKey().itemId(), List.of());
            if (children.stream().anyMatch(child -> wanted.containsKey(Long.toString(child.itemId())))) {
                continue;
            }
            for (Magento2OrderData.Item child : children) {
                wanted.merge(Long.toString(child.itemId()), perBundle(bundle.getKey(), child).multiply(bundle.getValue()),
                        BigDecimal::add);
            }
        }
        for (Map.Entry<String, BigDecimal> entry : wanted.entrySet()) {
            OrderLine line = linesById.get(entry.getKey());
            if (!isDecimal(line)) {
                requireWhole(entry.getValue(), line.sku());
            }
        }
        return new Selection(normalized(wanted), overQuantity(wanted));
    }

    /** @return the product ids of the bundles whose components are selected, for their shipment type */
    Set<Long> bundleProductIds(Selection selection) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String lineId : selection.quantities().keySet()) {
            Magento2OrderData.Item parent = parent(itemsById.get(Long.parseLong(lineId)));
            if (parent != null && isBundle(parent) && parent.productId() != null) {
                ids.add(parent.productId());
            }
        }
        return ids;
    }

    /**
     * The {@code items} to send.
     *
     * @param selection what {@link #select} chose
     * @param shipmentTypes each bundle's shipment type by product id
     * @param compact whether the items go to {@code /V1/order/{id}/ship}, which ships a together bundle's components
     *        with their parent; {@code /V1/shipment} saves exactly what it is given, so it also gets the components
     * @throws ConnectorException {@link ErrorKind#REMOTE_REJECTED} when components of a bundle that ships together
     *         (or may) do not make whole bundles
     */
    List<Magento2ShipmentData.Item> magentoItems(Selection selection, Function<Long, BundleShipment> shipmentTypes,
                                                 boolean compact) {
        List<Magento2ShipmentData.Item> items = new ArrayList<>();
        Map<Magento2OrderData.Item, Map<Magento2OrderData.Item, BigDecimal>> bundles = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> entry : selection.quantities().entrySet()) {
            Magento2OrderData.Item item = itemsById.get(Long.parseLong(entry.getKey()));
            Magento2OrderData.Item parent = parent(item);
            if (parent != null && isBundle(parent)) {
                bundles.computeIfAbsent(parent, key -> new LinkedHashMap<>()).put(item, entry.getValue());
            } else {
                items.add(new Magento2ShipmentData.Item(item.itemId(), entry.getValue()));
            }
        }
        for (Map.Entry<Magento2OrderData.Item, Map<Magento2OrderData.Item, BigDecimal>> bundle : bundles.entrySet()) {
            Magento2OrderData.Item parent = bundle.getKey();
            BundleShipment type = parent.productId() == null ? BundleShipment.UNKNOWN
                    : shipmentTypes.apply(parent.productId());
            if (type == BundleShipment.SEPARATELY) {
                bundle.getValue().forEach((child, qty) -> items.add(new Magento2ShipmentData.Item(child.itemId(), qty)));
                continue;
            }
            BigDecimal bundleCount = wholeBundles(parent, bundle.getValue(), type);
            items.add(new Magento2ShipmentData.Item(parent.itemId(), bundleCount));
            // Unknown type: the components too. /ship lets whichever is not Magento's "dummy" count (the parent of a
            // bundle shipped together, or the components of one shipped separately); /V1/shipment needs both anyway.
            if (!compact || type == BundleShipment.UNKNOWN) {
                bundle.getValue().forEach((child, qty) -> items.add(new Magento2ShipmentData.Item(child.itemId(), qty)));
            }
        }
        return items;
    }

    /**
     * What Magento's shipment items mean in the imported order's canonical lines. A line counts its own item; a line
     * whose item is not listed is derived from its parent's (a together bundle's components from the bundle count,
     * as Magento follows them), or from its listed configurable child.
     */
    List<ShipmentResult.Shipped> shipped(List<Magento2ShipmentData.Item> shipmentItems) {
        Map<Long, BigDecimal> byItem = new HashMap<>();
        shipmentItems.forEach(item -> byItem.merge(item.orderItemId(), item.qty(), BigDecimal::add));
        List<ShipmentResult.Shipped> shipped = new ArrayList<>();
        for (OrderLine line : lines) {
            long itemId = Long.parseLong(line.lineId());
            BigDecimal quantity = byItem.get(itemId);
            if (quantity == null) {
                quantity = derived(itemsById.get(itemId), byItem);
            }
            if (quantity != null && quantity.signum() > 0) {
                shipped.add(new ShipmentResult.Shipped(line.lineId(), line.sku(), plain(quantity)));
            }
        }
        return shipped;
    }

    private BigDecimal derived(Magento2OrderData.Item item, Map<Long, BigDecimal> byItem) {
        Magento2OrderData.Item parent = parent(item);
        if (parent != null && isBundle(parent)) {
            BigDecimal bundles = byItem.get(parent.itemId());
            boolean componentsListed = childrenByParent.getOrDefault(parent.itemId(), List.of()).stream()
                    .anyMatch(child -> byItem.containsKey(child.itemId()));
            return bundles == null || componentsListed ? null : perBundle(parent, item).multiply(bundles);
        }
        for (Magento2OrderData.Item child : childrenByParent.getOrDefault(item.itemId(), List.of())) {
            if (is(item, "configurable") && byItem.containsKey(child.itemId())) {
                return byItem.get(child.itemId());
            }
        }
        return null;
    }

    /** A requested line's target: the canonical lines it may fill, or a bundle parent item (whole bundles). */
    private Object target(ShipmentLine requested) {
        if (requested.lineId() != null) {
            OrderLine line = linesById.get(requested.lineId());
            Magento2OrderData.Item item = line == null ? itemById(requested.lineId()) : itemsById.get(
                    Long.parseLong(line.lineId()));
            if (line == null && item != null) {
                Magento2OrderData.Item parent = parent(item);
                if (parent != null && is(parent, "configurable")) {
                    line = linesById.get(Long.toString(parent.itemId()));
                } else if (isBundle(item)) {
                    return checkedSku(requested, item.sku(), item);
                }
            }
            if (line == null) {
                throw rejected((requested.sku() == null ? "Line " + requested.lineId()
                        : "SKU " + requested.sku() + " (line " + requested.lineId() + ")") + " is not on order "
                        + orderLabel);
            }
            checkedSku(requested, line.sku(), line);
            if (line.kind() == LineKind.BUNDLE_PARENT) {
                return itemsById.get(Long.parseLong(line.lineId()));
            }
            requireShippable(line);
            return List.of(line);
        }
        String sku = requested.sku();
        List<OrderLine> matches = lines.stream().filter(line -> line.sku().equals(sku)).toList();
        List<OrderLine> shippable = matches.stream().filter(line -> line.kind().isShippable()).toList();
        if (!shippable.isEmpty()) {
            return shippable;
        }
        for (OrderLine line : matches) {
            if (line.kind() == LineKind.BUNDLE_PARENT) {
                return itemsById.get(Long.parseLong(line.lineId()));
            }
            requireShippable(line);
        }
        return order.items().stream().filter(item -> isBundle(item) && sku.equals(item.sku())).findFirst()
                .orElseThrow(() -> rejected("SKU " + sku + " is not on order " + orderLabel));
    }

    private <T> T checkedSku(ShipmentLine requested, String sku, T target) {
        if (requested.sku() != null && !requested.sku().equals(sku)) {
            throw rejected("Order " + orderLabel + ": line " + requested.lineId() + " is SKU " + sku + ", not "
                    + requested.sku());
        }
        return target;
    }

    private void requireShippable(OrderLine line) {
        if (line.kind() == LineKind.VIRTUAL) {
            throw rejected("Order " + orderLabel + ": SKU " + line.sku() + " is virtual and is never shipped");
        }
        if (line.kind() == LineKind.DOWNLOADABLE) {
            throw rejected("Order " + orderLabel + ": SKU " + line.sku() + " is downloadable and is never shipped");
        }
    }

    /** Fills the candidates in order up to what each has left; what is more goes to the last, for the check. */
    private static void distribute(Map<String, BigDecimal> wanted, List<OrderLine> candidates, BigDecimal quantity) {
        BigDecimal remaining = quantity;
        for (int index = 0; index < candidates.size() && remaining.signum() > 0; index++) {
            OrderLine line = candidates.get(index);
            BigDecimal free = line.quantityToShip().subtract(wanted.getOrDefault(line.lineId(), BigDecimal.ZERO))
                    .max(BigDecimal.ZERO);
            BigDecimal take = index == candidates.size() - 1 ? remaining : remaining.min(free);
            if (take.signum() > 0) {
                wanted.merge(line.lineId(), take, BigDecimal::add);
                remaining = remaining.subtract(take);
            }
        }
    }

    /** @return the first over-quantity, by SKU with the totals of that SKU's selected lines, or {@code null} */
    private String overQuantity(Map<String, BigDecimal> wanted) {
        for (Map.Entry<String, BigDecimal> entry : wanted.entrySet()) {
            OrderLine line = linesById.get(entry.getKey());
            if (entry.getValue().compareTo(line.quantityToShip()) > 0) {
                BigDecimal requested = BigDecimal.ZERO;
                BigDecimal left = BigDecimal.ZERO;
                for (Map.Entry<String, BigDecimal> other : wanted.entrySet()) {
                    OrderLine otherLine = linesById.get(other.getKey());
                    if (otherLine.sku().equals(line.sku())) {
                        requested = requested.add(other.getValue());
                        left = left.add(otherLine.quantityToShip());
                    }
                }
                return "Order " + orderLabel + ", SKU " + line.sku() + ": " + plain(requested).toPlainString()
                        + " requested, " + plain(left).toPlainString() + " left to ship";
            }
        }
        return null;
    }

    private BigDecimal wholeBundles(Magento2OrderData.Item parent, Map<Magento2OrderData.Item, BigDecimal> components,
                                    BundleShipment type) {
        List<Magento2OrderData.Item> children = childrenByParent.getOrDefault(parent.itemId(), List.of());
        BigDecimal count = null;
        boolean whole = components.size() == children.size();
        for (Magento2OrderData.Item child : children) {
            BigDecimal qty = components.get(child);
            if (qty == null) {
                whole = false;
                break;
            }
            BigDecimal bundles = qty.divide(perBundle(parent, child), 6, RoundingMode.HALF_UP).stripTrailingZeros();
            if (count != null && bundles.compareTo(count) != 0 || !isWhole(bundles)) {
                whole = false;
                break;
            }
            count = bundles;
        }
        if (whole && count != null && count.signum() > 0) {
            return plain(count);
        }
        String onePerBundle = children.stream()
                .map(child -> child.sku() + " " + plain(perBundle(parent, child)).toPlainString())
                .collect(Collectors.joining(", "));
        String asked = components.entrySet().stream()
                .map(entry -> entry.getKey().sku() + " " + plain(entry.getValue()).toPlainString())
                .collect(Collectors.joining(", "));
        String why = type == BundleShipment.TOGETHER
                ? "ships its components together, so they ship in whole bundles"
                : "may ship its components together (its shipment type cannot be read: the integration lacks the "
                        + "Magento_Catalog::products ACL resource), so they ship in whole bundles";
        throw rejected("Order " + orderLabel + ": bundle " + parent.sku() + " " + why + " (one bundle: " + onePerBundle
                + "); requested " + asked + " is not a whole number of bundles");
    }

    /** How many of a component one bundle holds: its ordered quantity over the bundle's. */
    private static BigDecimal perBundle(Magento2OrderData.Item parent, Magento2OrderData.Item child) {
        BigDecimal bundles = parent.qtyOrdered();
        BigDecimal components = child.qtyOrdered();
        if (bundles == null || bundles.signum() <= 0 || components == null) {
            return BigDecimal.ONE;
        }
        return plain(components.divide(bundles, 6, RoundingMode.HALF_UP));
    }

    private void requireWhole(BigDecimal quantity, String sku) {
        if (!isWhole(quantity)) {
            throw rejected("Order " + orderLabel + ", SKU " + sku + ": " + plain(quantity).toPlainString()
                    + " requested, but it ships in whole units");
        }
    }

    private Magento2OrderData.Item itemById(String lineId) {
        try {
            return itemsById.get(Long.parseLong(lineId.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Magento2OrderData.Item parent(Magento2OrderData.Item item) {
        if (item == null || item.parentItemId() == null || item.parentItemId() == 0) {
            return null;
        }
        return itemsById.get(item.parentItemId());
    }

    private static boolean isDecimal(OrderLine line) {
        return "1".equals(line.attributes().get(Magento2OrderMapper.ATTRIBUTE_PREFIX + "is_qty_decimal"));
    }

    private static boolean isBundle(Magento2OrderData.Item item) {
        return is(item, "bundle");
    }

    private static boolean is(Magento2OrderData.Item item, String productType) {
        return item != null && productType.equalsIgnoreCase(item.productType() == null ? "" : item.productType());
    }

    private static boolean isWhole(BigDecimal quantity) {
        return quantity.signum() == 0 || quantity.stripTrailingZeros().scale() <= 0;
    }

    private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> quantities) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        quantities.forEach((lineId, qty) -> result.put(lineId, plain(qty)));
        return result;
    }

    /** Without padding and never in exponent form: {@code 2.0000} is {@code 2}, {@code 10} stays {@code 10}. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static ConnectorException rejected(String message) {
        return ConnectorException.of(ErrorKind.REMOTE_REJECTED, message);
    }

    /**
     * What to ship, in canonical lines.
     *
     * @param quantities canonical shippable line id to quantity, in the order's line order
     * @param quantityProblem why it cannot ship (nothing, or not that much, left), or {@code null}
     */
    record Selection(Map<String, BigDecimal> quantities, String quantityProblem) {
        Selection {
            quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
        }
    }
}
