package io.storelink.sandbox;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A store view of the sandbox store. Id 0 is the admin store, which is not a valid store code in REST URLs. */
public record StoreView(int id, String code, String name, String locale, String timezone, String displayCurrency,
                        String countryId) {
    public static final List<StoreView> ALL = List.of(
            new StoreView(0, "admin", "Admin", "en_US", "UTC", "USD", "US"),
            new StoreView(1, "default", "Default Store View", "en_US", "America/Chicago", "USD", "US"),
            new StoreView(2, "de", "German Store View", "de_DE", "Europe/Berlin", "EUR", "DE"),
            new StoreView(3, "fr", "French Store View", "fr_FR", "Europe/Paris", "EUR", "FR"));

    public StoreView {
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
    }

    public static Optional<StoreView> byCode(String code) {
        return ALL.stream().filter(store -> store.code.equals(code)).findFirst();
    }

    public static StoreView byId(int id) {
        return ALL.stream().filter(store -> store.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown store id: " + id));
    }

    /** Magento's {@code store_name} on orders: website, store group and store view names, one per line. */
    public String orderStoreName() {
        return "Main Website\nMain Website Store\n" + name;
    }

    /** Store 1 numbers orders {@code 000000123}; store 2 {@code 200000123}. */
    String incrementId(long sequence) {
        return id <= 1 ? String.format("%09d", sequence) : id + String.format("%08d", sequence);
    }
}
