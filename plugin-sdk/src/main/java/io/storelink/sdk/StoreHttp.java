package io.storelink.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;
import io.storelink.api.RequestGate;
import io.storelink.api.Secret;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import static java.util.Objects.requireNonNull;

/**
 * HTTP to one store on Apache httpclient5 classic, with the host's limits and error kinds. Every request
 * <ul>
 *   <li>carries the connection's credentials (bearer token, HTTP Basic or a query-parameter key pair), the host's
 *       User-Agent and {@code Accept: application/json};</li>
 *   <li>waits at most {@link PlatformContext#requestTimeout()} for the connection, the answer and each read, ends at
 *       {@link PlatformContext#requestDeadline()} however steadily bytes drip, and reads at most
 *       {@link PlatformContext#maxResponseBytes()} (a larger answer fails naming the limit; nothing of it is kept);</li>
 *   <li>fails with a {@link ConnectorException} whose kind follows from the status: 401 and 403
 *       {@link ErrorKind#AUTHENTICATION}, 404 {@link ErrorKind#NOT_FOUND}, 408, 425, 429 and 5xx and transport failures
 *       {@link ErrorKind#REMOTE_UNAVAILABLE} with the store's {@code Retry-After}, any other status
 *       {@link ErrorKind#REMOTE_REJECTED}; the message names the store, the method, the path (never the query, which
 *       may hold a key), the status and the start of the body, with every secret of the connection blanked out;</li>
 *   <li>stops with {@link ErrorKind#CANCELLED} when its thread is interrupted (the flag stays set) or the client is
 *       {@linkplain #close() closed}.</li>
 * </ul>
 * A {@code GET} or {@code HEAD} that fails for a passing reason (429, 5xx, a transport failure) is sent again up to
 * {@link Builder#retries(int)} times, after a jittered backoff or the store's {@code Retry-After} when that is no
 * longer than {@link Builder#maxRetryAfter(Duration)}. Other methods are never sent twice by the SDK: whether a
 * {@code POST} may be repeated is the plugin's call. A request that outran its deadline is not sent again either: the
 * host retries the call, under its own backoff.
 *
 * <pre>{@code
 * StoreHttp http = StoreHttp.builder("Acme store", config.storeUrl(), context).bearer(config.token()).build();
 * JsonNode orders = http.get("/api/orders").query("status", "paid").json();
 * }</pre>
 */
public final class StoreHttp implements AutoCloseable {

    /** How often the watchdog looks at the requests in flight: how late a deadline or an interrupt may be noticed. */
    static final int WATCH_MILLIS = 50;

    private static final int READ_BUFFER = 16 * 1024;
    private static final int SNIPPET = 200;
    private static final String HIDDEN = "[hidden]";

    /**
     * Turns a failed answer into the exception the plugin throws, for platform-specific kinds and hints.
     */
    @FunctionalInterface
    public interface ErrorMapper {
        /**
         * @param answer the answer whose status is not 2xx
         * @param standard the exception the SDK throws by default; return it to keep it
         * @return the exception to throw
         */
        ConnectorException map(Response answer, ConnectorException standard);
    }

    private final String label;
    private final URI baseUrl;
    private final String base;
    private final Clock clock;
    private final Duration deadline;
    private final long maxResponseBytes;
    /** The host's request slots at the store: each request holds one until its answer's bytes are read. */
    private final RequestGate gate;
    private final String authorization;
    private final Map<String, String> authQuery;
    private final List<String> secrets;
    private final Map<String, String> headers;
    private final int retries;
    private final Duration backoff;
    private final Duration maxRetryAfter;
    private final ErrorMapper errors;
    private final ObjectMapper json;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    /**
     * @param storeLabel how messages name the store, for example {@code "WooCommerce store"}; the base URL follows it
     * @param baseUrl the store's address; request paths are appended to it
     * @param context the host's limits and User-Agent
     * @return a builder
     */
    public static Builder builder(String storeLabel, URI baseUrl, PlatformContext context) {
        return new Builder(storeLabel, baseUrl, context);
    }

