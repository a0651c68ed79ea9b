package io.storelink.core.order;

import java.io.IOException;

/**
 * An export stopped partway: a write failed (a closed pipe, a full disk) or a stored order could not be read. Says
 * how many of how many orders were written before, and why.
 */
public final class ExportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long written;
    private final long total;

    ExportException(long written, long total, Throwable cause) {
        super("failed after " + written + " of " + total + " orders: " + reason(cause), cause);
        this.written = written;
        this.total = total;
    }

    private static String reason(Throwable cause) {
        Throwable reason = cause instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : cause;
        return reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
    }

    /** @return how many whole orders were handed to the output before it stopped */
    public long written() {
        return written;
    }

    /** @return how many orders the export was to write */
    public long total() {
        return total;
    }
}
