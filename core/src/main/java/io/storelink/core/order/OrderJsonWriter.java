package io.storelink.core.order;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.storelink.api.Address;
import io.storelink.api.Customer;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Totals;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Order} as canonical JSON straight to a generator: the same bytes as the mapper in
 * {@link OrderJson} writes (record components in order, nulls left out, instants in ISO-8601), without its
 * per-property reflection. An import writes every order it stores, and the mapper was a quarter of an import's CPU.
 * {@code OrderJsonWriterTest} compares the two byte for byte, so a component added to a record without being added
 * here fails the build.
 */
final class OrderJsonWriter {

    private static final SerializableString PLATFORM_ORDER_ID = name("platformOrderId");
    private static final SerializableString ORDER_NUMBER = name("orderNumber");
    private static final SerializableString PLACED_AT = name("placedAt");
    private static final SerializableString UPDATED_AT = name("updatedAt");
    private static final SerializableString STATUS = name("status");
    private static final SerializableString STORE = name("store");
    private static final SerializableString ID = name("id");
    private static final SerializableString CODE = name("code");
    private static final SerializableString NAME = name("name");
    private static final SerializableString TOTALS = name("totals");
    private static final SerializableString CURRENCY = name("currency");
    private static final SerializableString GRAND_TOTAL = name("grandTotal");
    private static final SerializableString SUBTOTAL = name("subtotal");
    private static final SerializableString SHIPPING = name("shipping");
    private static final SerializableString TAX = name("tax");
    private static final SerializableString DISCOUNT = name("discount");
    private static final SerializableString CUSTOMER = name("customer");
    private static final SerializableString EMAIL = name("email");
    private static final SerializableString FIRST_NAME = name("firstName");
    private static final SerializableString LAST_NAME = name("lastName");
    private static final SerializableString GUEST = name("guest");
    private static final SerializableString SHIPPING_ADDRESS = name("shippingAddress");
    private static final SerializableString BILLING_ADDRESS = name("billingAddress");
    private static final SerializableString COMPANY = name("company");
    private static final SerializableString STREET = name("street");
    private static final SerializableString CITY = name("city");
    private static final SerializableString REGION = name("region");
    private static final SerializableString REGION_CODE = name("regionCode");
    private static final SerializableString POSTCODE = name("postcode");
    private static final SerializableString COUNTRY_CODE = name("countryCode");
    private static final SerializableString PHONE = name("phone");
    private static final SerializableString SHIPPING_METHOD = name("shippingMethod");
    private static final SerializableString DESCRIPTION = name("description");
    private static final SerializableString LINES = name("lines");
    private static final SerializableString LINE_ID = name("lineId");
    private static final SerializableString SKU = name("sku");
    private static final SerializableString QUANTITY_ORDERED = name("quantityOrdered");
    private static final SerializableString QUANTITY_TO_SHIP = name("quantityToShip");
    private static final SerializableString UNIT_PRICE = name("unitPrice");
    private static final SerializableString KIND = name("kind");
    private static final SerializableString PARENT_LINE_ID = name("parentLineId");
    private static final SerializableString ATTRIBUTES = name("attributes");

    private OrderJsonWriter() {
    }

