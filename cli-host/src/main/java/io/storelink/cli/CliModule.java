package io.storelink.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.config.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Composes the core modules with the CLI's terminal and options. */
final class CliModule extends AbstractModule {

    private static boolean logConfigured;

    private final Terminal terminal;
    private final GlobalOptions options;

    CliModule(Terminal terminal, GlobalOptions options) {
        this.terminal = terminal;
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(Terminal.class).toInstance(terminal);
        bind(GlobalOptions.class).toInstance(options);
        install(new CoreModule());
    }

    /** Read on first use, after the command line was parsed, so {@code --home} and {@code --plugins-dir} apply. */
    @Provides
    @Singleton
    HostConfig hostConfig() {
        HostConfig config = HostConfig.load(options.overrides());
        configureLogFile(config.ensureHome());
        return config;
    }

    /**
     * Sends every log line to standard output instead of the log file, for {@code storelink serve} (systemd's
     * journal keeps it). Call before the host's settings are first read.
     *
     * @param formatter how a line looks
     */
    static synchronized void logToStandardOutput(java.util.logging.Formatter formatter) {
        LogManager.getLogManager().reset();
        standardOutput = new java.util.logging.StreamHandler(System.out, formatter) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }

            /** Standard output stays open: java.util.logging's own shutdown hook closes handlers. */
            @Override
            public synchronized void close() {
                flush();
            }
        };
        standardOutput.setLevel(Level.INFO);
        ServeLogManager.keepHandlersOnShutdown();
        keepLoggingToStandardOutput();
        logConfigured = true;
    }

    private static java.util.logging.Handler standardOutput;

    /**
     * Puts the standard-output handler back on the root logger if java.util.logging's shutdown hook took it away,
     * so what a shutdown hook logs while draining is still seen.
     */
    static synchronized void keepLoggingToStandardOutput() {
        Logger root = Logger.getLogger("");
        if (standardOutput != null && !java.util.Arrays.asList(root.getHandlers()).contains(standardOutput)) {
            root.setLevel(Level.INFO);
            root.addHandler(standardOutput);
        }
    }

    /**
     * Logs go to {@code <home>/logs/storelink.0.log}, appended to and rotated at 10 MB to {@code .1} ... {@code .4},
     * never to the terminal.
     * Set once per process, before the first logger exists; slf4j goes through java.util.logging.
     */
    private static synchronized void configureLogFile(Path home) {
        if (logConfigured) {
            return;
        }
        try {
            Path logs = OwnerOnly.directory(home.resolve("logs"));
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s - %5$s%6$s%n");
            LogManager.getLogManager().reset();
            FileHandler file = new FileHandler(logs.resolve("storelink.%g.log").toString(), 10 * 1024 * 1024, 5, true);
            file.setFormatter(new SimpleFormatter());
            file.setEncoding("UTF-8");
            Logger root = Logger.getLogger("");
            root.setLevel(Level.INFO);
            root.addHandler(file);
            // Log lines name customers' orders: owner-only, like the directory they are in.
            try (java.util.stream.Stream<Path> files = Files.list(logs)) {
                files.forEach(OwnerOnly::ifExists);
            }
            logConfigured = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log file under " + home, e);
        }
    }
}
