package io.storelink.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sandbox store's fixed catalog (Luma-like SKUs): simples, decimal-quantity simples, configurables,
 * the four bundle kinds (dynamic or fixed SKU, shipped together or separately), a virtual and a downloadable product.
 */
public final class Catalog {
    public static final String SIMPLE = "24-MB01";
    public static final String DECIMAL_SIMPLE = "FAB-LINEN";
    public static final String CONFIGURABLE = "MH09";
    public static final String CONFIGURABLE_CHILD = "MH09-XS-Blue";
    /** Dynamic SKU, dynamic price, shipped together. */
    public static final String BUNDLE_DYNAMIC_TOGETHER = "24-WG080";
    /** Fixed SKU, fixed price, shipped together. */
    public static final String BUNDLE_FIXED_TOGETHER = "CAMP-SET";
    /** Dynamic SKU, dynamic price, shipped separately. */
    public static final String BUNDLE_DYNAMIC_SEPARATELY = "OFFICE-KIT";
    /** Fixed SKU, fixed price, shipped separately. */
    public static final String BUNDLE_FIXED_SEPARATELY = "GIFT-BOX";
    public static final String VIRTUAL = "VIRT-WARRANTY-2Y";
    public static final String DOWNLOADABLE = "240-LV08";

    private static final Catalog STANDARD = new Catalog(standardProducts());

    private final List<Product> products;
    private final Map<Long, Product> byId;
    private final Map<String, Product> bySku;

    private Catalog(List<Product> products) {
        this.products = List.copyOf(products);
        this.byId = products.stream().collect(Collectors.toUnmodifiableMap(Product::id, Function.identity()));
        this.bySku = products.stream().collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity()));
    }

    public static Catalog standard() {
        return STANDARD;
    }

    public List<Product> products() {
        return products;
    }

    public Optional<Product> bySku(String sku) {
        return Optional.ofNullable(bySku.get(sku));
    }

    public Optional<Product> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    Product require(String sku) {
        return bySku(sku).orElseThrow(() -> new IllegalArgumentException("unknown SKU: " + sku));
    }

    /** The parent of a configurable child, if the product is one. */
    Optional<Product> configurableParentOf(long childId) {
        return products.stream().filter(product -> product.childIds().contains(childId)).findFirst();
    }

    /** Whether the order line's product is a bundle shipped separately (the line's own product decides). */
    boolean shipsSeparately(OrderItem item) {
        Product product = byId.get(item.productId());
        return product != null && product.bundle() != null && product.bundle().shipSeparately();
    }

    private static List<Product> standardProducts() {
        List<Product> products = new ArrayList<>();
        products.add(simple(1, SIMPLE, "Joust Duffle Bag", 34, 1.2));
        products.add(simple(2, "24-MB04", "Strive Shoulder Pack", 32, 0.9));
        products.add(simple(3, "24-UG06", "Affirm Water Bottle", 7, 0.4));
        products.add(simple(4, "24-WG085", "Sprite Yoga Strap 6 foot", 14, 0.3));
        products.add(new Product(5, DECIMAL_SIMPLE, "Natural Linen Fabric (per metre)", "simple", 12.5, 0.35, true,
                List.of(), List.of(), null));
        products.add(new Product(6, "COF-ARABICA", "Arabica Coffee Beans (per kg)", "simple", 18.9, 1, true,
                List.of(), List.of(), null));
        products.add(configurable(7, CONFIGURABLE, "Abominable Hoodie", 69, List.of(8L, 9L, 10L)));
        products.add(child(8, CONFIGURABLE_CHILD, "Abominable Hoodie-XS-Blue", 69, 167, 50));
        products.add(child(9, "MH09-M-Red", "Abominable Hoodie-M-Red", 69, 169, 58));
        products.add(child(10, "MH09-L-Green", "Abominable Hoodie-L-Green", 69, 170, 53));
        products.add(configurable(11, "WS12", "Radiant Tee", 22, List.of(12L, 13L)));
        products.add(child(12, "WS12-S-Orange", "Radiant Tee-S-Orange", 22, 168, 56));
        products.add(child(13, "WS12-M-Blue", "Radiant Tee-M-Blue", 22, 169, 50));
        products.add(simple(14, "24-WG084", "Sprite Foam Yoga Brick", 5, 0.5));
        products.add(simple(15, "24-WG088", "Sprite Foam Roller", 19, 0.8));
        products.add(simple(16, "24-WG082-blue", "Sprite Stasis Ball 65 cm", 27, 1.1));
        products.add(simple(17, "24-WG086", "Sprite Yoga Strap 8 foot", 17, 0.3));
        products.add(bundle(18, BUNDLE_DYNAMIC_TOGETHER, "Sprite Yoga Companion Kit", 0,
                new Product.Bundle(false, false, false, selections(1, new long[] {14, 15, 16, 17}, new double[] {1, 1, 1, 1}))));
        products.add(simple(20, "CAMP-TENT", "Two-Person Dome Tent", 89, 3.2));
        products.add(simple(21, "CAMP-MAT", "Self-Inflating Sleeping Mat", 25, 1.1));
        products.add(bundle(19, BUNDLE_FIXED_TOGETHER, "Weekend Camping Set", 149,
                new Product.Bundle(true, true, false, selections(5, new long[] {20, 21}, new double[] {1, 2}))));
        products.add(simple(23, "OFF-LAMP", "LED Desk Lamp", 39, 1.4));
        products.add(simple(24, "OFF-CUSHION", "Lumbar Support Cushion", 29, 0.7));
        products.add(bundle(22, BUNDLE_DYNAMIC_SEPARATELY, "Home Office Kit", 0,
                new Product.Bundle(false, false, true, selections(7, new long[] {23, 24}, new double[] {1, 2}))));
        products.add(bundle(25, BUNDLE_FIXED_SEPARATELY, "Hydration Gift Box", 59,
                new Product.Bundle(true, true, true, selections(9, new long[] {3, 1}, new double[] {2, 1}))));
        products.add(new Product(26, VIRTUAL, "Extended Warranty 2 Years", "virtual", 19.99, 0, false,
                List.of(), List.of(), null));
        products.add(new Product(27, DOWNLOADABLE, "Advanced Pilates & Yoga (Strength)", "downloadable", 18, 0, false,
                List.of(), List.of(), null));
        return products;
    }

    private static Product simple(long id, String sku, String name, double price, double weight) {
        return new Product(id, sku, name, "simple", price, weight, false, List.of(), List.of(), null);
    }

    private static Product configurable(long id, String sku, String name, double price, List<Long> children) {
        return new Product(id, sku, name, "configurable", price, 0, false, children, List.of(), null);
    }

    private static Product child(long id, String sku, String name, double price, int size, int color) {
        return new Product(id, sku, name, "simple", price, 0.8, false, List.of(),
                List.of(new Product.ConfigurableOption("144", size), new Product.ConfigurableOption("93", color)), null);
    }

    private static Product bundle(long id, String sku, String name, double price, Product.Bundle bundle) {
        return new Product(id, sku, name, "bundle", price, 0, false, List.of(), List.of(), bundle);
    }

    private static List<Product.Selection> selections(long firstOptionId, long[] productIds, double[] qtys) {
        List<Product.Selection> selections = new ArrayList<>();
        for (int i = 0; i < productIds.length; i++) {
            selections.add(new Product.Selection(firstOptionId + i, 100 + firstOptionId * 10 + i, productIds[i], qtys[i]));
        }
        return selections;
    }
}
