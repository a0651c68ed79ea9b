package io.storelink.core.order;

/** An import was asked for while another live process is importing the same connection. */
public final class ImportBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ImportBusyException(String message) {
        super(message);
    }
}
