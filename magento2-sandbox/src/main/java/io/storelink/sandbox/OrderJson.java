package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Renders orders as GET /V1/orders/{id} does (docs/magento2-rest-api.md §2.3, §2.4): items with parent copies on
 * children, the shipping address only under {@code extension_attributes.shipping_assignments}, nulls left out.
 * Also reads top-level fields for search criteria.
 */
final class OrderJson {
    private static final String CURRENCY = "USD";

    private final Catalog catalog;

    OrderJson(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    ObjectNode render(Order order) {
        ObjectNode json = Json.object();
        double subtotal = order.subtotal();
        double grandTotal = order.grandTotal();
        boolean invoiced = order.items().stream().anyMatch(item -> item.qtyInvoiced() > 0);
        json.put("base_currency_code", CURRENCY);
        Json.putNumber(json, "base_discount_amount", order.discountAmount());
        Json.putNumber(json, "base_grand_total", grandTotal);
        Json.putNumber(json, "base_shipping_amount", order.shippingAmount());
        Json.putNumber(json, "base_subtotal", subtotal);
        Json.putNumber(json, "base_tax_amount", order.taxAmount());
        if (invoiced) {
            Json.putNumber(json, "base_total_invoiced", grandTotal);
            Json.putNumber(json, "base_total_paid", grandTotal);
        }
        json.set("billing_address", address(order.billingAddress(), order, "billing", order.entityId() * 2 - 1));
        Json.put(json, "created_at", order.createdAt());
        Customer customer = order.customer();
        json.put("customer_email", customer.email());
        json.put("customer_firstname", customer.firstname());
        json.put("customer_group_id", customer.groupId());
        Json.put(json, "customer_id", customer.customerId());
        Json.putFlag(json, "customer_is_guest", customer.isGuest());
        json.put("customer_lastname", customer.lastname());
        json.put("customer_note_notify", 1);
        Json.putNumber(json, "discount_amount", order.discountAmount());
        json.put("email_sent", 1);
        json.put("entity_id", order.entityId());
        json.put("global_currency_code", CURRENCY);
        Json.putNumber(json, "grand_total", grandTotal);
        Json.put(json, "hold_before_state", order.holdBeforeState());
        Json.put(json, "hold_before_status", order.holdBeforeStatus());
        json.put("increment_id", order.incrementId());
        Json.putFlag(json, "is_virtual", order.isVirtual());
        ArrayNode items = items(order);
        json.set("items", items);
        json.put("order_currency_code", CURRENCY);
        json.set("payment", payment(order, grandTotal, invoiced));
        json.put("protect_code", Long.toHexString(order.entityId() * 0x9E3779B97F4A7C15L).substring(0, 6));
        json.put("quote_id", order.entityId() + 1000);
        Json.putNumber(json, "shipping_amount", order.shippingAmount());
        Json.put(json, "shipping_description", order.shippingDescription());
        Json.putNumber(json, "shipping_incl_tax", order.shippingAmount());
        Json.put(json, "state", order.state());
        Json.put(json, "status", order.status());
        json.set("status_histories", Json.array());
        json.put("store_currency_code", CURRENCY);
        json.put("store_id", order.storeId());
        json.put("store_name", StoreView.byId(order.storeId()).orderStoreName());
        Json.putNumber(json, "subtotal", subtotal);
        Json.putNumber(json, "subtotal_incl_tax", subtotal);
        Json.putNumber(json, "tax_amount", order.taxAmount());
        Json.putNumber(json, "total_due", invoiced ? 0 : grandTotal);
        if (invoiced) {
            Json.putNumber(json, "total_invoiced", grandTotal);
            Json.putNumber(json, "total_paid", grandTotal);
        }
        json.put("total_item_count", order.items().stream().filter(item -> !item.hasParent()).count());
        Json.putNumber(json, "total_qty_ordered", totalQtyOrdered(order));
        Json.put(json, "updated_at", order.updatedAt());
        Json.putNumber(json, "weight", order.isVirtual() ? 0 : weight(order));
        json.set("extension_attributes", extensionAttributes(order, items));
        return json;
    }

    /** A top-level field for search criteria; unknown fields are read from the rendered order. */
    Object field(Order order, String field) {
        switch (field) {
            case "entity_id": return order.entityId();
            case "increment_id": return order.incrementId();
            case "state": return order.state();
            case "status": return order.status();
            case "store_id": return order.storeId();
            case "created_at": return order.createdAt();
            case "updated_at": return order.updatedAt();
            case "customer_id": return order.customer().customerId();
            case "customer_email": return order.customer().email();
            case "customer_firstname": return order.customer().firstname();
            case "customer_lastname": return order.customer().lastname();
            case "customer_is_guest": return order.customer().isGuest() ? 1 : 0;
            case "customer_group_id": return order.customer().groupId();
            case "grand_total":
            case "base_grand_total":
                return order.grandTotal();
            case "subtotal": return order.subtotal();
            case "is_virtual": return order.isVirtual() ? 1 : 0;
            default: return scalar(render(order).get(field));
        }
    }

    static Object scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue() : node.asText();
    }

