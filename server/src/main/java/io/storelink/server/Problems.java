package io.storelink.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.idempotency.IdempotencyKeys;
import io.storelink.core.order.ExportException;
import io.storelink.core.order.ImportBusyException;
import io.storelink.core.storage.LeaseLostException;
import io.storelink.core.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Every error the API answers, as one problem document (RFC 9457, {@code application/problem+json}):
 * {@code type} ({@code urn:storelink:problem:<code>}), {@code title}, {@code status}, {@code detail}, {@code code}
 * (the CLI's words: {@code VALIDATION}, {@code USAGE}, core's {@link ErrorKind} names ...), {@code exitCode} (what
 * the same failure exits with in the CLI: 2 for input, 1 for the rest) and {@code errors} (field key and message).
 */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:storelink:problem:";

    static final String USAGE = "USAGE";
    static final String VALIDATION = "VALIDATION";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String UNAUTHORIZED = "UNAUTHORIZED";
    static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** A request attribute: the refused body was read to its end, so the connection may carry another request. */
    static final String BODY_DRAINED = "storelink.body-drained";
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    static final String BUSY = "BUSY";
    static final String STORAGE = "STORAGE";
    static final String LEASE_LOST = "LEASE_LOST";
    static final String INTERNAL = "INTERNAL";

    private Problems() {
    }

    /** What a failure is answered with. */
    record Problem(int status, String code, String detail, List<FieldError> errors) {
    }

    static Problem of(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return new Problem(problem.status(), problem.code(), problem.getMessage(), problem.errors());
        }
        if (failure instanceof ValidationException validation) {
            return validation.isNotFound()
                    ? new Problem(404, NOT_FOUND, "Not found; nothing was changed", validation.errors())
                    : new Problem(422, VALIDATION, "The input was refused; nothing was changed", validation.errors());
        }
        if (failure instanceof ConnectorException connector) {
            return new Problem(status(connector.kind()), connector.kind().name(), connector.getMessage(), List.of());
        }
        if (failure instanceof ImportBusyException busy) {
            return new Problem(409, BUSY, busy.getMessage(), List.of());
        }
        if (failure instanceof IdempotencyKeys.ReusedException reused) {
            return new Problem(422, IDEMPOTENCY_KEY_REUSED, reused.getMessage(), List.of(reused.error()));
        }
        if (failure instanceof IdempotencyKeys.InProgressException running) {
            return new Problem(409, BUSY, running.getMessage(), List.of());
        }
        if (failure instanceof ExportException export) {
            return new Problem(500, STORAGE, export.getMessage(), List.of());
        }
        if (failure instanceof LeaseLostException lost) {
            // Another host took the work over while this one was paused: nothing of this request was kept, and the
            // same request with the same Idempotency-Key, to any host, is answered from what that host did.
            return new Problem(503, LEASE_LOST, lost.getMessage() + ". Nothing of this request was kept; send it "
                    + "again with the same Idempotency-Key, to any host", List.of());
        }
        if (failure instanceof StorageException storage) {
            return new Problem(503, STORAGE, storage.getMessage(), List.of());
        }
        if (failure instanceof HttpResponseException http) {
            return switch (http.getStatus()) {
                case 404 -> new Problem(404, NOT_FOUND, "No such endpoint; see /api/openapi.json", List.of());
                case 405 -> new Problem(405, METHOD_NOT_ALLOWED, "This endpoint does not take that method", List.of());
                case 413 -> new Problem(413, PAYLOAD_TOO_LARGE, "The request body is too large", List.of());
                default -> new Problem(http.getStatus(), http.getStatus() < 500 ? USAGE : INTERNAL,
                        http.getMessage(), List.of());
            };
        }
        LOG.error("Unexpected failure answering a request", failure);
        return new Problem(500, INTERNAL, "An unexpected error occurred; the server's log has the details",
                List.of());
    }

    /** How a plugin's failure kind is answered: the store's problems as a gateway's, the user's as input. */
    static int status(ErrorKind kind) {
        return switch (kind) {
            case CONFIGURATION -> 422;
            case AUTHENTICATION, REMOTE_REJECTED, PLUGIN_FAILURE -> 502;
            case NOT_FOUND -> 404;
            case REMOTE_UNAVAILABLE, CANCELLED -> 503;
            case NOT_SUPPORTED -> 409;
        };
    }

    /** @return what the CLI exits with for the same failure: 2 for input the user must change, 1 for the rest */
    static int exitCode(String code) {
        return switch (code) {
            case USAGE, VALIDATION, NOT_FOUND, UNAUTHORIZED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                 METHOD_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED -> 2;
            default -> 1;
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    static ObjectNode document(Problem problem, String instance) {
        ObjectNode node = Views.JSON.createObjectNode()
                .put("type", TYPE_PREFIX + problem.code().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", title(problem.status()))
                .put("status", problem.status())
                .put("detail", problem.detail() == null ? title(problem.status()) : problem.detail())
                .put("code", problem.code())
                .put("exitCode", exitCode(problem.code()));
        if (instance != null) {
            node.put("instance", instance);
        }
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            problem.errors().forEach(error -> errors.addObject().put("key", error.key()).put("message", error.message()));
        }
        return node;
    }

    static void write(Context ctx, Throwable failure) {
        Problem problem = of(failure);
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"storelink\"");
        }
        if (problem.code().equals(LEASE_LOST)) {
            ctx.header("Retry-After", "1");
        }
        if (problem.status() == 413 && ctx.attribute(BODY_DRAINED) == null) {
            // The body was refused unread, so the connection cannot carry another request: say so, or a client
            // that pools connections sends its next request into one the server is closing.
            ctx.header("Connection", "close");
        }
        ctx.status(problem.status());
        ctx.contentType(CONTENT_TYPE);
        ctx.result(Views.bytes(document(problem, ctx.path())));
    }
}
