package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * All of the plugin's HTTP, in one class: the JDK's HttpClient with the host's limits, bearer authentication, JSON
 * through Jackson, and the store's answers mapped to the error kinds the host acts on (a 429 or 5xx and a dropped
 * connection are REMOTE_UNAVAILABLE, which the host retries; 401 and 403 are AUTHENTICATION, which it never
 * retries). Keep it the only class that talks HTTP, so it can be swapped for storelink-plugin-sdk's HTTP helper.
 */
final class ${classPrefix}Http {

    /** One answer: its status and its JSON body ({@code null} when it had none). */
    record Answer(int status, JsonNode body) {
    }

    private final ${classPrefix}Settings settings;
    private final PlatformContext context;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    ${classPrefix}Http(${classPrefix}Settings settings, PlatformContext context) {
        this.settings = settings;
        this.context = context;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(context.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET of a path below the store URL with query parameters; fails on any status but 2xx. */
    Answer get(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path + q).GET(), "GET " + path);
    }

    /**
     * POST of a JSON body with an Idempotency-Key header: the store applies a key once and answers a repeat with
     * what it did the first time, so the host may send the same request again after a lost answer.
     */
    Answer post(String path, Object body, String idempotencyKey) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The ${platformName} plugin could not write JSON", e);
        }
        return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "POST " + path);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.storeUrl() + pathAndQuery))
                .timeout(context.requestDeadline())
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .header("Accept", "application/json")
                .header("User-Agent", context.userAgent());
    }

    private Answer send(HttpRequest.Builder request, String what) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.of(ErrorKind.CANCELLED, "Stopped " + what + " to " + settings.storeUrl()
                    + ": the host interrupted the call", e);
        } catch (IOException e) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "${platformName} store " + settings.storeUrl()
                    + " could not be reached for " + what + ": " + e, e);
        }
        Answer answer = new Answer(response.statusCode(), body(response, what));
        if (answer.status() < 200 || answer.status() > 299) {
            throw failure(answer, what, response.headers().firstValue("Retry-After").orElse(null));
        }
        return answer;
    }

    /** The body as JSON, read up to the host's size limit. */
    private JsonNode body(HttpResponse<InputStream> response, String what) {
        long max = context.maxResponseBytes();
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "${platformName} store " + settings.storeUrl()
                    + " broke off its answer to " + what + ": " + e, e);
        }
        if (bytes.length > max) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "${platformName} store " + settings.storeUrl()
                    + " answered " + what + " with more than the " + max + " bytes one answer may have");
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            if (response.statusCode() >= 200 && response.statusCode() <= 299) {
                throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "${platformName} store " + settings.storeUrl()
                        + " answered " + what + " with a body that is not JSON; is the store URL right?", e);
            }
            return null; // an error page: the status says enough
        }
    }

    private ConnectorException failure(Answer answer, String what, String retryAfter) {
        int status = answer.status();
        String said = answer.body() == null ? "" : answer.body().path("error").asText("");
        String text = "${platformName} store " + settings.storeUrl() + " answered " + what + " with HTTP " + status
                + (said.isEmpty() ? "" : ": " + said);
        if (status == 401 || status == 403) {
            return ConnectorException.of(ErrorKind.AUTHENTICATION, text + "; expected an API key with read and "
                    + "write access to orders");
        }
        if (status == 404) {
            return ConnectorException.of(ErrorKind.NOT_FOUND, text);
        }
        if (status == 429 || status >= 500) {
            return ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, text, null, seconds(retryAfter));
        }
        return ConnectorException.of(ErrorKind.REMOTE_REJECTED, text);
    }

    /** Retry-After in seconds, or {@code null} when absent or not a number. */
    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
