/** The WooCommerce platform plugin: REST API v3 order import and ship notifications. */
package io.storelink.woocommerce;
