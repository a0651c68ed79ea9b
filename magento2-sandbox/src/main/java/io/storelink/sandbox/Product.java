package io.storelink.sandbox;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A catalog product. Configurable products list their child simples; bundles carry their {@link Bundle}
 * settings, which the order payload does not repeat (a client must look them up, docs/magento2-rest-api.md §3.4).
 */
public record Product(
        long id,
        String sku,
        String name,
        String typeId,
        double price,
        double weight,
        boolean qtyDecimal,
        List<Long> childIds,
        List<ConfigurableOption> configurableOptions,
        Bundle bundle) {
    public Product {
        requireNonNull(sku, "sku is null");
        requireNonNull(name, "name is null");
        requireNonNull(typeId, "typeId is null");
        childIds = List.copyOf(childIds);
        configurableOptions = List.copyOf(configurableOptions);
    }

    public boolean isVirtual() {
        return typeId.equals("virtual") || typeId.equals("downloadable");
    }

    /** A configurable attribute value of a configurable child ({@code option_id} is a string in Magento's JSON). */
    public record ConfigurableOption(String optionId, int optionValue) {}

    /** One bundle selection: a child product and how many of it one bundle holds. */
    public record Selection(long optionId, long selectionId, long productId, double qty) {}

    /**
     * Bundle settings as Magento's custom attributes say them: {@code sku_type} 0 dynamic / 1 fixed,
     * {@code price_type} 0 dynamic / 1 fixed, {@code shipment_type} 0 together / 1 separately.
     */
    public record Bundle(boolean fixedSku, boolean fixedPrice, boolean shipSeparately, List<Selection> selections) {
        public Bundle {
            selections = List.copyOf(selections);
        }
    }
}
