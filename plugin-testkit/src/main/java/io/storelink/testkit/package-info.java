/**
 * The plugin test kit: conformance checks a plugin author runs, as JUnit 5 tests, on the built plugin archive
 * loaded into a real embedded host (its own SQLite home, the host's class loaders and services). Extend
 * {@link io.storelink.testkit.PluginConformanceTest} and give it the archive and a {@link
 * io.storelink.testkit.StandInStore}.
 */
package io.storelink.testkit;