    private StoreHttp(Builder b) {
        this.label = b.label;
        this.baseUrl = b.baseUrl;
        String text = b.baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.clock = b.context.clock();
        this.deadline = requireNonNull(b.context.requestDeadline(), "requestDeadline is null");
        this.maxResponseBytes = b.context.maxResponseBytes();
        this.gate = requireNonNull(b.context.requestGate(), "requestGate is null");
        if (deadline.isNegative() || deadline.isZero() || maxResponseBytes < 1) {
            throw new IllegalArgumentException("requestDeadline and maxResponseBytes must be positive");
        }
        this.authorization = b.authorization;
        this.authQuery = Map.copyOf(b.authQuery);
        this.secrets = List.copyOf(b.secrets);
        this.headers = Map.copyOf(b.headers);
        this.retries = b.retries;
        this.backoff = b.backoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.errors = b.errors;
        this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Duration wait = b.context.requestTimeout().compareTo(deadline) < 0 ? b.context.requestTimeout() : deadline;
        Timeout timeout = Timeout.of(wait);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(b.maxConnections)
                .setMaxConnTotal(b.maxConnections * 2)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent(b.context.userAgent())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "storelink-sdk-request-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /** @return the store's address, as given */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the Jackson mapper the client reads and writes JSON with (unknown properties ignored) */
    public ObjectMapper json() {
        return json;
    }

    /** @return a {@code GET} of a path below the base URL */
    public Request get(String path) {
        return new Request("GET", url(path), null);
    }

    /**
     * A {@code GET} of a full URL the store gave (a {@code Link} header's next page, say). It must be on the base
     * URL's scheme, host and port, so the credentials never go to another origin.
     *
     * @return the request
     */
    public Request get(URI url) {
        requireNonNull(url, "url is null");
        if (!sameOrigin(url)) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, label + " " + baseUrl + " pointed to "
                    + redact(withoutQuery(url)) + ", not on " + baseUrl.getScheme() + "://" + baseUrl.getAuthority()
                    + "; the connection's credentials are only sent to the store's own address");
        }
        return new Request("GET", url.toString(), null);
    }

    /** @return a {@code POST} of {@code body} as JSON (written by {@link #json()}) to a path below the base URL */
    public Request post(String path, Object body) {
        return new Request("POST", url(path), body);
    }

    /** @return a {@code PUT} of {@code body} as JSON to a path below the base URL */
    public Request put(String path, Object body) {
        return new Request("PUT", url(path), body);
    }

    /** @return a request of any method, with a JSON body or {@code null}; only GET and HEAD are retried */
    public Request request(String method, String path, Object body) {
        return new Request(method.toUpperCase(Locale.ROOT), url(path), body);
    }

    private String url(String path) {
        requireNonNull(path, "path is null");
        if (path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("a path has no query or fragment; add parameters with query(): "
                    + path);
        }
        return base + (path.isEmpty() || path.startsWith("/") ? path : "/" + path);
    }

    private boolean sameOrigin(URI url) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(baseUrl.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(baseUrl.getHost())
                && port(url) == port(baseUrl);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** @return the text with every secret of the connection replaced by {@code [hidden]} */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, HIDDEN);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                result = result.replace(encoded, HIDDEN);
            }
        }
        return result;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops every request in flight at once (its socket is closed, its thread gets {@link ErrorKind#CANCELLED}) and
     * refuses later ones the same way. Never blocks.
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        for (Call call : inFlight) {
            call.stop(Reason.CLOSED);
        }
        watchdog.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }

    /**
     * A {@code Retry-After} value as a wait: delay seconds, or an HTTP-date measured from {@code now}.
     *
     * @return the wait (zero for a date in the past), or {@code null} when absent or unreadable
     */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.matches("[0-9]{1,10}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (RuntimeException notADate) {
            return null;
        }
    }

    /** One request, built up and then sent with {@link #send()} or {@link #json()}. */
    public final class Request {
        private final String method;
        private final String url;
        private final Object body;
        private final Map<String, String> query = new LinkedHashMap<>();
        private String name;
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();
        private boolean authenticated = true;
        private boolean anyStatus;

        private Request(String method, String url, Object body) {
            this.method = method;
            this.url = url;
            this.body = body;
        }

        /** @return this request with a query parameter; a {@code null} value is left out */
        public Request query(String name, String value) {
            if (value != null) {
                query.put(requireNonNull(name, "name is null"), value);
            }
            return this;
        }

        /** @return this request with these query parameters, in their order */
        public Request query(Map<String, String> parameters) {
            parameters.forEach(this::query);
            return this;
        }

        /** @return this request with a header */
        public Request header(String name, String value) {
            extraHeaders.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /**
         * Names the request in messages as the platform's documentation does ({@code GET /V1/orders/42}, say) rather
         * than by its URL's whole path. The name is shown as given: it must hold no secret.
         *
         * @return this request
         */
        public Request named(String name) {
            this.name = requireNonNull(name, "name is null");
            return this;
        }

        /** @return this request without the connection's credentials (a probe of a public page) */
        public Request withoutCredentials() {
            authenticated = false;
            return this;
        }

        /** @return this request answering any status instead of failing on one that is not 2xx (never retried) */
        public Request anyStatus() {
            anyStatus = true;
            return this;
        }

        /** @return the answer's body as JSON; see {@link #send()} and {@link Response#json()} */
        public JsonNode json() {
            return send().json();
        }

        /**
         * Sends the request, again for a passing failure if it is a GET or HEAD.
         *
         * @return the 2xx answer, or any answer after {@link #anyStatus()}
         * @throws ConnectorException with the kind of the failure
         */
        public Response send() {
            boolean idempotent = (method.equals("GET") || method.equals("HEAD")) && !anyStatus;
            String what = name != null ? name : method + " " + redact(withoutQuery(URI.create(url)));
            for (int attempt = 0; ; attempt++) {
                ConnectorException failure;
                boolean again;
                try {
                    Response answer = once(what);
                    if (anyStatus || answer.isSuccess()) {
                        return answer;
                    }
                    ConnectorException standard = standardFailure(answer);
                    failure = requireNonNull(errors.map(answer, standard), "the error mapper returned null");
                    again = standard.kind() == ErrorKind.REMOTE_UNAVAILABLE;
                } catch (Transient e) {
                    failure = e.failure;
                    again = true;
                }
                if (!idempotent || !again || attempt >= retries || !failure.isRetriable()) {
                    throw failure;
                }
                Duration wait = failure.retryAfter().orElse(null);
                if (wait != null && wait.compareTo(maxRetryAfter) > 0) {
                    throw failure; // longer than the SDK waits within a call: the host waits, with its own cap
                }
                pause(wait != null ? wait : jittered(attempt), what, failure);
            }
        }

        private Duration jittered(int attempt) {
            long base = backoff.toMillis() << Math.min(attempt, 16);
            return Duration.ofMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
        }

        private Response once(String what) {
            StringBuilder target = new StringBuilder(url);
            Map<String, String> parameters = new LinkedHashMap<>(query);
            if (authenticated) {
                parameters.putAll(authQuery);
            }
            char separator = url.contains("?") ? '&' : '?';
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                target.append(separator).append(encode(parameter.getKey())).append('=')
                        .append(encode(parameter.getValue()));
                separator = '&';
            }
            HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(target.toString()));
            request.setHeader(HttpHeaders.ACCEPT, "application/json");
            headers.forEach(request::setHeader);
            extraHeaders.forEach(request::setHeader);
            if (authenticated && authorization != null) {
                request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (body != null) {
                try {
                    request.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
                } catch (JsonProcessingException e) {
                    throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The plugin could not write the JSON body of "
                            + what + " to " + label + " " + baseUrl + ": " + e.getOriginalMessage(), e);
                }
            }
            return execute(request, what);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withoutQuery(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** A failure the SDK may send a GET again for. */
    private static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ConnectorException failure;

        Transient(ConnectorException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private void pause(Duration wait, String what, ConnectorException failure) {
        try {
            if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw cancelled(what, "the connector was closed", failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(what, "its thread was interrupted (the host is stopping the call)", failure);
        }
    }

    private ConnectorException cancelled(String what, String why, Throwable cause) {
        return ConnectorException.of(ErrorKind.CANCELLED, label + " " + baseUrl + ": " + what + " was stopped because "
                + why, cause);
    }

    private Response execute(HttpUriRequestBase request, String what) {
        // The slot is taken before the deadline starts, and given back once the body is read: parsing it is the
        // caller's, outside the slot, so the host's next request can go out meanwhile.
        try (RequestGate.Permit slot = gate.enter()) {
            return executeInSlot(request, what);
        }
    }

    private Response executeInSlot(HttpUriRequestBase request, String what) {
        Call call = new Call(request, what, Thread.currentThread(), System.nanoTime() + deadline.toNanos());
        inFlight.add(call);
        ScheduledFuture<?> watch = null;
        try {
            // After joining inFlight: a close() from now on stops this call, and one before it is seen here.
            if (closed) {
                call.stop(Reason.CLOSED);
                throw call.stopped(null);
            }
            if (Thread.currentThread().isInterrupted()) {
                call.stop(Reason.INTERRUPTED);
                throw call.stopped(null);
            }
            watch = watchdog.scheduleWithFixedDelay(call::check, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
            return http.execute(request, response -> read(response, call));
        } catch (IOException e) {
            call.check(); // a timeout at the deadline counts as the deadline
            if (call.reason() == null && (Thread.currentThread().isInterrupted()
                    || e instanceof InterruptedIOException && !isTimeout(e))) {
                call.stop(Reason.INTERRUPTED);
            }
            if (call.reason() != null) {
                throw call.stopped(e);
            }
            throw new Transient(ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, label + " " + baseUrl
                    + " could not be reached for " + what + ": " + describe(e) + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())) + ")", e));
        } catch (ConnectorException | Transient e) {
            throw e;
        } catch (RuntimeException e) {
            if (!closed) {
                throw e;
            }
            call.stop(Reason.CLOSED); // the pool was shut down under this call: close() came first
            throw call.stopped(e);
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
            inFlight.remove(call);
        }
    }

    /** What a transport failure means, for people: the exception's class and text follow it in messages. */
    static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "the host name cannot be resolved (DNS)";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect";
        }
        if (e instanceof SSLException) {
            return "the TLS handshake failed";
        }
        if (isTimeout(e)) {
            return "no answer in time";
        }
        if (e instanceof NoHttpResponseException) {
            return "the connection closed without an answer";
        }
        return "the connection failed";
    }

    private static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                || e instanceof ConnectionRequestTimeoutException;
    }

    private Response read(ClassicHttpResponse response, Call call) throws IOException {
        call.answering = true;
        Map<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            names.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return new Response(call.what, response.getCode(), names, body(response.getEntity(), call));
    }

    /**
     * The whole body, never more than the cap: a larger Content-Length is refused before a byte is read, and a body
     * without one is counted as it comes. Either way the connection is aborted rather than drained.
     */
    private byte[] body(HttpEntity entity, Call call) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long announced = entity.getContentLength();
        if (announced > maxResponseBytes) {
            throw call.tooLarge(announced);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(announced >= 0 ? (int) announced : READ_BUFFER);
        byte[] buffer = new byte[READ_BUFFER];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (body.size() + (long) read > maxResponseBytes) {
                throw call.tooLarge(-1);
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private ConnectorException standardFailure(Response answer) {
        int status = answer.status();
        ErrorKind kind = errorKind(status);
        String snippet = answer.snippet();
        String location = answer.header(HttpHeaders.LOCATION).map(l -> " (redirected to "
                + redact(withoutQuery(URI.create(l.trim()))) + ")").orElse("");
        String message = label + " " + baseUrl + " answered " + answer.what() + " with HTTP " + status + location
                + (snippet.isEmpty() ? "" : ": " + snippet);
        Duration wait = kind == ErrorKind.REMOTE_UNAVAILABLE
                ? retryAfter(answer.header(HttpHeaders.RETRY_AFTER).orElse(null), clock.instant()) : null;
        return ConnectorException.of(kind, message, null, wait);
    }

    /**
     * The kind of a failed answer by its status alone, as {@link Request#send()} reports it before an
     * {@link ErrorMapper} refines it.
     *
     * @return 401 and 403 {@link ErrorKind#AUTHENTICATION}, 404 {@link ErrorKind#NOT_FOUND}, 408, 425, 429 and 5xx
     *         {@link ErrorKind#REMOTE_UNAVAILABLE}, any other {@link ErrorKind#REMOTE_REJECTED}
     */
    public static ErrorKind errorKind(int status) {
        return status == 401 || status == 403 ? ErrorKind.AUTHENTICATION
                : status == 404 ? ErrorKind.NOT_FOUND
                : status == 408 || status == 425 || status == 429 || status >= 500 ? ErrorKind.REMOTE_UNAVAILABLE
                : ErrorKind.REMOTE_REJECTED;
    }

    /** {@code 1 s}, {@code 250 ms}, {@code 2 min}: a duration as people read it. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 60_000 == 0 ? millis / 60_000 + " min" : millis % 1000 == 0 ? millis / 1000 + " s"
                : millis + " ms";
    }

    /** {@code 64 MiB (67108864 bytes)}: a byte count as people read it, exact too. */
    static String describeBytes(long bytes) {
        String unit = bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : null;
        return unit == null ? bytes + " bytes" : unit + " (" + bytes + " bytes)";
    }

    /** An answer as read off the wire: status, headers and the whole body. */
    public final class Response {
        private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
        private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?",
                Pattern.CASE_INSENSITIVE);

        private final String what;
        private final int status;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        private Response(String what, int status, Map<String, List<String>> headers, byte[] body) {
            this.what = what;
            this.status = status;
            this.headers = Collections.unmodifiableMap(headers);
            this.body = body;
        }

        /** @return the request as messages name it: method and path, no query */
        public String what() {
            return what;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }

        /** @return whether the status is 2xx */
        public boolean isSuccess() {
            return status >= 200 && status <= 299;
        }

        /** @return the first value of a header, by a name in any case */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** @return every value of a header, by a name in any case */
        public List<String> headers(String name) {
            return List.copyOf(headers.getOrDefault(name, List.of()));
        }

        /** @return a header as a whole number, or {@code fallback} when absent or not one */
        public long headerLong(String name, long fallback) {
            String value = header(name).map(String::trim).orElse("");
            return value.matches("-?[0-9]{1,18}") ? Long.parseLong(value) : fallback;
        }

        /** @return the body's bytes (a copy) */
        public byte[] body() {
            return body.clone();
        }

        /** @return the body as UTF-8 text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * @return the body as JSON; {@link com.fasterxml.jackson.databind.node.MissingNode} for an empty body
         * @throws ConnectorException {@link ErrorKind#REMOTE_REJECTED} when the body is not JSON, with its start
         */
        public JsonNode json() {
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, label + " " + baseUrl + " answered " + what
                        + " with a body that is not JSON (" + snippet() + "); expected the store's JSON API", e);
            }
        }

        /** @return the body as JSON, or empty when it is empty or not JSON */
        public Optional<JsonNode> jsonIfAny() {
            try {
                JsonNode node = json.readTree(body);
                return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** @return the start of the body on one line, secrets blanked, for messages */
        public String snippet() {
            String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").trim();
            text = redact(text);
            return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
        }

        /**
         * The {@code Link} header's targets by relation (RFC 8288), resolved against the request's URL. The query
         * parameters that carry the connection's credentials are taken out, so a link can be kept as a page token.
         *
         * @return the first target of each {@code rel}, for example {@code next}
         */
        public Map<String, URI> links() {
            Map<String, URI> links = new LinkedHashMap<>();
            for (String value : headers(HttpHeaders.LINK)) {
                Matcher link = LINK.matcher(value);
                while (link.find()) {
                    Matcher rel = REL.matcher(link.group(2));
                    if (rel.find()) {
                        URI target = URI.create(base + "/").resolve(link.group(1).trim());
                        for (String name : rel.group(1).trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                            links.putIfAbsent(name, withoutCredentials(target));
                        }
                    }
                }
            }
            return links;
        }
    }

    private URI withoutCredentials(URI target) {
        String query = target.getRawQuery();
        if (query == null || authQuery.isEmpty()) {
            return target;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (!authQuery.containsKey(name)) {
                kept.add(pair);
            }
        }
        String text = target.toString();
        String head = text.substring(0, text.indexOf('?'));
        return URI.create(kept.isEmpty() ? head : head + "?" + String.join("&", kept));
    }

    /** Why the client stopped a request itself. */
    private enum Reason {
        DEADLINE, TOO_LARGE, INTERRUPTED, CLOSED
    }

    /** One request in flight: the watchdog's view of it, and what stopped it. */
    private final class Call {
        private final HttpUriRequestBase request;
        private final String what;
        private final Thread thread;
        private final long deadlineNanos;
        private final AtomicReference<Reason> reason = new AtomicReference<>();
        private volatile long announced = -1;
        private volatile boolean answering;

        Call(HttpUriRequestBase request, String what, Thread thread, long deadlineNanos) {
            this.request = request;
            this.what = what;
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
        }

        void check() {
            if (System.nanoTime() - deadlineNanos >= 0) {
                stop(Reason.DEADLINE);
            } else if (thread.isInterrupted()) {
                stop(Reason.INTERRUPTED);
            }
        }

        /** Aborts the request, closing its connection at once; the first reason given is the one reported. */
        void stop(Reason why) {
            if (reason.compareAndSet(null, why)) {
                request.cancel();
            }
        }

        Reason reason() {
            return reason.get();
        }

        IOException tooLarge(long contentLength) {
            announced = contentLength;
            stop(Reason.TOO_LARGE);
            return new IOException("response too large");
        }

        ConnectorException stopped(Throwable cause) {
            String store = label + " " + baseUrl;
            return switch (reason()) {
                // The same request may be answered in time later; the host retries it, not the SDK.
                case DEADLINE -> ConnectorException.of(ErrorKind.REMOTE_UNAVAILABLE, store + " did not finish "
                        + "answering " + what + " within the request deadline of " + describe(deadline) + " ("
                        + (answering ? "its body was still coming" : "its answer had not even started")
                        + "); the request was stopped", cause);
                // The same answer would be as large again: waiting cannot help, a person has to look.
                case TOO_LARGE -> ConnectorException.of(ErrorKind.REMOTE_REJECTED, store + " answered " + what
                        + " with a body of " + (announced >= 0 ? describeBytes(announced) + ", " : "") + "more than the " + describeBytes(maxResponseBytes) + " one response may "
                        + "hold (maxResponseBytes); the request was stopped and nothing of the answer was kept", cause);
                case INTERRUPTED -> {
                    Thread.currentThread().interrupt();
                    yield cancelled(what, "its thread was interrupted (the host is stopping the call)", cause);
                }
                case CLOSED -> cancelled(what, "the connector was closed", cause);
            };
        }
    }

    /** Builds a {@link StoreHttp}. */
    public static final class Builder {
        private final String label;
        private final URI baseUrl;
        private final PlatformContext context;
        private String authorization;
        private final Map<String, String> authQuery = new LinkedHashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int retries = 2;
        private Duration backoff = Duration.ofMillis(200);
        private Duration maxRetryAfter = Duration.ofSeconds(5);
        private int maxConnections = 8;
        private ErrorMapper errors = (answer, standard) -> standard;

        private Builder(String label, URI baseUrl, PlatformContext context) {
            this.label = requireNonNull(label, "storeLabel is null");
            this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
            this.context = requireNonNull(context, "context is null");
            if (baseUrl.getScheme() == null || baseUrl.getHost() == null || baseUrl.getRawQuery() != null
                    || !Set.of("http", "https").contains(baseUrl.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a base URL is http(s)://host[:port][/path] without a query, not "
                        + baseUrl);
            }
        }

        /** @return this builder, sending {@code Authorization: Bearer <token>} */
        public Builder bearer(Secret token) {
            String value = token.reveal();
            secret(value);
            authorization = "Bearer " + value;
            return this;
        }

        /** @return this builder, sending HTTP Basic with this user and password */
        public Builder basic(Secret user, Secret password) {
            secret(user.reveal());
            secret(password.reveal());
            String pair = user.reveal() + ":" + password.reveal();
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            secret(authorization.substring("Basic ".length()));
            return this;
        }

        /**
         * Sends a key pair as query parameters of every request (WooCommerce's {@code consumer_key} and
         * {@code consumer_secret}, say). Only over https, or plain http to this machine for tests: the URL is not
         * encrypted otherwise.
         *
         * @return this builder
         */
        public Builder queryKey(String keyName, Secret key, String secretName, Secret secret) {
            String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!baseUrl.getScheme().equalsIgnoreCase("https") && !loopback) {
                throw ConnectorException.of(ErrorKind.CONFIGURATION, label + " " + baseUrl + " is not https; the "
                        + keyName + " and " + secretName + " travel in the URL, so an https address is expected");
            }
            secret(key.reveal());
            secret(secret.reveal());
            authQuery.put(requireNonNull(keyName, "keyName is null"), key.reveal());
            authQuery.put(requireNonNull(secretName, "secretName is null"), secret.reveal());
            return this;
        }

        private void secret(String value) {
            if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw ConnectorException.of(ErrorKind.CONFIGURATION, "A credential for " + label + " " + baseUrl
                        + " is blank or holds a control character; expected the value the store issued");
            }
            secrets.add(value);
        }

        /** @return this builder, sending a header with every request */
        public Builder header(String name, String value) {
            headers.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /** @return this builder, sending a GET at most {@code count} more times after a passing failure (default 2) */
        public Builder retries(int count) {
            if (count < 0 || count > 10) {
                throw new IllegalArgumentException("retries is 0 to 10, not " + count);
            }
            retries = count;
            return this;
        }

        /** @return this builder, waiting about {@code first} before the first retry, twice that before the next */
        public Builder retryBackoff(Duration first) {
            backoff = requireNonNull(first, "first is null");
            return this;
        }

        /**
         * @return this builder, honouring a store's {@code Retry-After} up to {@code cap} (default 5 s); a longer
         *         one fails the call at once with the wait in {@link ConnectorException#retryAfter()}
         */
        public Builder maxRetryAfter(Duration cap) {
            maxRetryAfter = requireNonNull(cap, "cap is null");
            return this;
        }

        /** @return this builder, with at most this many connections to the store at once (default 8) */
        public Builder maxConnections(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxConnections is at least 1, not " + count);
            }
            maxConnections = count;
            return this;
        }

        /** @return this builder, with platform-specific kinds and hints for failed answers */
        public Builder errors(ErrorMapper mapper) {
            errors = requireNonNull(mapper, "mapper is null");
            return this;
        }

        /** @return the client; it holds a connection pool and a watchdog thread until closed */
        public StoreHttp build() {
            return new StoreHttp(this);
        }
    }

    @Override
    public String toString() {
        return "StoreHttp[" + label + " " + baseUrl + "]";
    }
}
