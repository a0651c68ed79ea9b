package io.storelink.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

final class HttpServerTest {
    private static final String AUTH = "Authorization: Bearer " + SandboxClient.TOKEN + "\r\n";

    private MagentoSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.started(5);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void servesSeveralRequestsOnOneConnection() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = reader(socket);
            for (int i = 1; i <= 3; i++) {
                out.write(("GET /rest/V1/orders/" + i + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();

                Response response = readResponse(in);

                assertThat(response.statusLine).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.body).contains("\"entity_id\":" + i + ",");
            }
        }
    }

    @Test
    void readsChunkedRequestBodies() throws IOException {
        Order order = sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 1)));
        String body = "{\"items\":[]}";
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /rest/V1/order/" + order.entityId() + "/ship HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                    + Integer.toHexString(5) + "\r\n" + body.substring(0, 5) + "\r\n"
                    + Integer.toHexString(body.length() - 5) + "\r\n" + body.substring(5) + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            Response response = readResponse(reader(socket));

            assertThat(response.statusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(response.body).isEqualTo("\"1\"");
        }
    }

    @Test
    void closesAfterConnectionClose() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /rest/V1/orders/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + AUTH + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = reader(socket);

            Response response = readResponse(in);

            assertThat(response.headers).contains("Connection: close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void servesConcurrentClients() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    SandboxClient client = new SandboxClient(sandbox);
                    int ok = 0;
                    for (int request = 0; request < 50; request++) {
                        ok += client.get("/rest/V1/orders?searchCriteria[pageSize]=5").status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.requestLog().size()).isEqualTo(400);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(sandbox.baseUrl().getHost(), sandbox.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static Response readResponse(BufferedReader in) throws IOException {
        String statusLine = in.readLine();
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            headers.add(line);
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new Response(statusLine, headers, new String(body));
    }

    private record Response(String statusLine, List<String> headers, String body) {}
}
