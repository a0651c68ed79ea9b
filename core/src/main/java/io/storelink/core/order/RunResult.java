package io.storelink.core.order;

import java.util.Arrays;
import java.util.Locale;

/** How an import run ended, or that it runs. The database accepts these values only. */
public enum RunResult {
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

    /** @return the value as stored and shown, for example {@code succeeded} */
    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    /** @param value a stored value @return the result @throws IllegalStateException if it is none */
    static RunResult stored(String value) {
        return Arrays.stream(values()).filter(result -> result.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("import run result '" + value + "' is unknown"));
    }
}
