/** The outbox of ship notifications: stored before they are sent, retried without ever shipping twice. */
package io.storelink.core.shipment;
