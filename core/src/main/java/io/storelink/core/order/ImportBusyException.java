package io.storelink.core.order;

/** An import was asked for while another run (of this process or another live one) imports the same connection. */
public final class ImportBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which run holds the connection, and what to do */
    public ImportBusyException(String message) {
        super(message);
    }
}
