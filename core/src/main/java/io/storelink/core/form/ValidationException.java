package io.storelink.core.form;

import java.util.List;
import java.util.stream.Collectors;

/** Input was refused; every field error is listed, not just the first. Nothing was written. */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** @return every field error, in field order */
    public List<FieldError> errors() {
        return errors;
    }
}
