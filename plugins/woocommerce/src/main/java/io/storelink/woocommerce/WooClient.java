package io.storelink.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The plugin's HTTP to one store: Apache httpclient5 with the host's limits, HTTP Basic with the key pair
 * (docs/woocommerce-rest-api.md §2), JSON through Jackson, and WooCommerce's answers mapped to error kinds (§7).
 * A request waits at most {@link PlatformContext#requestTimeout()} for each byte, is aborted at
 * {@link PlatformContext#requestDeadline()}, and refuses a body larger than {@link PlatformContext#maxResponseBytes()}
 * by its Content-Length and while it reads.
 */
final class WooClient implements AutoCloseable {

    static final String API = "/wp-json/wc/v3";

    /** How often the watch looks at a request in flight for an interrupt or its deadline. */
    private static final long WATCH_MILLIS = 50;

    /** One answer: its status, the headers the plugin reads, and its JSON body. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
        long headerLong(String name, long fallback) {
            String value = headers.get(name);
            try {
                return value == null ? fallback : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    private final WooConfig config;
    private final PlatformContext context;
    private final ObjectMapper json = new ObjectMapper();
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final String authorization;

    WooClient(WooConfig config, PlatformContext context) {
        this.config = config;
        this.context = context;
        Timeout wait = Timeout.of(context.requestTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(wait).setSocketTimeout(wait).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(wait).setResponseTimeout(wait).setRedirectsEnabled(false).build())
                .setUserAgent(context.userAgent())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "woocommerce-request-deadline");
            thread.setDaemon(true);
            return thread;
        });
        String pair = config.consumerKey().reveal() + ":" + config.consumerSecret().reveal();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the store URL, for messages */
    URI storeUrl() {
        return config.storeUrl();
    }

    /** GET below /wp-json/wc/v3 with query parameters, failing on any status but 2xx. */
    Answer get(String path, Map<String, String> query, boolean missingMeansConfiguration) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(new HttpGet(config.storeUrl() + API + path + q), "GET " + API + path, true,
                missingMeansConfiguration);
    }

    /** GET of any path on the site without credentials, whatever its status: for the connection test. */
    Answer probe(String path) {
        return send(new HttpGet(config.storeUrl() + path), "GET " + path, false, false);
    }

    Answer post(String path, Object body) {
        HttpPost post = new HttpPost(config.storeUrl() + API + path);
        post.setEntity(entity(body));
        return send(post, "POST " + API + path, true, false);
    }

    Answer put(String path, Object body) {
        HttpPut put = new HttpPut(config.storeUrl() + API + path);
        put.setEntity(entity(body));
        return send(put, "PUT " + API + path, true, false);
    }

    private StringEntity entity(Object body) {
        try {
            return new StringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON);
        } catch (IOException e) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The WooCommerce plugin could not write JSON", e);
        }
    }

    private Answer send(HttpUriRequestBase request, String what, boolean authenticated, boolean missingMeansConfiguration) {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(what, null);
        }
        if (authenticated) {
            request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        // A blocked socket read notices neither an interrupt nor a deadline, so a watch aborts the request for both.
        Thread caller = Thread.currentThread();
        long end = System.nanoTime() + context.requestDeadline().toNanos();
        ScheduledFuture<?> watch = deadlines.scheduleAtFixedRate(() -> {
            if (caller.isInterrupted() || System.nanoTime() - end >= 0) {
                request.cancel();
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        try {
            Answer answer = http.execute(request, response -> read(response, what));
            if (authenticated && (answer.status() < 200 || answer.status() > 299)) {
                throw failure(answer, what, missingMeansConfiguration);
            }
            return answer;
        } catch (IOException e) {
            if (caller.isInterrupted()) {
                throw cancelled(what, e);
            }
            if (request.isCancelled()) {
                throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "WooCommerce store " + config.storeUrl()
                        + " did not finish " + what + " within " + context.requestDeadline().toSeconds()
                        + " s (the request deadline)", e);
            }
            throw ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, "WooCommerce store " + config.storeUrl()
                    + " could not be reached for " + what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } finally {
            watch.cancel(false);
        }
    }

    private Answer read(ClassicHttpResponse response, String what) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        for (String name : new String[] {"X-WP-Total", "X-WP-TotalPages", "Retry-After", "Content-Type"}) {
            Header header = response.getFirstHeader(name);
            if (header != null) {
                headers.put(name, header.getValue());
            }
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Answer(response.getCode(), null, headers);
        }
        long max = context.maxResponseBytes();
        if (entity.getContentLength() > max) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                    + " answered " + what + " with " + entity.getContentLength() + " bytes, more than the "
                    + max + " bytes one answer may have (maxResponseBytes)");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (body.size() + (long) n > max) {
                    throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                            + " answered " + what + " with more than the " + max
                            + " bytes one answer may have (maxResponseBytes)");
                }
                body.write(buffer, 0, n);
            }
        }
        JsonNode node = null;
        if (body.size() > 0) {
            try {
                node = json.readTree(body.toByteArray());
            } catch (IOException e) {
                if (response.getCode() >= 200 && response.getCode() <= 299) {
                    throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "WooCommerce store " + config.storeUrl()
                            + " answered " + what + " with a body that is not JSON; expected the REST API's JSON "
                            + "(is the store URL the WordPress site?)", e);
                }
            }
        }
        return new Answer(response.getCode(), node, headers);
    }

    /** docs/woocommerce-rest-api.md §7: a status to an error kind, with the store's code and message. */
    private ConnectorException failure(Answer answer, String what, boolean missingMeansConfiguration) {
        int status = answer.status();
        String code = answer.body() == null ? "" : answer.body().path("code").asText("");
        String said = answer.body() == null ? "" : answer.body().path("message").asText("");
        String text = "WooCommerce store " + config.storeUrl() + " answered " + what + " with HTTP " + status
                + (code.isEmpty() ? "" : " " + code) + (said.isEmpty() ? "" : ": " + said);
        if (status == 401 || status == 403) {
            return ConnectorException.of(ErrorKind.AUTHENTICATION, text + "; expected the consumer key and secret "
                    + "of a REST API key with Read/Write permission");
        }
        if (status == 404) {
            boolean noRoute = code.equals("rest_no_route") || answer.body() == null || missingMeansConfiguration;
            return ConnectorException.of(noRoute ? ErrorKind.CONFIGURATION : ErrorKind.NOT_FOUND, noRoute
                    ? text + "; expected the WooCommerce REST API under " + config.storeUrl() + API
                    + " (check the store URL, that WooCommerce is active and that permalinks are not 'Plain')"
                    : text);
        }
        if (status == 429 || status >= 500) {
            return ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, text, null,
                    retryAfter(answer.headers().get("Retry-After")));
        }
        return ConnectorException.of(ErrorKind.REMOTE_REJECTED, text);
    }

    /** Retry-After as seconds or an HTTP date, as the store sent it; {@code null} when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(context.clock().instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private ConnectorException cancelled(String what, Throwable cause) {
        Thread.currentThread().interrupt();
        return ConnectorException.of(ErrorKind.CANCELLED, "Stopped " + what + " to WooCommerce store "
                + config.storeUrl() + ": the host interrupted the call", cause);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            // Nothing to release beyond the sockets the close already gave up on.
        }
    }
}
