package io.storelink.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where the CLI reads answers and writes output. On a real terminal, secrets are read without echo; otherwise
 * (a pipe, a test) answers are read line by line from standard input.
 */
public final class Terminal {

    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Console console;

    /**
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param console the interactive console, or {@code null} when input is not a terminal
     */
    public Terminal(InputStream in, PrintWriter out, PrintWriter err, Console console) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.console = console;
    }

    /** @return a terminal on the process's own streams */
    public static Terminal system() {
        return new Terminal(System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.console());
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** @return whether a person is typing (input and output are a terminal) */
    public boolean interactive() {
        return console != null;
    }

    /**
     * @param prompt what to ask
     * @return the answer without its line end, or {@code null} at end of input
     */
    public String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        if (console != null) {
            return console.readLine();
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a secret. On a terminal nothing is echoed; from a pipe the line is read as is (there is no echo).
     *
     * @param prompt what to ask
     * @return the answer, or {@code null} at end of input
     */
    public String readSecret(String prompt) {
        if (console != null) {
            out.print(prompt);
            out.flush();
            char[] answer = console.readPassword();
            return answer == null ? null : new String(answer);
        }
        String answer = readLine(prompt);
        out.println();
        return answer;
    }
}
