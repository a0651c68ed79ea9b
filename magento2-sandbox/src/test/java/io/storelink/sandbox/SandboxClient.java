package io.storelink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A java.net.http client for the contract tests: real HTTP over loopback with a bearer token. */
final class SandboxClient {
    static final String TOKEN = "test-token";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final MagentoSandbox sandbox;
    private final String token;

    SandboxClient(MagentoSandbox sandbox) {
        this(sandbox, TOKEN);
    }

    SandboxClient(MagentoSandbox sandbox, String token) {
        this.sandbox = sandbox;
        this.token = token;
    }

    SandboxClient withToken(String otherToken) {
        return new SandboxClient(sandbox, otherToken);
    }

    /** A path and query with {@code [} and {@code ]} encoded, as clients must send them. */
    static String encodeBrackets(String pathAndQuery) {
        return pathAndQuery.replace("[", "%5B").replace("]", "%5D").replace(" ", "%20");
    }

    Reply get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    Reply post(String pathAndQuery, String json) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException,
            InterruptedException {
        return client.send(request, body);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + encodeBrackets(pathAndQuery)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
