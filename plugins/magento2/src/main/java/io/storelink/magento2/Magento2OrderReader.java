package io.storelink.magento2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Magento's order JSON straight from the parser into {@link Magento2OrderData}, without building a tree:
 * a page of 300 orders is a few hundred kilobytes, and reading it is most of an import's CPU.
 *
 * <p>Lenient where Magento really varies: any field may be missing or {@code null}, numbers may come as strings
 * ({@code "12.0000"}), ids and codes as numbers or strings, and a street may be an array or one string with line
 * breaks. Unknown fields are skipped. Strict where the order would come out wrong: a value of the wrong type in a
 * field the canonical order is built from (the ids, the order number, the currency, the totals, {@code items} and
 * each line's ids, type, SKU, quantities and price) is not read as missing but noted in
 * {@link Magento2OrderData#problem()}, for example {@code items[2].qty_ordered is "abc", expected a number}, so the
 * import reports the order as unreadable instead of importing it with a quantity of 0. Whether a field that must be
 * there is there is the mapper's to say, since that depends on the line.
 */
final class Magento2OrderReader {

    private Magento2OrderReader() {
    }

    /**
     * Reads {@code {"items": [...], "total_count": n, ...}}. Strict about the page itself: {@code items} must be there
     * and be an array of objects, or the answer is not a page of orders (an {@link IOException}, like broken JSON).
     * A page that cannot be read must never pass for an empty one, which would end the run as if nothing were left.
     *
     * @return the orders and the count, or {@code null} for the count when the answer had none
     */
    static Result page(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        List<Magento2OrderData> orders = null;
        Long total = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("items")) {
                if (value != JsonToken.START_ARRAY) {
                    throw new IOException("its items is " + found(parser) + ", not an array of orders");
                }
                orders = new ArrayList<>();
                for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
                     element = parser.nextToken()) {
                    if (element != JsonToken.START_OBJECT) {
                        throw new IOException("its items[" + orders.size() + "] is " + found(parser)
                                + ", not an order object");
                    }
                    orders.add(order(parser));
                }
            } else if (field.equals("total_count")) {
                total = longValue(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (orders == null) {
            throw new IOException("it has no items");
        }
        return new Result(orders, total);
    }

    /** Reads one order object, the parser on its {@code START_OBJECT}. */
    static Magento2OrderData order(JsonParser parser) throws IOException {
        Order order = new Order();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "entity_id" -> order.entityId = order.id(parser, NO_LINE, field);
                case "increment_id" -> order.incrementId = order.code(parser, NO_LINE, field);
                case "created_at" -> order.createdAt = text(parser);
                case "updated_at" -> order.updatedAt = text(parser);
                case "state" -> order.state = text(parser);
                case "status" -> order.status = text(parser);
                case "store_id" -> order.storeId = longValue(parser);
                case "store_name" -> order.storeName = text(parser);
                case "order_currency_code" -> order.orderCurrencyCode = order.code(parser, NO_LINE, field);
                case "base_currency_code" -> order.baseCurrencyCode = order.code(parser, NO_LINE, field);
                case "grand_total" -> order.grandTotal = order.number(parser, NO_LINE, field);
                case "subtotal" -> order.subtotal = order.number(parser, NO_LINE, field);
                case "shipping_amount" -> order.shippingAmount = order.number(parser, NO_LINE, field);
                case "tax_amount" -> order.taxAmount = order.number(parser, NO_LINE, field);
                case "discount_amount" -> order.discountAmount = order.number(parser, NO_LINE, field);
                case "customer_email" -> order.customerEmail = text(parser);
                case "customer_firstname" -> order.customerFirstname = text(parser);
                case "customer_lastname" -> order.customerLastname = text(parser);
                case "customer_is_guest" -> order.customerIsGuest = text(parser);
                case "customer_id" -> order.customerId = longValue(parser);
                case "is_virtual" -> order.isVirtual = text(parser);
                case "relation_parent_id" -> order.relationParentId = text(parser);
                case "shipping_description" -> order.shippingDescription = text(parser);
                case "payment" -> order.paymentMethod = fieldOf(parser, "method");
                case "billing_address" -> order.billingAddress = address(parser);
                case "extension_attributes" -> shipping(parser, order);
                case "items" -> items(parser, order);
                default -> parser.skipChildren();
            }
        }
        return order.build();
    }

    /** The line index of an order's own field, in {@link Order#problem(JsonParser, int, String, String)}. */
    private static final int NO_LINE = -1;

    /** The order's own fields while it is read; built into the record at the end. */
    private static final class Order {
        Long entityId;
        String incrementId;
        String createdAt;
        String updatedAt;
        String state;
        String status;
        Long storeId;
        String storeName;
        String orderCurrencyCode;
        String baseCurrencyCode;
        BigDecimal grandTotal;
        BigDecimal subtotal;
        BigDecimal shippingAmount;
        BigDecimal taxAmount;
        BigDecimal discountAmount;
        String customerEmail;
        String customerFirstname;
        String customerLastname;
        String customerIsGuest;
        Long customerId;
        String isVirtual;
        String relationParentId;
        String paymentMethod;
        String shippingDescription;
        String shippingMethod;
        Magento2OrderData.Address shippingAddress;
        Magento2OrderData.Address billingAddress;
        List<Magento2OrderData.Item> items;
        /** The first value found of the wrong type; the rest of the order is still read, to stay in step. */
        String problem;

        Magento2OrderData build() {
            if (items == null) {
                problem("items is missing, expected an array of lines");
            }
            return new Magento2OrderData(entityId, incrementId, createdAt, updatedAt, state, status, storeId,
                    storeName, orderCurrencyCode, baseCurrencyCode, grandTotal, subtotal, shippingAmount, taxAmount,
                    discountAmount, customerEmail, customerFirstname, customerLastname, customerIsGuest, customerId,
                    isVirtual, relationParentId, paymentMethod, shippingDescription, shippingMethod, shippingAddress,
                    billingAddress, items == null ? List.of() : items, problem);
        }

        private void problem(String text) {
            if (problem == null) {
                problem = text;
            }
        }

        /**
         * Notes that the current value is of the wrong type ({@code items[2].qty_ordered is "abc", expected a number})
         * and skips it.
         *
         * @param line the line's index in {@code items}, or {@link #NO_LINE} for the order's own field
         * @param field the field, or {@code null} for the line itself
         */
        void problem(JsonParser parser, int line, String field, String expected) throws IOException {
            if (problem == null) {
                String path = line == NO_LINE ? field : "items[" + line + "]" + (field == null ? "" : "." + field);
                problem = path + " is " + found(parser) + ", expected " + expected;
            }
            parser.skipChildren();
        }

        /** A number, from a JSON number or a numeric string ({@code "12.0000"}); {@code null} for null or "". */
        BigDecimal number(JsonParser parser, int line, String field) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDecimalValue();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException notANumber) {
                    // noted below
                }
            }
            problem(parser, line, field, "a number");
            return null;
        }

        /** A quantity: a {@link #number number} that is not negative. */
        BigDecimal quantity(JsonParser parser, int line, String field) throws IOException {
            BigDecimal value = number(parser, line, field);
            if (value != null && value.signum() < 0) {
                problem(parser, line, field, "a quantity of 0 or more");
                return null;
            }
            return value;
        }

        /** An id: a whole {@link #number number}, {@code 12} or {@code "12"}. */
        Long id(JsonParser parser, int line, String field) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            BigDecimal value = number(parser, line, field);
            if (value == null) {
                return null;
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException notWhole) {
                problem(parser, line, field, "a whole number");
                return null;
            }
        }

        /** A code or number as text: a JSON string, or a whole number written as one; {@code null} for null or "". */
        String code(JsonParser parser, int line, String field) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
                String text = parser.getText();
                return text.isBlank() ? null : text;
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            problem(parser, line, field, "text");
            return null;
        }
    }

    /** {@code extension_attributes.shipping_assignments[0].shipping.{address, method}}; the rest is skipped. */
    private static void shipping(JsonParser parser, Order order) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!field.equals("shipping_assignments") || value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            boolean first = true;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (!first || parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                first = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String assignmentField = parser.currentName();
                    JsonToken assignmentValue = parser.nextToken();
                    if (!assignmentField.equals("shipping") || assignmentValue != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String shippingField = parser.currentName();
                        parser.nextToken();
                        switch (shippingField) {
                            case "address" -> order.shippingAddress = address(parser);
                            case "method" -> order.shippingMethod = text(parser);
                            default -> parser.skipChildren();
                        }
                    }
                }
            }
        }
    }

    /** {@code items}, the parser on its value; a value that is not an array, or a line that is no object, is noted. */
    private static void items(JsonParser parser, Order order) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            order.problem(parser, NO_LINE, "items", "an array of lines");
            order.items = List.of();
            return;
        }
        List<Magento2OrderData.Item> items = new ArrayList<>();
        for (int line = 0; parser.nextToken() != JsonToken.END_ARRAY; line++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                order.problem(parser, line, null, "a line object");
                continue;
            }
            Long itemId = null;
            Long parentItemId = null;
            Long productId = null;
            String productType = null;
            String sku = null;
            String name = null;
            BigDecimal qtyOrdered = null;
            BigDecimal qtyShipped = null;
            BigDecimal qtyRefunded = null;
            BigDecimal qtyCanceled = null;
            BigDecimal price = null;
            String isVirtual = null;
            String isQtyDecimal = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "item_id" -> itemId = order.id(parser, line, field);
                    case "parent_item_id" -> parentItemId = order.id(parser, line, field);
                    case "product_id" -> productId = longValue(parser);
                    case "product_type" -> productType = order.code(parser, line, field);
                    case "sku" -> sku = order.code(parser, line, field);
                    case "name" -> name = text(parser);
                    case "qty_ordered" -> qtyOrdered = order.quantity(parser, line, field);
                    case "qty_shipped" -> qtyShipped = order.quantity(parser, line, field);
                    case "qty_refunded" -> qtyRefunded = order.quantity(parser, line, field);
                    case "qty_canceled" -> qtyCanceled = order.quantity(parser, line, field);
                    case "price" -> price = order.number(parser, line, field);
                    case "is_virtual" -> isVirtual = text(parser);
                    case "is_qty_decimal" -> isQtyDecimal = text(parser);
                    default -> parser.skipChildren();
                }
            }
            items.add(new Magento2OrderData.Item(itemId, parentItemId, productId, productType, sku, name, qtyOrdered,
                    qtyShipped, qtyRefunded, qtyCanceled, price, isVirtual, isQtyDecimal));
        }
        order.items = items;
    }

    private static Magento2OrderData.Address address(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String[] values = new String[10];
        List<String> street = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int index = switch (field) {
                case "firstname" -> 0;
                case "lastname" -> 1;
                case "company" -> 2;
                case "city" -> 3;
                case "region" -> 4;
                case "region_code" -> 5;
                case "postcode" -> 6;
                case "country_id" -> 7;
                case "telephone" -> 8;
                case "email" -> 9;
                default -> -1;
            };
            if (index >= 0) {
                values[index] = text(parser);
            } else if (field.equals("street") && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String line = text(parser);
                    if (line != null) {
                        street.add(line);
                    }
                }
            } else if (field.equals("street")) {
                String lines = text(parser);
                if (lines != null) {
                    street.addAll(List.of(lines.split("\n")));
                }
            } else {
                parser.skipChildren();
            }
        }
        return new Magento2OrderData.Address(values[0], values[1], values[2], street, values[3], values[4],
                values[5], values[6], values[7], values[8], values[9]);
    }

    /** One scalar field of an object, the parser on its {@code START_OBJECT}; other fields are skipped. */
    private static String fieldOf(JsonParser parser, String wanted) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals(wanted)) {
                found = text(parser);
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    /** The current scalar as text ({@code null} for null and containers, which are skipped). */
    private static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }

    private static BigDecimal decimal(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        String text = text(parser);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        BigDecimal value = decimal(parser);
        return value == null ? null : value.longValue();
    }

    /** The current value as a message shows it: {@code "abc"}, {@code 12}, {@code true}, an object, an array. */
    static String found(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> quote(parser.getText());
            default -> parser.getText();
        };
    }

    /** A string value quoted for a message, cut after 40 characters. */
    private static String quote(String text) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
        return '"' + shown.replace("\"", "\\\"") + '"';
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    /** A page as read: the orders, and {@code total_count} or {@code null} when missing. */
    record Result(List<Magento2OrderData> orders, Long totalCount) {
    }
}
