/** The order import engine: batches from a connector stored with their cursor, once per order, with run statistics. */
package io.storelink.core.order;
