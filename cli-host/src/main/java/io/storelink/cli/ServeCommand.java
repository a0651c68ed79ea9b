package io.storelink.cli;

import com.google.inject.Injector;
import io.storelink.core.config.HostConfig;
import io.storelink.server.JsonLogFormatter;
import io.storelink.server.ServerConfig;
import io.storelink.server.ServerModule;
import io.storelink.server.StorelinkServer;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.SimpleFormatter;

/**
 * {@code storelink serve}: the HTTP API in the foreground, for systemd. Logs go to standard output; SIGTERM stops
 * taking requests, lets the ones in flight and the running imports finish, and exits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP API (JSON, documented at /api/openapi.json) in the foreground until SIGTERM.",
            "Every /api call needs the bearer token in the token file (made on first start; see 'serve token rotate')."},
        subcommands = {ServeCommand.Token.class})
final class ServeCommand implements Callable<Integer> {

    /** How log lines look on standard output. */
    enum LogFormat { text, json }

    private final Injector injector;
    private final Provider<HostConfig> host;
    private final GlobalOptions options;
    private final Terminal terminal;

    @Option(names = "--port", paramLabel = "<port>", description = "TCP port. Default: 8457 (storelink.server.port).")
    Integer port;

    @Option(names = "--bind", paramLabel = "<address>",
            description = "Address to listen on. Default: 127.0.0.1 (storelink.server.bind); another only when given.")
    String bind;

    @Option(names = "--log-format", paramLabel = "<format>", defaultValue = "text",
            description = "text or json (one JSON object per line). Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    @Inject
    ServeCommand(Injector injector, Provider<HostConfig> host, GlobalOptions options, Terminal terminal) {
        this.injector = injector;
        this.host = host;
        this.options = options;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        CliModule.logToStandardOutput(logFormat == LogFormat.json ? new JsonLogFormatter() : new SimpleFormatter());
        HostConfig hostConfig = host.get();
        hostConfig.ensureHome();
        ServerConfig config = ServerConfig.load(hostConfig, overrides());
        StorelinkServer server = injector.createChildInjector(new ServerModule(config))
                .getInstance(StorelinkServer.class);
        // SCHEDULER (issue 13): start io.storelink.core.schedule's scheduler here, and stop it in the hook below
        // before the server drains.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                // java.util.logging's own hook may have removed the handler by now.
                CliModule.keepLoggingToStandardOutput();
                server.close();
                CliModule.keepLoggingToStandardOutput();
                org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info("Storelink API stopped");
            } finally {
                stopped.countDown();
            }
        }, "storelink-serve-shutdown");
        server.start();
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ErrorHandler.OK;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(options.overrides());
        if (port != null) {
            overrides.put(ServerConfig.PORT, port.toString());
        }
        if (bind != null) {
            overrides.put(ServerConfig.BIND, bind);
        }
        return overrides;
    }

    /** {@code storelink serve token}. */
    @Command(name = "token", mixinStandardHelpOptions = true, description = "Manage the API's bearer token.",
            subcommands = {Rotate.class})
    static final class Token {
    }

    /** {@code storelink serve token rotate}: a new token; the old one stops working when the server restarts. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Write a new API token to the token file and print it.",
                "A running server keeps accepting the old token until it is restarted."})
    static final class Rotate implements Callable<Integer> {

        private final Provider<HostConfig> host;
        private final GlobalOptions options;
        private final Terminal terminal;

        @Inject
        Rotate(Provider<HostConfig> host, GlobalOptions options, Terminal terminal) {
            this.host = host;
            this.options = options;
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            HostConfig hostConfig = host.get();
            hostConfig.ensureHome();
            ServerConfig config = ServerConfig.load(hostConfig, options.overrides());
            String token = io.storelink.server.ApiToken.rotate(config.tokenFile());
            terminal.out().println(token);
            terminal.err().println("New API token written to " + config.tokenFile()
                    + "; restart storelink serve to use it.");
            terminal.out().flush();
            terminal.err().flush();
            return ErrorHandler.OK;
        }
    }
}
