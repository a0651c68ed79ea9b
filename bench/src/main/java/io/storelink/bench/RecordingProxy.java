package io.storelink.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a sandbox that records the path and query of every request it forwards and the
 * size of every answer's body, so the harness can replay the exact URLs an import made and check what it cost the
 * store. It is used only on an uncounted run: it adds its own cost.
 */
final class RecordingProxy implements AutoCloseable {

    /**
     * One forwarded request.
     *
     * @param method for example {@code GET}
     * @param pathAndQuery the raw path with its query, for example {@code /rest/V1/orders?...}
     * @param body the request body, empty for none
     * @param answerBytes the bytes of the answer's body the client got, or -1 while the answer is not relayed
     */
    record Recorded(String method, String pathAndQuery, String body, long answerBytes) {
    }

    private static final Set<String> FORWARDED_HEADERS = Set.of("authorization", "accept", "content-type");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final URI target;

    RecordingProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the proxy's base URL, to use as a Store URL */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return what was forwarded, in the order the requests arrived */
    List<Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /**
     * @return the most requests the sandbox had from the client at once (counted from forwarding a request to having
     *     its whole answer, before relaying it): the concurrency the floor replays with
     */
    int mostInFlight() {
        return mostInFlight.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            int index;
            synchronized (recorded) {
                index = recorded.size();
                recorded.add(new Recorded(method, pathAndQuery, text, -1));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            // Counted while the sandbox has the request, not while the answer is relayed: a client that sends its
            // next request the moment it has the last byte would otherwise seem to have one more in flight.
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                inFlight.decrementAndGet();
            }
            response.headers().firstValue("content-type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            recorded.set(index, new Recorded(method, pathAndQuery, text, answer.length));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
