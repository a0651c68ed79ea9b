package io.storelink.magento2;

import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Turns Magento orders into Storelink orders. Lenient where Magento varies (numbers as strings, optional fields
 * missing), but an order missing what the canonical order needs, or holding a value of the wrong type there (see
 * {@link Magento2OrderReader}), is {@link UnreadableOrder unreadable}: no entity_id, no increment_id (it never falls
 * back to the entity_id), no currency, no grand_total, no readable created_at, no lines, a line without item_id, or
 * a shippable line without SKU or qty_ordered. An order whose lines are all virtual is fine. The line rules (see
 * {@code docs/magento2-line-rules.md}):
 * <ul>
 *   <li>configurable: one {@link LineKind#ITEM} line with the parent line's id, quantities and price and the
 *       child's SKU; the child line is folded in, never listed;</li>
 *   <li>bundle: its components as {@link LineKind#BUNDLE_COMPONENT} lines with their own quantities; the parent as a
 *       {@link LineKind#BUNDLE_PARENT} line only with Include Bundle Parent, and then the components point at it;</li>
 *   <li>virtual and downloadable: {@link LineKind#VIRTUAL} and {@link LineKind#DOWNLOADABLE}, nothing to ship.</li>
 * </ul>
 * Line attributes keep what a ship notification needs: {@code magento2.item_id}, {@code magento2.parent_item_id},
 * {@code magento2.child_item_id}, {@code magento2.product_type} and {@code magento2.product_id}, and on bundle
 * components their bundle's {@code parent_product_id}, {@code parent_qty_ordered} and {@code parent_qty_left}, so
 * {@link Magento2ImportedOrder} can rebuild the items from an imported order.
 */
final class Magento2OrderMapper {

    static final String ATTRIBUTE_PREFIX = "magento2.";

    // Attribute names, made once rather than for every line of every order.
    private static final String ITEM_ID = ATTRIBUTE_PREFIX + "item_id";
    private static final String PRODUCT_TYPE = ATTRIBUTE_PREFIX + "product_type";
    private static final String PRODUCT_ID = ATTRIBUTE_PREFIX + "product_id";
    private static final String PARENT_ITEM_ID = ATTRIBUTE_PREFIX + "parent_item_id";
    private static final String PARENT_PRODUCT_TYPE = ATTRIBUTE_PREFIX + "parent_product_type";
    private static final String CHILD_ITEM_ID = ATTRIBUTE_PREFIX + "child_item_id";
    private static final String CHILD_PRODUCT_ID = ATTRIBUTE_PREFIX + "child_product_id";
    private static final String BUNDLE_SKU = ATTRIBUTE_PREFIX + "bundle_sku";
    private static final String PARENT_PRODUCT_ID = ATTRIBUTE_PREFIX + "parent_product_id";
    private static final String PARENT_QTY_ORDERED = ATTRIBUTE_PREFIX + "parent_qty_ordered";
    private static final String PARENT_QTY_LEFT = ATTRIBUTE_PREFIX + "parent_qty_left";
    private static final String STATE = ATTRIBUTE_PREFIX + "state";
    private static final String STORE_ID = ATTRIBUTE_PREFIX + "store_id";
    private static final String CUSTOMER_ID = ATTRIBUTE_PREFIX + "customer_id";
    private static final String PAYMENT_METHOD = ATTRIBUTE_PREFIX + "payment_method";
    private static final String RELATION_PARENT_ID = ATTRIBUTE_PREFIX + "relation_parent_id";
    private static final String IS_QTY_DECIMAL = ATTRIBUTE_PREFIX + "is_qty_decimal";
    private static final String IS_VIRTUAL = ATTRIBUTE_PREFIX + "is_virtual";

    /** Magento's {@code created_at}: UTC, {@code yyyy-MM-dd HH:mm:ss}, no zone marker. */
    private static final DateTimeFormatter MAGENTO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    /** Magento's date-time format; always UTC, without a zone marker. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final boolean includeBundleParent;
    private final Map<Long, String> storeCodes;

    /**
     * @param includeBundleParent whether bundle parent lines are listed
     * @param storeCodes store view codes by store id, as far as they are known
     */
    Magento2OrderMapper(boolean includeBundleParent, Map<Long, String> storeCodes) {
        this.includeBundleParent = includeBundleParent;
        this.storeCodes = Map.copyOf(requireNonNull(storeCodes, "storeCodes is null"));
    }

    /**
     * @throws UnreadableOrder when the order lacks, or has a wrong-typed value for, a field the canonical order needs
     */
    Order toOrder(Magento2OrderData order) {
        String problem = problem(order);
        if (problem != null) {
            throw new UnreadableOrder(order, problem);
        }
        Instant placedAt = parseDateTime(order.createdAt());
        Instant updatedAt = parseDateTime(order.updatedAt());
        if (placedAt == null) {
            placedAt = updatedAt;
        }
        if (placedAt == null) {
            throw new UnreadableOrder(order, "created_at is " + (order.createdAt() == null ? "missing"
                    : '"' + order.createdAt() + '"') + ", expected a date and time such as 2024-05-01 12:00:00");
        }
        Address billing = address(order.billingAddress());
        return Order.builder(Long.toString(order.entityId()), order.incrementId(), placedAt)
                .updatedAt(updatedAt)
                .status(order.status() != null ? order.status() : order.state() != null ? order.state() : "")
                .store(order.storeId() == null ? null : new Order.Store(Long.toString(order.storeId()),
                        storeCodes.get(order.storeId()), order.storeName()))
                .totals(totals(order))
                .customer(customer(order, billing))
                .shippingAddress(address(order.shippingAddress()))
                .billingAddress(billing)
                .shippingMethod(order.shippingMethod(), order.shippingDescription())
                .lines(lines(order.items()))
                .attribute(STATE, order.state())
                .attribute(STORE_ID, text(order.storeId()))
                .attribute(CUSTOMER_ID, text(order.customerId()))
                .attribute(PAYMENT_METHOD, order.paymentMethod())
                .attribute(RELATION_PARENT_ID, order.relationParentId())
                .attribute(IS_VIRTUAL, order.isVirtual() == null ? null : flag(order.isVirtual()) ? "1" : "0")
                .build();
    }

    /** What makes an order unreadable, the reader's find first; {@code null} when it can be mapped. */
    private String problem(Magento2OrderData order) {
        if (order.problem() != null) {
            return order.problem();
        }
        if (order.entityId() == null) {
            return "entity_id is missing, expected the order's id (a whole number)";
        }
        if (order.incrementId() == null) {
            return "increment_id is missing, expected the order number (text such as 000000123)";
        }
        if (order.orderCurrencyCode() == null && order.baseCurrencyCode() == null) {
            return "order_currency_code is missing, expected a currency code such as USD";
        }
        if (order.grandTotal() == null) {
            return "grand_total is missing, expected a number";
        }
        if (order.items().isEmpty()) {
            return "items is empty, expected at least one line";
        }
        return lineProblem(order.items());
    }

    /**
     * What makes a line unusable: every line needs its {@code item_id} (children find their parent by it), and what
     * will be shipped needs its SKU and {@code qty_ordered} (a bundle parent its {@code qty_ordered} too, which its
     * components' quantities are counted in). Virtual and downloadable lines, and the configurable child folded into
     * its parent, need nothing more.
     */
    private String lineProblem(List<Magento2OrderData.Item> items) {
        Map<Long, Magento2OrderData.Item> byId = new HashMap<>();
        for (Magento2OrderData.Item item : items) {
            if (item.itemId() != null) {
                byId.put(item.itemId(), item);
            }
        }
        for (int index = 0; index < items.size(); index++) {
            Magento2OrderData.Item item = items.get(index);
            if (item.itemId() == null) {
                return "items[" + index + "].item_id is missing, expected the line's id (a whole number)";
            }
            Magento2OrderData.Item parent = parentOf(item, byId);
            boolean bundleParent = parent == null && is(item, "bundle");
            boolean shipped = parent != null ? is(parent, "bundle")
                    : !bundleParent && standaloneKind(item) == LineKind.ITEM;
            String sku = item.sku();
            if (sku == null && parent == null && is(item, "configurable")) {
                // The variant's SKU may be on the child line only.
                sku = items.stream().filter(child -> item.itemId().equals(child.parentItemId())).map(
                        Magento2OrderData.Item::sku).filter(childSku -> childSku != null).findFirst().orElse(null);
            }
            if ((shipped || bundleParent && includeBundleParent) && sku == null) {
                return "items[" + index + "].sku is missing, expected the SKU of the product to ship";
            }
            if ((shipped || bundleParent) && item.qtyOrdered() == null) {
                return "items[" + index + "].qty_ordered is missing, expected a number";
            }
        }
        return null;
    }

    /**
     * An order that cannot become a canonical order. The import reports it as unreadable, by its entity_id (else its
     * number), and goes on with the others.
     */
    static final class UnreadableOrder extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String orderId;

        UnreadableOrder(Magento2OrderData order, String problem) {
            super((order.incrementId() != null ? "order " + order.incrementId()
                    : order.entityId() != null ? "order with entity_id " + order.entityId()
                    : "an order without entity_id and increment_id") + ": " + problem, null, false, false);
            this.orderId = order.entityId() != null ? Long.toString(order.entityId())
                    : order.incrementId() != null ? order.incrementId() : "unknown";
        }

        /** @return the order's entity_id, else its increment_id, else {@code unknown} */
        String orderId() {
            return orderId;
        }
    }

    /** Parses Magento's UTC {@code yyyy-MM-dd HH:mm:ss}, also with a {@code T} or a trailing {@code Z}. */
    static Instant parseDateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant exact = parseExact(text);
        if (exact != null) {
            return exact;
        }
        String normalized = text.trim().replace('T', ' ');
        if (normalized.endsWith("Z")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        try {
            return LocalDateTime.parse(normalized.length() > 19 ? normalized.substring(0, 19) : normalized,
                    MAGENTO_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The form every Magento order has, {@code yyyy-MM-dd HH:mm:ss}, read digit by digit: two per order, and the
     * formatter costs more than the rest of mapping an order. Anything else is left to the formatter.
     *
     * @return the instant, or {@code null} when the text is not exactly that form or not a valid date and time
     */
    private static Instant parseExact(String text) {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    /** @return the number written with the ASCII digits from {@code start} to {@code end}, or -1 */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int index = start; index < end; index++) {
            int digit = text.charAt(index) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Formats an instant as Magento compares dates in filters: UTC {@code yyyy-MM-dd HH:mm:ss}. */
    static String formatDateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** The canonical lines of an order's items, as the import lists them; ship notifications map to them too. */
    List<OrderLine> lines(List<Magento2OrderData.Item> items) {
        Map<Long, Magento2OrderData.Item> byId = new HashMap<>();
        Map<Long, Magento2OrderData.Item> configurableChildren = new HashMap<>();
        for (Magento2OrderData.Item item : items) {
            if (item.itemId() != null) {
                byId.put(item.itemId(), item);
            }
        }
        for (Magento2OrderData.Item item : items) {
            Magento2OrderData.Item parent = parentOf(item, byId);
            if (parent != null && is(parent, "configurable")) {
                configurableChildren.putIfAbsent(parent.itemId(), item);
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        for (Magento2OrderData.Item item : items) {
            if (item.itemId() == null) {
                continue;
            }
            Magento2OrderData.Item parent = parentOf(item, byId);
            if (parent != null && is(parent, "configurable")) {
                continue;
            }
            if (parent != null && is(parent, "bundle")) {
                lines.add(bundleComponent(item, parent));
            } else if (is(item, "configurable")) {
                lines.add(configurable(item, configurableChildren.get(item.itemId())));
            } else if (is(item, "bundle")) {
                if (includeBundleParent) {
                    lines.add(line(item, item.sku(), item.name(), LineKind.BUNDLE_PARENT).build());
                }
            } else {
                lines.add(line(item, item.sku(), item.name(), standaloneKind(item)).build());
            }
        }
        return lines;
    }

    private static OrderLine configurable(Magento2OrderData.Item parent, Magento2OrderData.Item child) {
        if (child == null) {
            return line(parent, parent.sku(), parent.name(), LineKind.ITEM).build();
        }
        return line(parent, parent.sku() == null ? child.sku() : parent.sku(),
                child.name() == null ? parent.name() : child.name(), LineKind.ITEM)
                .attribute(CHILD_ITEM_ID, text(child.itemId()))
                .attribute(CHILD_PRODUCT_ID, text(child.productId()))
                .build();
    }

    private OrderLine bundleComponent(Magento2OrderData.Item child, Magento2OrderData.Item parent) {
        return line(child, child.sku(), child.name(), LineKind.BUNDLE_COMPONENT)
                .parentLineId(includeBundleParent ? Long.toString(parent.itemId()) : null)
                .attribute(PARENT_ITEM_ID, text(parent.itemId()))
                .attribute(PARENT_PRODUCT_TYPE, parent.productType())
                .attribute(BUNDLE_SKU, parent.sku())
                .attribute(PARENT_PRODUCT_ID, text(parent.productId()))
                .attribute(PARENT_QTY_ORDERED, quantity(parent.qtyOrdered()).toPlainString())
                .attribute(PARENT_QTY_LEFT, left(parent).toPlainString())
                .build();
    }

    /** A line of an item, with the attributes every line has; the caller adds its own and builds it. */
    private static OrderLine.Builder line(Magento2OrderData.Item item, String sku, String name, LineKind kind) {
        return OrderLine.builder(Long.toString(item.itemId()), sku == null ? "" : sku, quantity(item.qtyOrdered()))
                .name(name)
                .quantityToShip(kind == LineKind.VIRTUAL || kind == LineKind.DOWNLOADABLE ? BigDecimal.ZERO
                        : left(item))
                .unitPrice(amount(item.price()))
                .kind(kind)
                .attribute(ITEM_ID, text(item.itemId()))
                .attribute(PRODUCT_TYPE, item.productType())
                .attribute(PRODUCT_ID, text(item.productId()))
                .attribute(IS_QTY_DECIMAL, flag(item.isQtyDecimal()) ? "1" : null);
    }

    /** What is left to ship of an item: ordered less shipped, refunded and canceled, never below zero. */
    private static BigDecimal left(Magento2OrderData.Item item) {
        return quantity(quantity(item.qtyOrdered()).subtract(quantity(item.qtyShipped()))
                .subtract(quantity(item.qtyRefunded())).subtract(quantity(item.qtyCanceled())).max(BigDecimal.ZERO));
    }

    private static LineKind standaloneKind(Magento2OrderData.Item item) {
        if (is(item, "downloadable")) {
            return LineKind.DOWNLOADABLE;
        }
        if (is(item, "virtual") || flag(item.isVirtual())) {
            return LineKind.VIRTUAL;
        }
        return LineKind.ITEM;
    }

    private static Magento2OrderData.Item parentOf(Magento2OrderData.Item item, Map<Long, Magento2OrderData.Item> byId) {
        if (item.parentItemId() == null || item.parentItemId() == 0) {
            return null;
        }
        return byId.get(item.parentItemId());
    }

    private static boolean is(Magento2OrderData.Item item, String productType) {
        return productType.equalsIgnoreCase(item.productType() == null ? "" : item.productType());
    }

    private static Totals totals(Magento2OrderData order) {
        String currency = order.orderCurrencyCode() != null ? order.orderCurrencyCode() : order.baseCurrencyCode();
        return new Totals(currency, amount(order.grandTotal()), amount(order.subtotal()),
                amount(order.shippingAmount()), amount(order.taxAmount()), amount(order.discountAmount()));
    }

    private static Customer customer(Magento2OrderData order, Address billing) {
        boolean guest = order.customerIsGuest() != null ? flag(order.customerIsGuest()) : order.customerId() == null;
        String firstName = order.customerFirstname();
        String lastName = order.customerLastname();
        if (firstName == null && lastName == null && billing != null) {
            firstName = billing.firstName();
            lastName = billing.lastName();
        }
        String email = order.customerEmail() != null ? order.customerEmail() : billing == null ? null : billing.email();
        return new Customer(email, firstName, lastName, guest);
    }

    private static Address address(Magento2OrderData.Address address) {
        if (address == null) {
            return null;
        }
        return Address.builder()
                .name(address.firstname(), address.lastname())
                .company(address.company())
                .street(address.street())
                .city(address.city())
                .region(address.region(), address.regionCode())
                .postcode(address.postcode())
                .countryCode(address.countryId())
                .phone(address.telephone())
                .email(address.email())
                .build();
    }

    /** @return the value as text, or {@code null} */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static boolean flag(String value) {
        if (value == null) {
            return false;
        }
        // Magento's own answers: 0 and 1, as numbers (read as text) or strings.
        if (value.length() == 1 && (value.charAt(0) == '0' || value.charAt(0) == '1')) {
            return value.charAt(0) == '1';
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        return text.equals("true") || (!text.isEmpty() && !text.equals("false") && isNonZero(text));
    }

    private static boolean isNonZero(String text) {
        try {
            return new BigDecimal(text).signum() != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** Quantities without Magento's padding: {@code 2.0000} becomes {@code 2}, {@code 1.2500} becomes {@code 1.25}. */
    private static BigDecimal quantity(BigDecimal value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
