package io.storelink.magento2;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An order as {@code GET /V1/orders} returns it, reduced to what {@link Magento2OrderMapper} reads. Magento leaves
 * out null fields, so every field but the lists may be {@code null}; flags hold Magento's raw text ({@code "1"},
 * {@code "0"}, {@code "true"}). {@code problem} is the first value the reader found of the wrong type, for example
 * {@code items[2].qty_ordered is "abc", expected a number} (that field is then {@code null}), or {@code null}.
 */
record Magento2OrderData(
        Long entityId,
        String incrementId,
        String createdAt,
        String updatedAt,
        String state,
        String status,
        Long storeId,
        String storeName,
        String orderCurrencyCode,
        String baseCurrencyCode,
        BigDecimal grandTotal,
        BigDecimal subtotal,
        BigDecimal shippingAmount,
        BigDecimal taxAmount,
        BigDecimal discountAmount,
        String customerEmail,
        String customerFirstname,
        String customerLastname,
        String customerIsGuest,
        Long customerId,
        String isVirtual,
        String relationParentId,
        String paymentMethod,
        String shippingDescription,
        String shippingMethod,
        Address shippingAddress,
        Address billingAddress,
        List<Item> items,
        String problem) {

    Magento2OrderData {
        items = List.copyOf(requireNonNull(items, "items is null"));
    }

    /** One {@code items[]} entry. */
    record Item(
            Long itemId,
            Long parentItemId,
            Long productId,
            String productType,
            String sku,
            String name,
            BigDecimal qtyOrdered,
            BigDecimal qtyShipped,
            BigDecimal qtyRefunded,
            BigDecimal qtyCanceled,
            BigDecimal price,
            String isVirtual,
            String isQtyDecimal) {
    }

    /** A billing or shipping address; {@code street} is never {@code null}. */
    record Address(
            String firstname,
            String lastname,
            String company,
            List<String> street,
            String city,
            String region,
            String regionCode,
            String postcode,
            String countryId,
            String telephone,
            String email) {

        Address {
            street = List.copyOf(requireNonNull(street, "street is null"));
        }
    }

    /** One page of {@code GET /V1/orders}: the orders and Magento's unpaged count. */
    record Page(List<Magento2OrderData> items, long totalCount) {
        Page {
            items = List.copyOf(requireNonNull(items, "items is null"));
        }
    }

    /**
     * What a {@code pageSize=1} search sorted by {@code entity_id DESC} says about a run: how many orders match and
     * the highest id among them (0 when none).
     */
    record Extent(long totalCount, long highestId) {
    }

    /** One entry of {@code GET /V1/store/storeViews}. */
    record StoreView(long id, String code, String name) {
        StoreView {
            requireNonNull(code, "code is null");
        }
    }
}
