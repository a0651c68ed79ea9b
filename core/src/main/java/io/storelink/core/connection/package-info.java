/** Connections to stores: stored in the database, secrets encrypted at rest or kept as references. */
package io.storelink.core.connection;
