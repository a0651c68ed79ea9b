package io.storelink.magento2;

import io.storelink.api.LineKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds an order's Magento items from the order as the host imported it, using the line attributes that
 * {@link Magento2OrderMapper} writes, so a first compact {@code /ship} needs no read of the order: Magento itself
 * checks the quantities on that route. Quantities may be stale; a refusal is decided again on a fresh read.
 *
 * <p>Empty when the imported order lacks an attribute the shipment plan needs (an order imported by an older
 * version): the notifier then reads the order.
 */
final class Magento2ImportedOrder {

    private static final String PREFIX = Magento2OrderMapper.ATTRIBUTE_PREFIX;

    private Magento2ImportedOrder() {
    }

    static Optional<Magento2OrderData> from(Order order) {
        Long entityId = number(order.platformOrderId());
        if (entityId == null) {
            return Optional.empty();
        }
        List<Magento2OrderData.Item> items = new ArrayList<>();
        Set<Long> bundleParents = new HashSet<>();
        for (OrderLine line : order.lines()) {
            if (line.kind() == LineKind.BUNDLE_PARENT) {
                Long parentId = number(attribute(line, "item_id"));
                if (parentId != null) {
                    bundleParents.add(parentId);
                }
            }
        }
        for (OrderLine line : order.lines()) {
            Long itemId = number(attribute(line, "item_id"));
            String type = attribute(line, "product_type");
            if (itemId == null || type == null) {
                return Optional.empty();
            }
            Long parentId = number(attribute(line, "parent_item_id"));
            if (line.kind() == LineKind.BUNDLE_COMPONENT) {
                if (parentId == null) {
                    return Optional.empty();
                }
                if (bundleParents.add(parentId)) {
                    BigDecimal parentOrdered = decimal(attribute(line, "parent_qty_ordered"));
                    BigDecimal parentLeft = decimal(attribute(line, "parent_qty_left"));
                    if (parentOrdered == null || parentLeft == null) {
                        return Optional.empty();
                    }
                    items.add(new Magento2OrderData.Item(parentId, null, number(attribute(line, "parent_product_id")),
                            "bundle", attribute(line, "bundle_sku"), null, parentOrdered,
                            parentOrdered.subtract(parentLeft), null, null, null, null, null));
                }
                items.add(item(line, itemId, parentId, type));
            } else if ("configurable".equals(type)) {
                items.add(item(line, itemId, null, type));
                Long childId = number(attribute(line, "child_item_id"));
                if (childId != null) {
                    items.add(item(line, childId, itemId, "simple", number(attribute(line, "child_product_id"))));
                }
            } else {
                items.add(item(line, itemId, null, type));
            }
        }
        return Optional.of(new Magento2OrderData(entityId, order.orderNumber(), null, null,
                order.attributes().get(PREFIX + "state"), order.status(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, items, null));
    }

    private static Magento2OrderData.Item item(OrderLine line, long itemId, Long parentId, String type) {
        return item(line, itemId, parentId, type, number(attribute(line, "product_id")));
    }

    private static Magento2OrderData.Item item(OrderLine line, long itemId, Long parentId, String type, Long productId) {
        boolean virtual = line.kind() == LineKind.VIRTUAL || line.kind() == LineKind.DOWNLOADABLE;
        BigDecimal shipped = virtual ? BigDecimal.ZERO : line.quantityOrdered().subtract(line.quantityToShip());
        return new Magento2OrderData.Item(itemId, parentId, productId, type, line.sku(), line.name(),
                line.quantityOrdered(), shipped, null, null, line.unitPrice(), virtual ? "1" : null,
                attribute(line, "is_qty_decimal"));
    }

    private static String attribute(OrderLine line, String name) {
        Map<String, String> attributes = line.attributes();
        return attributes.get(PREFIX + name);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return text == null ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