    private ArrayNode items(Order order) {
        Map<Long, ObjectNode> rendered = new HashMap<>();
        ArrayNode items = Json.array();
        for (OrderItem item : order.items()) {
            ObjectNode json = item(order, item);
            if (item.hasParent()) {
                ObjectNode parent = rendered.get(item.parentItemId());
                json.put("parent_item_id", item.parentItemId());
                Json.put(json, "parent_item", parent);
            }
            rendered.put(item.itemId(), json);
            items.add(json);
        }
        return items;
    }

    private ObjectNode item(Order order, OrderItem item) {
        ObjectNode json = Json.object();
        json.put("amount_refunded", 0);
        json.put("base_amount_refunded", 0);
        json.put("base_discount_amount", 0);
        Json.putNumber(json, "base_original_price", item.originalPrice());
        Json.putNumber(json, "base_price", item.price());
        Json.putNumber(json, "base_row_total", item.rowTotal());
        json.put("base_tax_amount", 0);
        Json.put(json, "created_at", order.createdAt());
        json.put("discount_amount", 0);
        json.put("discount_percent", 0);
        json.put("free_shipping", 0);
        Json.putFlag(json, "is_qty_decimal", item.isQtyDecimal());
        Json.putFlag(json, "is_virtual", item.isVirtual());
        json.put("item_id", item.itemId());
        json.put("name", item.name());
        json.put("no_discount", 0);
        json.put("order_id", order.entityId());
        Json.putNumber(json, "original_price", item.originalPrice());
        Json.putNumber(json, "price", item.price());
        json.put("product_id", item.productId());
        productOption(item).ifPresent(option -> json.set("product_option", option));
        json.put("product_type", item.productType());
        Json.putNumber(json, "qty_canceled", item.qtyCanceled());
        Json.putNumber(json, "qty_invoiced", item.qtyInvoiced());
        Json.putNumber(json, "qty_ordered", item.qtyOrdered());
        Json.putNumber(json, "qty_refunded", item.qtyRefunded());
        Json.putNumber(json, "qty_shipped", item.qtyShipped());
        json.put("quote_item_id", item.itemId() + 5000);
        Json.putNumber(json, "row_invoiced", item.qtyInvoiced() > 0 ? item.rowTotal() : 0);
        Json.putNumber(json, "row_total", item.rowTotal());
        Json.putNumber(json, "row_weight", item.isVirtual() ? 0 : Money.round(item.weight() * item.qtyOrdered()));
        json.put("sku", item.sku());
        json.put("store_id", order.storeId());
        json.put("tax_amount", 0);
        json.put("tax_percent", 0);
        Json.put(json, "updated_at", order.updatedAt());
        if (!item.isVirtual()) {
            Json.putNumber(json, "weight", item.weight());
        }
        return json;
    }

