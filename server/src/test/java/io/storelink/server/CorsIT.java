package io.storelink.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS: off unless origins are configured, and then only for those origins. */
final class CorsIT {

    private static final String PORTAL = "https://portal.example.com";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    private StorelinkServer start(Path dir, List<String> origins) throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        HostConfig host = new HostConfig(dir, dir.resolve("plugins"), Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)))
                .withDatabase(TestDatabases.settings(dir));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir.resolve("api-token"), 16 * 1024, origins,
                Duration.ofSeconds(2));
        Injector injector = Guice.createInjector(new CoreModule(),
                binder -> binder.bind(HostConfig.class).toInstance(host), new ServerModule(config));
        return injector.getInstance(StorelinkServer.class);
    }

    private HttpResponse<String> preflight(int port, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/connections"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String token, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/connections"))
                .header("Origin", origin).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutConfiguredOriginsNoAnswerAllowsAnotherOrigin() throws Exception {
        StorelinkServer server = start(home.resolve("off"), List.of());
        try {
            int port = server.start();
            String token = Files.readString(home.resolve("off/api-token")).strip();

            assertThat(preflight(port, PORTAL).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            HttpResponse<String> answer = get(port, token, PORTAL);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void aConfiguredOriginIsAllowedAndNoOtherAndTheTokenIsStillNeeded() throws Exception {
        StorelinkServer server = start(home.resolve("on"), List.of(PORTAL));
        try {
            int port = server.start();
            String token = Files.readString(home.resolve("on/api-token")).strip();

            assertThat(preflight(port, PORTAL).headers().firstValue("Access-Control-Allow-Origin")).contains(PORTAL);
            assertThat(preflight(port, "https://evil.example.net").headers()
                    .firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(get(port, token, PORTAL).headers().firstValue("Access-Control-Allow-Origin")).contains(PORTAL);
            assertThat(get(port, "wrong", PORTAL).statusCode()).isEqualTo(401);
        } finally {
            server.close();
        }
    }
}
