package io.storelink.core.storage;

/**
 * A write of a lease holder was refused: another host took the row over after this host's lease expired (it was
 * paused, or cut off from the database, for longer than the lease). Nothing of the refused transaction is kept; the
 * work it belonged to stops.
 */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Leases.Lease lease;

    /**
     * A claim that is not one of {@link Leases}' rows was taken over (an API request's Idempotency-Key).
     *
     * @param message what was taken over and what of this process's work was refused
     */
    public LeaseLostException(String message) {
        this(message, null);
    }

    LeaseLostException(String message, Leases.Lease lease) {
        super(message);
        this.lease = lease;
    }

    /** @return the lease that was lost, or {@code null} for another kind of claim */
    public Leases.Lease lease() {
        return lease;
    }
}