    /** @return the order's canonical JSON as UTF-8 */
    static byte[] write(JsonFactory factory, Order order) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(4096);
        try (JsonGenerator generator = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            write(generator, order);
        }
        return bytes.toByteArray();
    }

    static void write(JsonGenerator out, Order order) throws IOException {
        out.writeStartObject();
        text(out, PLATFORM_ORDER_ID, order.platformOrderId());
        text(out, ORDER_NUMBER, order.orderNumber());
        text(out, PLACED_AT, order.placedAt() == null ? null : order.placedAt().toString());
        text(out, UPDATED_AT, order.updatedAt() == null ? null : order.updatedAt().toString());
        text(out, STATUS, order.status());
        if (order.store() != null) {
            out.writeFieldName(STORE);
            out.writeStartObject();
            text(out, ID, order.store().id());
            text(out, CODE, order.store().code());
            text(out, NAME, order.store().name());
            out.writeEndObject();
        }
        totals(out, order.totals());
        customer(out, order.customer());
        address(out, SHIPPING_ADDRESS, order.shippingAddress());
        address(out, BILLING_ADDRESS, order.billingAddress());
        if (order.shippingMethod() != null) {
            out.writeFieldName(SHIPPING_METHOD);
            out.writeStartObject();
            text(out, CODE, order.shippingMethod().code());
            text(out, DESCRIPTION, order.shippingMethod().description());
            out.writeEndObject();
        }
        if (order.lines() != null) {
            out.writeFieldName(LINES);
            out.writeStartArray();
            for (OrderLine line : order.lines()) {
                line(out, line);
            }
            out.writeEndArray();
        }
        attributes(out, order.attributes());
        out.writeEndObject();
    }

    private static void totals(JsonGenerator out, Totals totals) throws IOException {
        if (totals == null) {
            return;
        }
        out.writeFieldName(TOTALS);
        out.writeStartObject();
        text(out, CURRENCY, totals.currency());
        number(out, GRAND_TOTAL, totals.grandTotal());
        number(out, SUBTOTAL, totals.subtotal());
        number(out, SHIPPING, totals.shipping());
        number(out, TAX, totals.tax());
        number(out, DISCOUNT, totals.discount());
        out.writeEndObject();
    }

    private static void customer(JsonGenerator out, Customer customer) throws IOException {
        if (customer == null) {
            return;
        }
        out.writeFieldName(CUSTOMER);
        out.writeStartObject();
        text(out, EMAIL, customer.email());
        text(out, FIRST_NAME, customer.firstName());
        text(out, LAST_NAME, customer.lastName());
        out.writeFieldName(GUEST);
        out.writeBoolean(customer.guest());
        out.writeEndObject();
    }

    private static void address(JsonGenerator out, SerializableString field, Address address) throws IOException {
        if (address == null) {
            return;
        }
        out.writeFieldName(field);
        out.writeStartObject();
        text(out, FIRST_NAME, address.firstName());
        text(out, LAST_NAME, address.lastName());
        text(out, COMPANY, address.company());
        if (address.street() != null) {
            out.writeFieldName(STREET);
            strings(out, address.street());
        }
        text(out, CITY, address.city());
        text(out, REGION, address.region());
        text(out, REGION_CODE, address.regionCode());
        text(out, POSTCODE, address.postcode());
        text(out, COUNTRY_CODE, address.countryCode());
        text(out, PHONE, address.phone());
        text(out, EMAIL, address.email());
        out.writeEndObject();
    }

    private static void line(JsonGenerator out, OrderLine line) throws IOException {
        out.writeStartObject();
        text(out, LINE_ID, line.lineId());
        text(out, SKU, line.sku());
        text(out, NAME, line.name());
        number(out, QUANTITY_ORDERED, line.quantityOrdered());
        number(out, QUANTITY_TO_SHIP, line.quantityToShip());
        number(out, UNIT_PRICE, line.unitPrice());
        text(out, KIND, line.kind() == null ? null : line.kind().name());
        text(out, PARENT_LINE_ID, line.parentLineId());
        attributes(out, line.attributes());
        out.writeEndObject();
    }

    private static void strings(JsonGenerator out, List<String> values) throws IOException {
        out.writeStartArray();
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static void attributes(JsonGenerator out, Map<String, String> attributes) throws IOException {
        if (attributes == null) {
            return;
        }
        out.writeFieldName(ATTRIBUTES);
        out.writeStartObject();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            out.writeFieldName(attribute.getKey());
            out.writeString(attribute.getValue());
        }
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, SerializableString field, String value) throws IOException {
        if (value != null) {
            out.writeFieldName(field);
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, SerializableString field, BigDecimal value) throws IOException {
        if (value != null) {
            out.writeFieldName(field);
            out.writeNumber(value);
        }
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }
}
