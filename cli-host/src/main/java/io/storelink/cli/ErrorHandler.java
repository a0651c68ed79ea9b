package io.storelink.cli;

import io.storelink.api.ConnectorException;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes in one place and prints them without a stack trace unless {@code --verbose} is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final Terminal terminal;
    private final GlobalOptions options;

    ErrorHandler(Terminal terminal, GlobalOptions options) {
        this.terminal = terminal;
        this.options = options;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        Throwable failure = unwrap(exception);
        if (failure instanceof ValidationException validation) {
            for (FieldError error : validation.errors()) {
                terminal.err().println("error: " + error.key() + ": " + error.message());
            }
        } else {
            terminal.err().println("error: " + message(failure));
            // The real failure comes first; what went wrong while cleaning up after it follows.
            for (Throwable suppressed : failure.getSuppressed()) {
                terminal.err().println("  also: " + message(suppressed));
            }
        }
        if (options.verbose()) {
            failure.printStackTrace(terminal.err());
        }
        terminal.err().flush();
        return getExitCode(failure);
    }

    @Override
    public int getExitCode(Throwable exception) {
        Throwable failure = unwrap(exception);
        if (failure instanceof ValidationException || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILURE;
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable failure = exception;
        while ((failure instanceof com.google.inject.ProvisionException
                || failure instanceof CommandLine.ExecutionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private static String message(Throwable failure) {
        if (failure instanceof ConnectorException || failure.getMessage() != null && !failure.getMessage().isBlank()) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName();
    }
}
