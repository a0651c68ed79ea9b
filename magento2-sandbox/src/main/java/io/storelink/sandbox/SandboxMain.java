package io.storelink.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sandbox standalone:
 * {@code java -cp <jars> io.storelink.sandbox.SandboxMain --port 8080 --orders 50 --seed 42 --token demo-token
 * --latency-ms 0 [--bearer-disabled] [--no-stdin]}.
 * Prints one line with the base URL when ready, then runs until killed or until stdin is closed
 * ({@code --no-stdin}: until killed only).
 */
public final class SandboxMain {
    private static final String USAGE = "usage: SandboxMain [--port N] [--orders N] [--seed N] [--token T]... "
            + "[--latency-ms N] [--bearer-disabled] [--no-stdin]";

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        MagentoSandbox sandbox;
        boolean watchStdin = true;
        try {
            Options options = Options.parse(args);
            watchStdin = options.watchStdin;
            sandbox = options.builder.build().start();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "magento-sandbox-shutdown"));
        PrintStream out = System.out;
        out.println("Magento 2 sandbox listening on " + sandbox.baseUrl());
        out.flush();
        if (watchStdin) {
            drain(System.in);
            System.err.println("stdin closed, stopping the sandbox (use --no-stdin to keep it running)");
            sandbox.close();
            return;
        }
        Thread.currentThread().join();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // wait for end of input
            }
        } catch (IOException ignored) {
            // a broken stdin counts as closed
        }
    }

    private static final class Options {
        private final MagentoSandbox.Builder builder = MagentoSandbox.builder();
        private boolean watchStdin = true;

        static Options parse(String[] args) {
            Options options = new Options();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> options.builder.port(number(args, ++i, arg));
                    case "--orders" -> options.builder.orderCount(number(args, ++i, arg));
                    case "--seed" -> options.builder.seed(Long.parseLong(value(args, ++i, arg)));
                    case "--token" -> tokens.add(value(args, ++i, arg));
                    case "--latency-ms" -> options.builder.latency(Duration.ofMillis(number(args, ++i, arg)));
                    case "--bearer-disabled" -> options.builder.bearerDisabled(true);
                    case "--no-stdin" -> options.watchStdin = false;
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (tokens.isEmpty()) {
                tokens.add("demo-token");
            }
            tokens.forEach(token -> options.builder.token(token, Acl.ALL));
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int number(String[] args, int index, String option) {
            try {
                return Integer.parseInt(value(args, index, option));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number: " + args[index]);
            }
        }
    }
}
