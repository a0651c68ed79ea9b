package io.storelink.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The answer side of one request on a connection: a normal response, or one of the transport faults
 * (truncated body, slow body, reset, drop). After a fault that breaks the connection it is closed.
 */
public final class HttpExchange {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final Socket socket;
    private final OutputStream out;
    private final Clock clock;
    private boolean keepAlive;

    HttpExchange(Socket socket, OutputStream out, boolean keepAlive, Clock clock) {
        this.socket = requireNonNull(socket, "socket is null");
        this.out = requireNonNull(out, "out is null");
        this.keepAlive = keepAlive;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether the connection can take another request after this one. */
    boolean keepAlive() {
        return keepAlive && !socket.isClosed();
    }

    public void send(HttpResponse response) throws IOException {
        writeHead(response);
        out.write(response.body());
        out.flush();
    }

    /** Promises the whole body in Content-Length, sends half of it, then closes. */
    void sendTruncated(HttpResponse response) throws IOException {
        keepAlive = false;
        writeHead(response);
        out.write(response.body(), 0, response.body().length / 2);
        out.flush();
        socket.close();
    }

    /** Sends the body in small pieces spread over {@code duration}. */
    void sendSlowly(HttpResponse response, Duration duration) throws IOException {
        writeHead(response);
        out.flush();
        byte[] body = response.body();
        int pieces = Math.max(1, Math.min(body.length, 20));
        long pause = duration.toMillis() / pieces;
        int pieceSize = (body.length + pieces - 1) / Math.max(pieces, 1);
        for (int offset = 0; offset < body.length; offset += pieceSize) {
            sleep(pause);
            out.write(body, offset, Math.min(pieceSize, body.length - offset));
            out.flush();
        }
        out.flush();
    }

    /**
     * Sends the whole response, status line and headers included, one byte every {@code every}. Stops when the client
     * goes away or the sandbox closes.
     */
    void drip(HttpResponse response, Duration every) throws IOException {
        keepAlive = false;
        byte[] head = head(response, response.body().length);
        byte[] body = response.body();
        for (int index = 0; index < head.length + body.length; index++) {
            sleep(every.toMillis());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            out.write(index < head.length ? head[index] : body[index - head.length]);
            out.flush();
        }
        socket.close();
    }

    /**
     * Sends a 200 JSON head and a body of {@code size} bytes made up as it goes ({@link HugeBody}), with Content-Length
     * or chunked, then closes.
     *
     * @return how many body bytes went out before the client closed the connection (all of them if it read on)
     */
    long sendHuge(long size, boolean chunked) throws IOException {
        keepAlive = false;
        HttpResponse response = new HttpResponse(200, HttpResponse.JSON, Map.of(), new byte[0]);
        out.write(head(response, chunked ? -1 : size));
        long sent = HugeBody.write(out, size, chunked);
        socket.close();
        return sent;
    }

    /** Aborts with a TCP RST: SO_LINGER 0, then close. */
    void reset() throws IOException {
        keepAlive = false;
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Closes the connection without any response. */
    void drop() throws IOException {
        keepAlive = false;
        socket.close();
    }

    private void writeHead(HttpResponse response) throws IOException {
        out.write(head(response, response.body().length));
    }

    /** The status line and headers; a negative {@code contentLength} announces a chunked body instead. */
    private byte[] head(HttpResponse response, long contentLength) {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(REASONS.getOrDefault(response.status(), "Status")).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)))
                .append("\r\nServer: nginx\r\nContent-Type: ").append(response.contentType()).append("\r\n")
                .append(contentLength < 0 ? "Transfer-Encoding: chunked" : "Content-Length: " + contentLength)
                .append("\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
