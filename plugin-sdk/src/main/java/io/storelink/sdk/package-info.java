/**
 * The Storelink plugin SDK: what most platform plugins need, bundled in the plugin's archive. {@link
 * io.storelink.sdk.StoreHttp} for HTTP to a store with the host's limits and error kinds, three pagers
 * ({@link io.storelink.sdk.PageNumberPager}, {@link io.storelink.sdk.KeysetPager}, {@link io.storelink.sdk.LinkPager}),
 * {@link io.storelink.sdk.Dates} for lenient dates and {@link io.storelink.sdk.JsonReader} for fields that name
 * themselves when they are wrong.
 */
package io.storelink.sdk;
