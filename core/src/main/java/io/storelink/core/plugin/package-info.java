/** Loads platform plugins from a directory with PF4J, isolates their class loaders and calls into them. */
package io.storelink.core.plugin;
