package io.storelink.sandbox;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * Builds orders: random but deterministic ones from a seed, and hand-picked ones from a {@link NewOrder}.
 * Not thread-safe; the store calls it under its write lock.
 */
final class OrderGenerator {
    /** What the store does with a generated order after saving it, through the normal shipping path. */
    enum Fulfilment { NONE, PARTIAL, FULL }

    record Generated(Order order, Fulfilment fulfilment) {}

    /** Id sequences owned by the store. */
    interface Sequences {
        long nextEntityId();

        long nextItemId();

        String nextOrderIncrementId(int storeId);
    }

    private static final String[] FIRST_NAMES = {"Veronica", "John", "Emma", "Lukas", "Camille", "Sofia", "Noah",
        "Mia", "Léa", "Jonas", "Olivia", "Hugo", "Hannah", "Liam", "Chloé", "Felix", "Ava", "Louis", "Marie", "Ethan"};
    private static final String[] LAST_NAMES = {"Costello", "Smith", "Müller", "Martin", "Johnson", "Schmidt",
        "Bernard", "Williams", "Schneider", "Dubois", "Brown", "Fischer", "Thomas", "Garcia", "Weber", "Robert"};
    private static final Address[][] ADDRESSES = {
        {
            address("US", List.of("6146 Honey Bluff Parkway"), "Calder", "Michigan", "MI", 33, "49628-7978"),
            address("US", List.of("1200 Main Street", "Suite 400"), "Austin", "Texas", "TX", 57, "78701"),
            address("US", List.of("77 Massachusetts Ave"), "Cambridge", "Massachusetts", "MA", 32, "02139"),
            address("US", List.of("500 Pine Street"), "Seattle", "Washington", "WA", 62, "98101"),
        },
        {
            address("DE", List.of("Unter den Linden 77"), "Berlin", "Berlin", "BER", 82, "10117"),
            address("DE", List.of("Marienplatz 8"), "München", "Bayern", "BAY", 81, "80331"),
            address("DE", List.of("Königsallee 60", "3. OG"), "Düsseldorf", "Nordrhein-Westfalen", "NRW", 88, "40212"),
        },
        {
            address("FR", List.of("10 Rue de Rivoli"), "Paris", "Paris", "75", 257, "75001"),
            address("FR", List.of("5 Place Bellecour"), "Lyon", "Rhône", "69", 251, "69002"),
        },
    };
    private static final String[] TELEPHONES = {"555-229-3326", "+49 30 1234567", "+33 1 23 45 67 89", "512-555-0147"};
    private static final String[] RANDOM_SKUS = {Catalog.SIMPLE, "24-MB04", "24-UG06", "24-WG085", "24-WG084",
        "24-WG088", Catalog.SIMPLE, "24-MB04"};
    private static final String[] DECIMAL_SKUS = {Catalog.DECIMAL_SIMPLE, "COF-ARABICA"};
    private static final String[] CONFIGURABLE_CHILD_SKUS = {Catalog.CONFIGURABLE_CHILD, "MH09-M-Red", "MH09-L-Green",
        "WS12-S-Orange", "WS12-M-Blue"};
    private static final String[] BUNDLE_SKUS = {Catalog.BUNDLE_DYNAMIC_TOGETHER, Catalog.BUNDLE_FIXED_TOGETHER,
        Catalog.BUNDLE_DYNAMIC_SEPARATELY, Catalog.BUNDLE_FIXED_SEPARATELY};
    private static final double[] DECIMAL_QTYS = {0.5, 1.25, 2.5, 3.75, 1.5};

    private final SplittableRandom random;
    private final Catalog catalog;

