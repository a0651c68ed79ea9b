package io.storelink.sandbox;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A hand-picked order for {@link SandboxStore#addOrder(NewOrder)}: which store, guest or registered, whether it is
 * already invoiced (state/status {@code processing}) or not (state {@code new}, status {@code pending}), and its lines.
 * A line names the SKU a shopper picks: a simple, a configurable child (for example {@link Catalog#CONFIGURABLE_CHILD}),
 * a bundle, a virtual or a downloadable product.
 */
public record NewOrder(int storeId, boolean guest, boolean invoiced, List<Line> lines) {
    public NewOrder {
        StoreView.byId(storeId);
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    public static NewOrder of(Line... lines) {
        return new NewOrder(1, false, false, List.of(lines));
    }

    public NewOrder inStore(int newStoreId) {
        return new NewOrder(newStoreId, guest, invoiced, lines);
    }

    public NewOrder asGuest() {
        return new NewOrder(storeId, true, invoiced, lines);
    }

    public NewOrder asInvoiced() {
        return new NewOrder(storeId, guest, true, lines);
    }

    /** One ordered product and its quantity (in bundles for a bundle). */
    public record Line(String sku, double qty) {
        public Line {
            requireNonNull(sku, "sku is null");
            if (qty <= 0) {
                throw new IllegalArgumentException("qty must be positive: " + qty);
            }
        }

        public static Line of(String sku, double qty) {
            return new Line(sku, qty);
        }
    }
}
