/** The host's metrics ({@code storelink_*}), recorded by the services on a Micrometer registry the application picks. */
package io.storelink.core.metrics;
