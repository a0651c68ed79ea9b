/**
 * The scheduler of a long-running host: imports each connection on its interval, drains the shipment outbox, backs
 * off from connections that keep failing, and stops without losing or duplicating anything.
 */
package io.storelink.core.schedule;
