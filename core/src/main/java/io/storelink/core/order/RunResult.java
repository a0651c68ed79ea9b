package io.storelink.core.order;

import io.storelink.core.storage.StoredEnum;

/** How an import run ended, or that it runs. The database accepts these values only. */
public enum RunResult implements StoredEnum {
    /** A process is importing, under a lease. */
    RUNNING,
    /** Every batch was stored. */
    SUCCEEDED,
    /** The run stopped on an error, kept with it. */
    FAILED,
    /** The host stopped the run (interrupted); the next run goes on from the last stored batch. */
    CANCELLED,
    /** The process running it stopped (killed, crashed) before it finished. */
    INTERRUPTED;

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored value @return the result @throws IllegalStateException if it is none */
    static RunResult stored(String value) {
        return StoredEnum.stored(RunResult.class, value);
    }
}
