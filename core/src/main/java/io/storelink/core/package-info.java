/** The Storelink host: plugins, forms, connections, storage and configuration, wired by {@link io.storelink.core.CoreModule}. */
package io.storelink.core;