    private Optional<ObjectNode> productOption(OrderItem item) {
        Product product = catalog.byId(item.productId()).orElse(null);
        if (product == null || item.hasParent()) {
            return Optional.empty();
        }
        ObjectNode extension = Json.object();
        if (product.typeId().equals("configurable")) {
            Product child = catalog.bySku(item.sku()).orElse(null);
            if (child == null) {
                return Optional.empty();
            }
            ArrayNode options = extension.putArray("configurable_item_options");
            child.configurableOptions().forEach(option -> options.add(
                    Json.object().put("option_id", option.optionId()).put("option_value", option.optionValue())));
        } else if (product.bundle() != null) {
            ArrayNode options = extension.putArray("bundle_options");
            for (Product.Selection selection : product.bundle().selections()) {
                ObjectNode option = Json.object().put("option_id", selection.optionId());
                Json.putNumber(option, "option_qty", selection.qty());
                option.putArray("option_selections").add(selection.selectionId());
                options.add(option);
            }
        } else {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) Json.object().set("extension_attributes", extension));
    }

    private static ObjectNode address(Address address, Order order, String type, long entityId) {
        ObjectNode json = Json.object();
        json.put("address_type", type);
        json.put("city", address.city());
        Json.put(json, "company", address.company());
        json.put("country_id", address.countryId());
        Json.put(json, "customer_address_id", order.customer().customerId());
        json.put("email", order.customer().email());
        json.put("entity_id", entityId);
        json.put("firstname", address.firstname());
        json.put("lastname", address.lastname());
        json.put("parent_id", order.entityId());
        json.put("postcode", address.postcode());
        Json.put(json, "region", address.region());
        Json.put(json, "region_code", address.regionCode());
        if (address.regionId() != null) {
            json.put("region_id", address.regionId());
        }
        ArrayNode street = json.putArray("street");
        address.street().forEach(street::add);
        json.put("telephone", address.telephone());
        return json;
    }

    private static ObjectNode payment(Order order, double grandTotal, boolean invoiced) {
        ObjectNode json = Json.object();
        json.putArray("additional_information").add(order.paymentMethod().equals("checkmo")
                ? "Check / Money order" : "Bank Transfer Payment");
        Json.putNumber(json, "amount_ordered", grandTotal);
        if (invoiced) {
            Json.putNumber(json, "amount_paid", grandTotal);
        }
        Json.putNumber(json, "base_amount_ordered", grandTotal);
        Json.putNumber(json, "base_shipping_amount", order.shippingAmount());
        json.put("entity_id", order.entityId());
        json.put("method", order.paymentMethod());
        json.put("parent_id", order.entityId());
        Json.putNumber(json, "shipping_amount", order.shippingAmount());
        return json;
    }

    private static ObjectNode extensionAttributes(Order order, ArrayNode items) {
        ObjectNode shipping = Json.object();
        if (order.shippingAddress() != null) {
            shipping.set("address", address(order.shippingAddress(), order, "shipping", order.entityId() * 2));
        }
        Json.put(shipping, "method", order.shippingMethod());
        ObjectNode total = shipping.putObject("total");
        Json.putNumber(total, "base_shipping_amount", order.shippingAmount());
        Json.putNumber(total, "shipping_amount", order.shippingAmount());
        Json.putNumber(total, "shipping_incl_tax", order.shippingAmount());
        ObjectNode assignment = Json.object();
        assignment.set("shipping", shipping);
        assignment.set("items", items);
        ObjectNode json = Json.object();
        json.set("shipping_assignments", Json.arrayOf(List.of(assignment)));
        json.set("payment_additional_info", Json.arrayOf(List.of(Json.object()
                .put("key", "method_title")
                .put("value", order.paymentMethod().equals("checkmo") ? "Check / Money order" : "Bank Transfer Payment"))));
        json.set("applied_taxes", Json.array());
        json.set("item_applied_taxes", Json.array());
        return json;
    }

    private static double totalQtyOrdered(Order order) {
        return order.items().stream().filter(item -> !item.hasParent()).mapToDouble(OrderItem::qtyOrdered).sum();
    }

    private static double weight(Order order) {
        return Money.round(order.items().stream()
                .filter(item -> !item.hasParent() && !item.isVirtual())
                .mapToDouble(item -> item.weight() * item.qtyOrdered())
                .sum());
    }
}
