/**
 * A stateful stand-in for a WooCommerce store's REST API v3, served by the sandbox module's HTTP server.
 * Start with {@link io.storelink.sandbox.woo.WooSandbox#builder()}; what it serves: docs/woocommerce-rest-api.md §8.
 */
package io.storelink.sandbox.woo;
