/** The "Review Order Status" view: per connection, the last import, orders by state and what went wrong. */
package io.storelink.core.status;
