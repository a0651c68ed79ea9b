/**
 * A stateful stand-in for a Magento 2 store's REST API, for tests, the demo and the benchmarks.
 * Start with {@link io.storelink.sandbox.MagentoSandbox#builder()}.
 */
package io.storelink.sandbox;