    OrderGenerator(long seed, Catalog catalog) {
        this.random = new SplittableRandom(seed);
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    Generated random(Sequences sequences, Instant createdAt, Instant now) {
        int storeId = pick(60, 25, 15) + 1;
        boolean guest = random.nextInt(100) < 30;
        List<NewOrder.Line> lines = randomLines();
        int status = pick(35, 38, 14, 5, 8);
        boolean invoiced = status != 0 && status != 4;
        Instant updatedAt = status == 0 ? createdAt : min(createdAt.plusSeconds(random.nextInt(6 * 3600)), now);
        Order order = build(sequences, new NewOrder(storeId, guest, invoiced, lines), createdAt, updatedAt);
        switch (status) {
            case 1:
                return new Generated(order, random.nextInt(4) == 0 ? Fulfilment.PARTIAL : Fulfilment.NONE);
            case 2:
                return order.isVirtual()
                        ? new Generated(order.withStatus("complete", "complete", updatedAt), Fulfilment.NONE)
                        : new Generated(order, Fulfilment.FULL);
            case 3:
                return new Generated(order.withStatus("holded", "holded", updatedAt), Fulfilment.NONE);
            case 4:
                return new Generated(cancel(order, updatedAt), Fulfilment.NONE);
            default:
                return new Generated(order, Fulfilment.NONE);
        }
    }

    Order build(Sequences sequences, NewOrder request, Instant createdAt, Instant updatedAt) {
        long entityId = sequences.nextEntityId();
        StoreView store = StoreView.byId(request.storeId());
        Customer customer = customer(request.guest(), entityId);
        Address billing = randomAddress(store, customer);
        List<OrderItem> items = new ArrayList<>();
        for (NewOrder.Line line : request.lines()) {
            addLines(items, sequences, catalog.require(line.sku()), line.qty(), request.invoiced());
        }
        boolean virtual = items.stream().allMatch(OrderItem::isVirtual);
        boolean tableRate = random.nextBoolean();
        double subtotal = items.stream().filter(item -> !item.hasParent()).mapToDouble(OrderItem::rowTotal).sum();
        double discount = random.nextInt(100) < 15 ? -Money.round(subtotal * 0.1) : 0;
        String state = request.invoiced() ? "processing" : "new";
        String status = request.invoiced() ? "processing" : "pending";
        return new Order(entityId, sequences.nextOrderIncrementId(store.id()), store.id(), state, status, createdAt,
                updatedAt, customer, billing, virtual ? null : billing, virtual ? null : tableRate ? "tablerate_bestway" : "flatrate_flatrate",
                virtual ? null : tableRate ? "Best Way - Table Rate" : "Flat Rate - Fixed",
                random.nextInt(100) < 60 ? "checkmo" : "banktransfer", virtual ? 0 : tableRate ? 15 : 5, 0, discount,
                null, null, items);
    }

    private static Order cancel(Order order, Instant when) {
        List<OrderItem> items = order.items().stream()
                .map(item -> item.withQtyInvoicedAndCanceled(0, item.qtyOrdered()))
                .toList();
        return order.withItems(items, when).withStatus("canceled", "canceled", when);
    }

    private List<NewOrder.Line> randomLines() {
        int count = random.nextInt(10) == 0 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
        List<NewOrder.Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = pick(40, 8, 20, 17, 8, 7);
            String sku = switch (kind) {
                case 0 -> RANDOM_SKUS[random.nextInt(RANDOM_SKUS.length)];
                case 1 -> DECIMAL_SKUS[random.nextInt(DECIMAL_SKUS.length)];
                case 2 -> CONFIGURABLE_CHILD_SKUS[random.nextInt(CONFIGURABLE_CHILD_SKUS.length)];
                case 3 -> BUNDLE_SKUS[random.nextInt(BUNDLE_SKUS.length)];
                case 4 -> Catalog.VIRTUAL;
                default -> Catalog.DOWNLOADABLE;
            };
            double qty = kind == 1 ? DECIMAL_QTYS[random.nextInt(DECIMAL_QTYS.length)]
                    : kind >= 4 ? 1 : 1 + random.nextInt(random.nextInt(5) == 0 ? 4 : 1);
            lines.add(NewOrder.Line.of(sku, qty));
        }
        return lines;
    }

