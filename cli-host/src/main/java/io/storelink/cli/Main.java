package io.storelink.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import picocli.CommandLine;

/** Entry point of the {@code storelink} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before any logger exists: keeps storelink serve's log lines through a SIGTERM (see ServeLogManager).
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ServeLogManager.class.getName());
        }
        System.exit(run(Terminal.system(), args));
    }

    /**
     * Runs one command.
     *
     * @param terminal where to read and write
     * @param args the arguments
     * @return the exit code: 0 success, 2 usage or validation error, 1 any other failure
     */
    public static int run(Terminal terminal, String... args) {
        int exitCode = createCommandLine(terminal).execute(args);
        // Text lost on the way out (a closed pipe, a full disk) is a failure, not a success with less output.
        if (exitCode == ErrorHandler.OK && terminal.outputFailure().isPresent()) {
            terminal.err().println("error: writing to standard output failed: "
                    + terminal.outputFailure().get().getMessage());
            terminal.err().flush();
            return ErrorHandler.FAILURE;
        }
        return exitCode;
    }

    /**
     * @param terminal where commands read and write
     * @return the command line, wired through Guice; tests call {@code execute} on it
     */
    public static CommandLine createCommandLine(Terminal terminal) {
        GlobalOptions options = new GlobalOptions();
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, new CliModule(terminal, options));
        CommandLine commandLine = new CommandLine(StorelinkCommand.class, new GuiceFactory(injector));
        ErrorHandler errors = new ErrorHandler(terminal, options);
        commandLine.setOut(terminal.out());
        commandLine.setErr(terminal.err());
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(errors);
        return commandLine;
    }
}
