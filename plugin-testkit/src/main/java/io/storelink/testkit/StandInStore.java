package io.storelink.testkit;

import java.util.Map;

/**
 * The plugin author's stand-in for a real store (a sandbox, a fake server over loopback), as the conformance checks
 * drive it. The kit knows no platform: everything it needs from the store goes through these few methods.
 *
 * <p>The store must be running before the first check and must not change its orders while the checks run, apart
 * from what these methods ask for.
 */
public interface StandInStore {

    /**
     * The values of one connection to this store, keyed by the plugin's field keys, as a person would type them in
     * {@code storelink connections add} (secrets as plain text). The import settings must make every order counted
     * by {@link #ordersReadyToShip()} importable at once: no import delay, for example.
     *
     * @return the connection's raw values
     */
    Map<String, String> connectionValues();

    /**
     * How many orders the store holds that a full import with {@link #connectionValues()} must bring in: the
     * orders that are ready to ship. For {@code resumesAfterAStopAfterTheFirstBatch} it must be more than the
     * plugin returns in one batch.
     *
     * @return the number of orders an import must find, each once
     */
    int ordersReadyToShip();

    /**
     * Makes the next {@code requests} requests the plugin sends fail the way a store fails for a passing reason (a
     * 503 or 429 answer, a dropped connection); the requests after them are answered normally. The plugin is expected
     * to report these as retriable, so the host retries.
     *
     * @param requests how many requests in a row fail, at least 1
     */
    void failNextRequests(int requests);

    /**
     * Optional: answers every request from now until {@link #reset()} the way the store answers credentials it
     * refuses (an HTTP 401, for example).
     *
     * @return whether the stand-in can; {@code false} (the default) skips the check that needs it
     */
    default boolean refuseCredentials() {
        return false;
    }

    /**
     * Optional: the store applies the next ship notification request it gets, then loses its answer (closes the
     * connection without one), as a proxy timing out after the store committed does.
     *
     * @return whether the stand-in can; {@code false} (the default) skips the check that needs it
     */
    default boolean loseNextShipAnswer() {
        return false;
    }

    /**
     * Optional, with {@link #loseNextShipAnswer()}: how many shipments the store holds for an order.
     *
     * @param orderNumber the order number people see, as the plugin imported it
     * @return the number of shipments the store created for that order
     */
    default int shipmentsOf(String orderNumber) {
        throw new UnsupportedOperationException("shipmentsOf is needed with loseNextShipAnswer");
    }

    /**
     * Undoes {@link #failNextRequests(int)}, {@link #refuseCredentials()} and {@link #loseNextShipAnswer()}: every
     * request is answered normally again. Called after each check.
     */
    void reset();
}
