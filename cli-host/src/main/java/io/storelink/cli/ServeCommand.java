package io.storelink.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.storage.ClockCheck;
import io.storelink.server.JsonLogFormatter;
import io.storelink.server.ServerConfig;
import io.storelink.server.ServerModule;
import io.storelink.server.StorelinkServer;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.SimpleFormatter;

/**
 * {@code storelink serve}: the scheduler and the HTTP API in the foreground, for systemd. Logs go to standard
 * output. SIGTERM (or SIGINT) stops the scheduler first (no new runs; running imports and notifications commit
 * within {@code storelink.schedule.stop-drain}), then the server (requests in flight finish within
 * {@code storelink.server.drain-timeout}), and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP API (JSON, documented at /api/openapi.json) in the foreground until SIGTERM.",
            "Every /api call needs the bearer token in the token file (made on first start; see 'serve token rotate')."},
        subcommands = {ServeCommand.Token.class})
final class ServeCommand implements Callable<Integer> {

    /** How log lines look on standard output. */
    enum LogFormat { text, json }

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

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
    ServeCommand(Provider<HostConfig> host, GlobalOptions options, Terminal terminal) {
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
        // The process's own injector: core's services with the metrics in a registry /metrics serves.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(),
                new UptimeMetrics()).forEach(binder -> binder.bindTo(registry));
        Injector serving = Guice.createInjector(new CoreModule(registry),
                binder -> binder.bind(HostConfig.class).toInstance(hostConfig), new ServerModule(config));
        // A host with a key that cannot read the stored secrets (another host's database) stops here, saying why.
        serving.getInstance(ConnectionService.class).checkKey();
        // So does a host whose clock is too far from the database's to time leases shared with other hosts.
        serving.getInstance(ClockCheck.class).check();
        // And one whose store calls could not fit in its leases, which would send no notification at all.
        serving.getInstance(ShipmentService.class).checkSendsFitInLease();
        SyncScheduler scheduler = serving.getInstance(SyncScheduler.class);
        StorelinkServer server = serving.getInstance(StorelinkServer.class);

        CountDownLatch signalled = new CountDownLatch(1);
        AtomicReference<String> signal = new AtomicReference<>();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), caught -> {
                    signal.compareAndSet(null, "SIG" + caught.getName());
                    signalled.countDown();
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps it (-Xrs) or the platform has none: the shutdown hook below stops the server then.
                LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        Stopper stopper = new Stopper(scheduler, server);
        // Only for an exit other than SIGTERM or SIGINT (SIGHUP, System.exit): the same stop, in a shutdown hook.
        Thread hook = new Thread(() -> {
            // java.util.logging's own hook may have removed the handler by now.
            CliModule.keepLoggingToStandardOutput();
            stopper.stop("JVM shutdown");
        }, "storelink-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        scheduler.start();
        server.start();
        signalled.await();
        stopper.stop(signal.get());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is going down already; the hook finds everything stopped.
        }
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

    /** Stops the scheduler, then the server, once: on a signal in the main thread, or in the shutdown hook. */
    private static final class Stopper {
        private final SyncScheduler scheduler;
        private final StorelinkServer server;
        private boolean stopped;

        Stopper(SyncScheduler scheduler, StorelinkServer server) {
            this.scheduler = scheduler;
            this.server = server;
        }

        synchronized void stop(String why) {
            if (stopped) {
                return;
            }
            stopped = true;
            LOG.info("Storelink stopping ({}): the scheduler first, then the API", why);
            boolean drained = scheduler.stop(scheduler.settings().stopDrain());
            server.close();
            CliModule.keepLoggingToStandardOutput();
            LOG.info("Storelink API stopped{}", drained ? ""
                    : " (some imports or notifications were interrupted; they go on at the next start)");
        }
    }

    /** {@code storelink serve token}. */
    @Command(name = "token", mixinStandardHelpOptions = true, description = "Manage the API's bearer token.",
            subcommands = {Rotate.class})
    static final class Token {
    }

    /** {@code storelink serve token rotate}: a new token; a running server takes it at its next request. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Write a new API token to the token file and print it.",
                "A running server takes it at its next request; the old token stops working then."})
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
                    + "; a running storelink serve takes it at its next request, no restart needed.");
            terminal.out().flush();
            terminal.err().flush();
            return ErrorHandler.OK;
        }
    }
}
