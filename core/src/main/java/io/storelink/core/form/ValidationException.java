package io.storelink.core.form;

import java.util.List;
import java.util.stream.Collectors;

/** Input was refused; every field error is listed, not just the first. Nothing was written. */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;
    private final boolean notFound;

    public ValidationException(List<FieldError> errors) {
        this(errors, false);
    }

    private ValidationException(List<FieldError> errors, boolean notFound) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.notFound = notFound;
    }

    /**
     * Input named something that does not exist (a connection, an order, a shipment): the same refusal, which an
     * HTTP API answers with 404 rather than 422.
     *
     * @param errors every field error
     * @return the exception
     */
    public static ValidationException notFound(List<FieldError> errors) {
        return new ValidationException(errors, true);
    }

    /** @return whether the input named something that does not exist */
    public boolean isNotFound() {
        return notFound;
    }

    /** @return every field error, in field order */
    public List<FieldError> errors() {
        return errors;
    }
}
