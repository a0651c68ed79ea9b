package io.storelink.api;

/**
 * The host's limit on how many requests one connector has at the store at once, for a plugin that reads the answer
 * inside the limit and parses it outside: the host can then run more page calls than requests, so the next request
 * goes out while the last page is mapped. The plugin SDK's {@code StoreHttp} enters it around every request.
 *
 * <pre>{@code
 * try (RequestGate.Permit permit = context.requestGate().enter()) {
 *     bytes = send(request);            // the request and its whole body
 * }
 * orders = map(parse(bytes));            // outside the gate
 * }</pre>
 *
 * @since 1.2.0
 */
public interface RequestGate {

    /** A gate that never waits: what a host without a limit, or a test, offers. */
    RequestGate NONE = () -> () -> { };

    /**
     * Waits for a free request slot at the store.
     *
     * @return the slot, to close once the answer's bytes are read
     * @throws ConnectorException of kind {@link ErrorKind#CANCELLED}, with the interrupt flag kept, when the thread is
     *         interrupted while it waits
     */
    Permit enter();

    /** A request slot; closing it twice is harmless. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
