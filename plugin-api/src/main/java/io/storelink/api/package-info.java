/**
 * The Storelink plugin API: the only types a platform plugin and the host share.
 *
 * <p>A plugin implements {@link io.storelink.api.Platform} and declares its forms with {@link io.storelink.api.Form}
 * and {@link io.storelink.api.Field}. Everything here depends on the JDK and {@code org.pf4j.ExtensionPoint} alone,
 * so every type crossing the plugin boundary comes from the host's class loader.
 */
package io.storelink.api;
