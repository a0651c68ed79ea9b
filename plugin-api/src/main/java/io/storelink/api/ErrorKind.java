package io.storelink.api;

/**
 * Why a call into a plugin failed. The host maps kinds to exit codes and to the remedy it shows.
 *
 * @since 1.0.0
 */
public enum ErrorKind {
    /** The connection's values are wrong or incomplete: the user must change them. */
    CONFIGURATION,
    /** The store refused the credentials, or they lack a permission. */
    AUTHENTICATION,
    /** The store does not know the thing asked for (an order, a store view, a route). */
    NOT_FOUND,
    /** The store could not be reached or answered with a server error; trying later may work. */
    REMOTE_UNAVAILABLE,
    /** The store understood the request and refused it (validation, state). */
    REMOTE_REJECTED,
    /** The platform does not offer this operation. */
    NOT_SUPPORTED,
    /** The plugin itself failed: a bug, a broken archive, an answer that breaks the host's contract, or a call
     * that outran the host's time limit. */
    PLUGIN_FAILURE,
    /**
     * The host interrupted or cancelled the call (a run being stopped, the process shutting down). Not the store's
     * fault and never retried; a plugin that sees its thread interrupted throws this kind.
     *
     * @since 1.1.0
     */
    CANCELLED;

    /**
     * @return whether the same call may succeed later without any change, so the host tries it again with backoff:
     *         only {@link #REMOTE_UNAVAILABLE}
     * @since 1.1.0
     */
    public boolean isRetriable() {
        return this == REMOTE_UNAVAILABLE;
    }
}
