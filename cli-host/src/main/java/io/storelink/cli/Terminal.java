package io.storelink.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the CLI reads answers and writes output. On a real terminal, secrets are read without echo; otherwise
 * (a pipe, a test) answers are read line by line from standard input.
 *
 * <p>Standard output is one stream with two faces: {@link #out()} for text, which like every {@link PrintWriter}
 * swallows write errors (a closed pipe, a full disk) but remembers them for {@link #outputFailure()}, and
 * {@link #stdout()} for output that must not be lost, whose every write throws when it fails.
 */
public final class Terminal {

    private final BufferedReader in;
    private final FailureRecordingStream stdout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Console console;

    /**
     * @param in standard input
     * @param out standard output; text is written to it as UTF-8
     * @param err standard error
     * @param console the interactive console, or {@code null} when input is not a terminal
     */
    public Terminal(InputStream in, OutputStream out, PrintWriter err, Console console) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.stdout = new FailureRecordingStream(out);
        this.out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        this.err = err;
        this.console = console;
    }

    /** @return a terminal on the process's own streams */
    public static Terminal system() {
        // Standard output's file descriptor itself, not System.out, a PrintStream that would swallow write errors.
        return new Terminal(System.in, new FileOutputStream(FileDescriptor.out),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.console());
    }

    /** @return standard output for text; check {@link #outputFailure()} once the command is done */
    public PrintWriter out() {
        return out;
    }

    /**
     * @return standard output as bytes, after the text written so far: every write and flush throws when it fails
     *         (for example {@code Broken pipe} once the reader of a pipe has gone, or {@code No space left on device})
     */
    public OutputStream stdout() {
        out.flush();
        return stdout;
    }

    /**
     * Flushes standard output and tells whether any write to it failed, including text written through
     * {@link #out()}, whose {@link PrintWriter} only keeps a flag.
     *
     * @return the first write error on standard output, if there was one
     */
    public Optional<IOException> outputFailure() {
        out.flush();
        return Optional.ofNullable(stdout.failure);
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

    /** Passes writes through and keeps the first failure, which {@link PrintWriter} would otherwise swallow. */
    private static final class FailureRecordingStream extends FilterOutputStream {

        private volatile IOException failure;

        FailureRecordingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        private IOException recorded(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
