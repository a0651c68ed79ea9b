/** The embedded database: one SQLite file under the host's home directory, and its versioned migrations. */
package io.storelink.core.storage;
