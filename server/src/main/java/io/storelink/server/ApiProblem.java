package io.storelink.server;

import io.storelink.core.form.FieldError;

import java.util.List;

/**
 * A refusal the API answers with a problem document (RFC 9457): its HTTP status, its stable code, what went wrong
 * and, for input, every field error by key.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<FieldError> errors;

    public ApiProblem(int status, String code, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** @return a 400 naming every field of the request that is malformed: wrong type, unknown, missing */
    static ApiProblem usage(List<FieldError> errors) {
        return new ApiProblem(400, Problems.USAGE, "The request is malformed; nothing was changed", errors);
    }

    static ApiProblem usage(String key, String message) {
        return usage(List.of(new FieldError(key, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