    /** Adds the order lines Magento writes for one product: one line, or a parent line followed by its children. */
    private void addLines(List<OrderItem> items, Sequences sequences, Product product, double qty, boolean invoiced) {
        double invoicedQty = invoiced ? qty : 0;
        if (product.bundle() != null) {
            addBundle(items, sequences, product, qty, invoiced);
            return;
        }
        Product parent = catalog.configurableParentOf(product.id()).orElse(null);
        if (parent != null) {
            long parentItemId = sequences.nextItemId();
            items.add(new OrderItem(parentItemId, 0, parent.id(), "configurable", product.sku(), parent.name(), qty, 0,
                    invoicedQty, 0, 0, product.price(), product.price(), Money.round(product.price() * qty),
                    product.weight(), false, false));
            items.add(new OrderItem(sequences.nextItemId(), parentItemId, product.id(), "simple", product.sku(),
                    product.name(), qty, 0, invoicedQty, 0, 0, 0, 0, 0, product.weight(), false, false));
            return;
        }
        if (!product.qtyDecimal() && qty != Math.rint(qty)) {
            throw new IllegalArgumentException("product " + product.sku() + " takes whole quantities: " + qty);
        }
        items.add(new OrderItem(sequences.nextItemId(), 0, product.id(), product.typeId(), product.sku(), product.name(),
                qty, 0, invoicedQty, 0, 0, product.price(), product.price(), Money.round(product.price() * qty),
                product.weight(), product.isVirtual(), product.qtyDecimal()));
    }

    private void addBundle(List<OrderItem> items, Sequences sequences, Product bundle, double qty, boolean invoiced) {
        Product.Bundle settings = bundle.bundle();
        StringBuilder sku = new StringBuilder(bundle.sku());
        double dynamicPrice = 0;
        double weight = 0;
        List<Product> children = new ArrayList<>();
        for (Product.Selection selection : settings.selections()) {
            Product child = catalog.byId(selection.productId()).orElseThrow();
            children.add(child);
            sku.append('-').append(child.sku());
            dynamicPrice += child.price() * selection.qty();
            weight += child.weight() * selection.qty();
        }
        double price = Money.round(settings.fixedPrice() ? bundle.price() : dynamicPrice);
        long parentItemId = sequences.nextItemId();
        items.add(new OrderItem(parentItemId, 0, bundle.id(), "bundle",
                settings.fixedSku() ? bundle.sku() : sku.toString(), bundle.name(), qty, 0, invoiced ? qty : 0, 0, 0,
                price, price, Money.round(price * qty), weight, false, false));
        for (int i = 0; i < children.size(); i++) {
            Product child = children.get(i);
            double childQty = settings.selections().get(i).qty() * qty;
            double childPrice = settings.fixedPrice() ? 0 : child.price();
            items.add(new OrderItem(sequences.nextItemId(), parentItemId, child.id(), "simple", child.sku(),
                    child.name(), childQty, 0, invoiced ? childQty : 0, 0, 0, childPrice, childPrice,
                    Money.round(childPrice * childQty), child.weight(), false, false));
        }
    }

    private Customer customer(boolean guest, long entityId) {
        if (guest) {
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            return new Customer(null, email(first, last, "guest" + entityId, "example.net"), first, last, 0);
        }
        long customerId = 1 + random.nextInt(5000);
        String first = FIRST_NAMES[(int) (customerId * 7 % FIRST_NAMES.length)];
        String last = LAST_NAMES[(int) (customerId * 13 % LAST_NAMES.length)];
        return new Customer(customerId, email(first, last, Long.toString(customerId), "example.com"), first, last, 1);
    }

    private static String email(String first, String last, String suffix, String domain) {
        return (ascii(first) + "." + ascii(last) + "+" + suffix + "@" + domain).toLowerCase(Locale.ROOT);
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }

    private Address randomAddress(StoreView store, Customer customer) {
        Address[] pool = ADDRESSES[Math.max(store.id(), 1) - 1];
        Address template = pool[random.nextInt(pool.length)];
        String company = random.nextInt(5) == 0 ? customer.lastname() + " GmbH & Co." : null;
        return new Address(customer.firstname(), customer.lastname(), company, template.street(), template.city(),
                template.region(), template.regionCode(), template.regionId(), template.postcode(), template.countryId(),
                TELEPHONES[random.nextInt(TELEPHONES.length)]);
    }

    private static Address address(String country, List<String> street, String city, String region, String regionCode,
                                   int regionId, String postcode) {
        return new Address("-", "-", null, street, city, region, regionCode, regionId, postcode, country, "-");
    }

    private int pick(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
