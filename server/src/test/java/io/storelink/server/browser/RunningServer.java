package io.storelink.server.browser;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.schedule.ScheduleSettings;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.server.ServerConfig;
import io.storelink.server.ServerModule;
import io.storelink.server.StorelinkServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code storelink serve} for the browser tests: a loopback port, a real SQLite home and the real Magento 2
 * plugin archive, with its scheduler running; and a plain HTTP client that calls its API with its token.
 */
final class RunningServer implements AutoCloseable {

    private final StorelinkServer server;
    private final SyncScheduler scheduler;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    RunningServer(Path home) throws IOException {
        Path plugins = Path.of(System.getProperty("storelink.it.plugins", "target/it-plugins"));
        HostConfig host = new HostConfig(home, plugins, Duration.ofSeconds(10),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)))
                .withSchedule(ScheduleSettings.DEFAULTS.withImportInterval(Duration.ofDays(1)));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, home.resolve("api-token"), 16 * 1024, List.of(),
                Duration.ofSeconds(5));
        Injector injector = Guice.createInjector(new CoreModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                binder -> binder.bind(HostConfig.class).toInstance(host), new ServerModule(config));
        server = injector.getInstance(StorelinkServer.class);
        scheduler = injector.getInstance(SyncScheduler.class);
        scheduler.start();
        base = "http://127.0.0.1:" + server.start();
        token = Files.readString(home.resolve("api-token")).strip();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    String base() {
        return base;
    }

    /** @return the API token */
    String token() {
        return token;
    }

    /** A call to the API with the token; {@code body} null for a GET, else POSTed as JSON. */
    HttpResponse<String> call(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        scheduler.stop(Duration.ofSeconds(10));
        server.close();
    }
}
