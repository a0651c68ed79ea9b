package io.storelink.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HTTP client over loopback (java.net.http) that checks every answer against the OpenAPI document and keeps
 * every body it received, so a test can look for a secret in all of them.
 */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final Contract contract;
    final List<String> bodies = new ArrayList<>();

    ApiClient(int port, String token, Contract contract) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
        this.contract = contract;
    }

    public record Response(int status, String contentType, String text, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Contract.JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** A request as built by the test: method, the path with its values, the documented template, a body. */
    public final class Call {
        private final String method;
        private final String template;
        private final String path;
        private byte[] body;
        private String contentType = "application/json";
        private String authorization = "Bearer " + token;
        private final List<String[]> headers = new ArrayList<>();

        Call(String method, String template, String path) {
            this.method = method;
            this.template = template;
            this.path = path;
        }

        public Call json(String json) {
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Call body(byte[] bytes, String type) {
            this.body = bytes;
            this.contentType = type;
            return this;
        }

        public Call authorization(String value) {
            this.authorization = value;
            return this;
        }

        public Call header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method.toUpperCase(java.util.Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(header -> request.header(header[0], header[1]));
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Response response = new Response(answer.statusCode(),
                        answer.headers().firstValue("Content-Type").orElse(""), answer.body(), answer.headers());
                bodies.add(answer.body());
                if (template != null) {
                    contract.check(template, method, response);
                }
                return response;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @param method lower case
     * @param template the documented path, or {@code null} for an undocumented one
     * @param path the path with values and query
     */
    public Call call(String method, String template, String path) {
        return new Call(method, template, path);
    }

    public Response get(String template, String path) {
        return call("get", template, path).send();
    }
}
