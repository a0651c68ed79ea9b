package io.storelink.api;

/**
 * What an order line is, for a warehouse. Only {@link #ITEM} and {@link #BUNDLE_COMPONENT} lines are picked.
 *
 * @since 1.0.0
 */
public enum LineKind {
    /** A product to pick and ship: a simple product, or a configurable product as its chosen variant. */
    ITEM,
    /** The parent of a bundle, listed for reference; its components are what is picked. */
    BUNDLE_PARENT,
    /** A product inside a bundle; {@link OrderLine#parentLineId()} names the bundle parent line. */
    BUNDLE_COMPONENT,
    /** A virtual product (a service, a warranty): nothing to ship. */
    VIRTUAL,
    /** A downloadable product: nothing to ship. */
    DOWNLOADABLE;

    /** @return whether lines of this kind are picked and shipped */
    public boolean isShippable() {
        return this == ITEM || this == BUNDLE_COMPONENT;
    }
}
