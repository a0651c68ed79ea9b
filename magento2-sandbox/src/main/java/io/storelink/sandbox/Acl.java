package io.storelink.sandbox;

import java.util.Set;

/**
 * Magento ACL resource ids that guard the sandbox's routes (Magento 2.4 {@code webapi.xml}).
 * A token granted {@link #ADMIN} ("All" in the integration's resource access) may call every route.
 */
public final class Acl {
    /** Read orders: {@code GET /V1/orders}, {@code GET /V1/orders/{id}}. */
    public static final String ORDERS_VIEW = "Magento_Sales::actions_view";
    /** {@code POST /V1/order/{id}/ship}. */
    public static final String SHIP = "Magento_Sales::ship";
    /** {@code /V1/shipment*} and {@code GET /V1/shipments}. */
    public static final String SHIPMENT = "Magento_Sales::shipment";
    /** {@code GET /V1/store/*}. */
    public static final String STORE = "Magento_Backend::store";
    /** {@code GET /V1/products*}. */
    public static final String PRODUCTS = "Magento_Catalog::products";
    /** The root resource: grants everything. */
    public static final String ADMIN = "Magento_Backend::all";

    /** Every resource, as an integration with "Resource Access: All". */
    public static final Set<String> ALL = Set.of(ADMIN);
    /** What an order import with compact ship notifications needs. */
    public static final Set<String> IMPORT_AND_SHIP = Set.of(ORDERS_VIEW, SHIP);

    private Acl() {}

    static boolean allows(Set<String> granted, String resource) {
        return granted.contains(ADMIN) || granted.contains(resource);
    }
}
