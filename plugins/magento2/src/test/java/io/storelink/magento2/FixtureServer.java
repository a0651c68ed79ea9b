package io.storelink.magento2;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server on loopback that answers every request with one canned response, for answers the
 * sandbox does not give (recorded payloads, login pages, redirects, odd error bodies). Remembers the requests' URIs.
 */
final class FixtureServer implements AutoCloseable {

    private final HttpServer server;
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json; charset=utf-8";
    private volatile byte[] body = new byte[0];
    private volatile Map<String, String> headers = Map.of();

    FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", contentType);
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = body;
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Answers with a JSON file from this package's test resources. */
    FixtureServer respondWithResource(int newStatus, String resource) {
        try (InputStream in = FixtureServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return respond(newStatus, "application/json; charset=utf-8", new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FixtureServer respond(int newStatus, String newContentType, String newBody, Map<String, String> newHeaders) {
        this.status = newStatus;
        this.contentType = newContentType;
        this.body = newBody.getBytes(StandardCharsets.UTF_8);
        this.headers = Map.copyOf(newHeaders);
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<URI> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
