package io.storelink.core.order;

import io.storelink.api.OrderBatch;

import java.util.List;

/** Where an import run's batches come from, in the order the run stores them. */
interface Fetcher extends AutoCloseable {

    /**
     * @return the next batch to store, or {@code null} after the last one
     * @throws RuntimeException what fetching failed with; the batches handed out before it are stored
     */
    Fetched next();

    /**
     * @param stored the batch just stored
     * @param done orders found so far in the run, that batch's included
     * @return {@code done} plus what the store says remains, or {@code -1} if unknown, for progress
     */
    long total(OrderBatch stored, long done);

    /** Stops fetching; no fetch thread outlives it. */
    @Override
    void close();

    /** A batch and the canonical JSON of each of its orders, written on a fetch thread so the storer only inserts. */
    record Fetched(OrderBatch batch, List<byte[]> payloads) {
        static Fetched of(OrderBatch batch) {
            return new Fetched(batch, batch.orders().stream().map(OrderJson::writeBytes).toList());
        }
    }
}
