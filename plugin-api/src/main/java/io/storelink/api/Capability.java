package io.storelink.api;

/**
 * What a platform's connector can do. The host offers only the commands a platform declares.
 *
 * @since 1.0.0
 */
public enum Capability {
    /** {@link StoreConnector#check()} runs diagnostic steps against the store. */
    TEST_CONNECTION,
    /** The connector imports orders that are ready to ship. */
    IMPORT_ORDERS,
    /** The connector sends shipments with tracking numbers back to the store. */
    SHIP_NOTIFICATIONS
}
