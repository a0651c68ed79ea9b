package io.storelink.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Composes the core modules with the CLI's terminal and options. */
final class CliModule extends AbstractModule {

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

    /** Logs go to a file under the home directory, never to the terminal; set before the first logger exists. */
    private static void configureLogFile(Path home) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return;
        }
        try {
            Path logs = Files.createDirectories(home.resolve("logs"));
            System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("storelink.log").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log directory under " + home, e);
        }
    }
}
