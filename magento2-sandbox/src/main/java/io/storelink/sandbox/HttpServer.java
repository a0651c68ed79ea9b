package io.storelink.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * A small HTTP/1.1 server on {@link ServerSocket}: one pooled thread per connection, keep-alive with
 * Content-Length responses, request bodies by Content-Length or chunked, {@code Expect: 100-continue} and
 * {@code Connection: close}. Both sandboxes (Magento 2 and {@code woo}) serve through it. It owns the sockets, so handlers can break connections on purpose (see {@link HttpExchange}).
 */
public final class HttpServer implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    /** Answers one request; may throw to drop the connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpRequest request, HttpExchange exchange) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Clock clock;
    private final ExecutorService workers;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public HttpServer(InetAddress address, int port, Handler handler, Clock clock) throws IOException {
        this.handler = requireNonNull(handler, "handler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(address, port), 256);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sandbox-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "sandbox-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Binds {@code port} (0: any free one) without answering yet; {@code what} names the sandbox in the error when
     * the port cannot be had.
     */
    public static HttpServer bind(InetAddress address, int port, Handler handler, Clock clock, String what) {
        try {
            return new HttpServer(address, port, handler, clock);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start " + what + " on port " + port, e);
        }
    }

    /** {@code http://<address>:<port>}. */
    public java.net.URI baseUrl() {
        return java.net.URI.create("http://" + serverSocket.getInetAddress().getHostAddress() + ":" + port());
    }

    public void start() {
        acceptor.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed) {
                HttpRequest request;
                try {
                    request = read(in, out);
                } catch (BadRequestException e) {
                    new HttpExchange(socket, out, false, clock)
                            .send(HttpResponse.html(e.status, "<html><body><h1>" + e.status + "</h1></body></html>"));
                    return;
                }
                if (request == null) {
                    return;
                }
                HttpExchange exchange = new HttpExchange(socket, out, request.keepAlive() && !closed, clock);
                handler.handle(request, exchange);
                if (!exchange.keepAlive()) {
                    return;
                }
            }
        } catch (SocketException ignored) {
            // the client or a fault closed the connection
        } catch (IOException ignored) {
            // a broken connection ends this exchange only
        } finally {
            connections.remove(socket);
        }
    }

    /** Reads one request, or returns null at a clean end of stream between requests. */
    private static HttpRequest read(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException(400);
        }
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new BadRequestException(400);
            }
            if (line.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new BadRequestException(431);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException(400);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (first, second) -> first + ", " + second);
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect")) && parts[2].equals("HTTP/1.1")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = readBody(in, headers);
        String target = parts[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return new HttpRequest(parts[0].toUpperCase(Locale.ROOT), path, query, parts[2], headers, body);
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String contentLength = headers.get("content-length");
        if (contentLength == null) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(400);
        }
        if (length < 0 || length > MAX_BODY) {
            throw new BadRequestException(400);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new IOException("request body ended early");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("chunked body ended early");
            }
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequestException(400);
            }
            if (size == 0) {
                String trailer = readLine(in);
                while (trailer != null && !trailer.isEmpty()) {
                    trailer = readLine(in);
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new BadRequestException(400);
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("chunk ended early");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    /** Reads a CRLF (or LF) terminated ISO-8859-1 line; null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new IOException("line ended early");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new BadRequestException(431);
            }
            line.append((char) b);
        }
    }

    private static final class BadRequestException extends IOException {
        private final int status;

        BadRequestException(int status) {
            super("bad request: " + status);
            this.status = status;
        }
    }
}
