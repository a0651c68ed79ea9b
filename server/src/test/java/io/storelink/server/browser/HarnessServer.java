package io.storelink.server.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the console's renderer harness (console/target/harness) over loopback HTTP, since ES modules do not load
 * from file://, and the JSON documents a test hands it (the schema and ui-schemas it fetched from the real server).
 */
final class HarnessServer implements AutoCloseable {

    private final HttpServer http;
    private final Path root;
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    HarnessServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.root.resolve("index.html"))) {
            throw new IllegalStateException(this.root + " holds no built harness; build the console module"
                    + " (mvn -B -o package -pl console), which runs npm run build:harness");
        }
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::serve);
        http.start();
    }

    /** Serves {@code json} at {@code /documents/<name>}. @return that path */
    String put(String name, String json) {
        documents.put(name, json);
        return "/documents/" + name;
    }

    /** @return the harness page's address with {@code query} */
    String page(String query) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/index.html?" + query;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        String type;
        if (path.startsWith("/documents/") && documents.containsKey(path.substring(11))) {
            body = documents.get(path.substring(11)).getBytes(StandardCharsets.UTF_8);
            type = "application/json";
        } else {
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            body = Files.readAllBytes(file);
            type = path.endsWith(".html") ? "text/html; charset=utf-8"
                    : path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css"
                    : "application/octet-stream";
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
