package io.storelink.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy on loopback between the plugin and the author's stand-in store, so the kit can make any store
 * fail the way real stores do without the stand-in's help: the kit points the connection's store URL here.
 *
 * <p>Modes: pass everything through; fail every second request (the 1st, 3rd, 5th, ... the proxy receives get a 503
 * with {@code Retry-After: 1}); or answer every request with one status and a small JSON body.
 */
final class FaultProxy implements AutoCloseable {

    /** Headers a proxy must not copy: hop-by-hop, or set by the HTTP client itself. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "conformance-fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile int status;
    private volatile String retryAfter;

    private enum Mode { PASS, FAIL_EVERY_SECOND, ANSWER }

    FaultProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the conformance kit's proxy on loopback", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the proxy's address with the target's path, to put in the connection instead of the store's */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + (target.getRawPath() == null ? "" : target.getRawPath()));
    }

    void passThrough() {
        mode = Mode.PASS;
    }

    /**
     * Every second request fails, counted over all requests, starting with the next. A call that sends one request
     * gets through on its retry; a call that sends two always has one of them fail, so retrying the whole call
     * never gets through, whether its requests go one after the other or side by side.
     */
    void failEverySecondRequest() {
        received.set(0);
        mode = Mode.FAIL_EVERY_SECOND;
    }

    /** Every request is answered with {@code status}, and {@code Retry-After} when not {@code null}. */
    void answerEverything(int answer, String retryAfterValue) {
        status = answer;
        retryAfter = retryAfterValue;
        mode = Mode.ANSWER;
    }

    /** @return how many requests the proxy failed on purpose */
    int failedRequests() {
        return failed.get();
    }

    /** @return how many requests went through to the store */
    int forwardedRequests() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Mode now = mode;
            if (now == Mode.ANSWER) {
                answer(exchange, status, retryAfter);
                return;
            }
            if (now == Mode.FAIL_EVERY_SECOND && received.incrementAndGet() % 2 == 1) {
                answer(exchange, 503, "1");
                return;
            }
            forward(exchange, body);
        }
    }

    private void answer(HttpExchange exchange, int code, String retryAfterValue) throws IOException {
        failed.incrementAndGet();
        byte[] json = ("{\"message\":\"The conformance kit answers this request with HTTP " + code + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfterValue != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfterValue);
        }
        exchange.sendResponseHeaders(code, json.length);
        exchange.getResponseBody().write(json);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.getScheme() + "://"
                        + target.getRawAuthority() + pathAndQuery))
                .timeout(Duration.ofMinutes(1))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        forwarded.incrementAndGet();
        response.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        try (InputStream in = response.body()) {
            byte[] answer = in.readAllBytes();
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
                    || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length == 0 ? -1 : answer.length);
            if (!noBody && answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
