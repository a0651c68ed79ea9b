package io.storelink.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.schedule.ScheduleSettings;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.core.testing.TestDatabases;

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
 * The server as the integration tests run it: a real {@link StorelinkServer} on a free loopback port, with its
 * scheduler started, a real home and the real plugin archives the build copied for the tests. Its database is the
 * SQLite file in the home, or, in the build's {@code postgresql} run ({@code -Dstorelink.test.database=postgres}), a
 * schema of the home's own in the embedded PostgreSQL ({@link TestDatabases}).
 */
public final class TestServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Injector injector;
    private final StorelinkServer server;
    private final SyncScheduler scheduler;
    private final int port;
    private final String token;

    private TestServer(Path home) throws IOException {
        Path plugins = Path.of(System.getProperty("storelink.it.plugins", "target/it-plugins"));
        HostConfig host = new HostConfig(home, plugins, Duration.ofSeconds(10),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)))
                // A day: no scheduled run fires while the tests run; the ones asked for go through the scheduler.
                .withSchedule(ScheduleSettings.DEFAULTS.withImportInterval(Duration.ofDays(1)))
                .withDatabase(TestDatabases.settings(home));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, home.resolve("api-token"), 16 * 1024, List.of(),
                Duration.ofSeconds(5));
        injector = Guice.createInjector(new CoreModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                binder -> binder.bind(HostConfig.class).toInstance(host), new ServerModule(config));
        server = injector.getInstance(StorelinkServer.class);
        scheduler = injector.getInstance(SyncScheduler.class);
        scheduler.start();
        port = server.start();
        token = Files.readString(home.resolve("api-token")).strip();
    }

    /**
     * @param home the Storelink home (database, token file), usually a JUnit temporary directory
     * @return a started server
     */
    public static TestServer start(Path home) throws IOException {
        return new TestServer(home);
    }

    public Injector injector() {
        return injector;
    }

    public int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** @return the API token the server wrote to its token file */
    public String token() {
        return token;
    }

    /** @return a client that checks every answer against the OpenAPI document */
    public ApiClient client() throws IOException {
        return new ApiClient(port, token, new Contract(StorelinkServer.openApiDocument()));
    }

    /**
     * A plain call to the API with the token, for tests that hand the answer on untouched (to a browser page).
     *
     * @param path the path and query
     * @param body {@code null} for a GET, else POSTed as JSON
     */
    public HttpResponse<String> call(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return whether the scheduler stopped within its drain, then the server is closed */
    public boolean stop() {
        boolean stopped = scheduler.stop(Duration.ofSeconds(10));
        server.close();
        return stopped;
    }

    @Override
    public void close() {
        stop();
    }
}
