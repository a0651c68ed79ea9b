package io.storelink.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Puts one request through the sandbox's knobs: picks a matching fault, waits the configured latency, lets the
 * REST API answer (or not, depending on the fault), and logs the request before the answer goes out, so a test that
 * has its response can already see the log entry.
 */
final class RequestDispatcher implements HttpServer.Handler {
    private final RestApi api;
    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;
    private final Supplier<Duration> latency;

    RequestDispatcher(RestApi api, Faults faults, RequestLog log, Clock clock, Supplier<Duration> latency) {
        this.api = requireNonNull(api, "api is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.log = requireNonNull(log, "log is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.latency = requireNonNull(latency, "latency is null");
    }

    @Override
    public void handle(HttpRequest request, HttpExchange exchange) throws IOException {
        Instant time = clock.instant();
        long start = System.nanoTime();
        Fault fault = faults.take(request.method(), request.path(), RestApi.routePath(request.path())).orElse(null);
        HttpExchange.sleep(latency.get().toMillis());
        if (fault != null && fault.kind() == Fault.Kind.HOLD) {
            faults.hold();
            fault = null;
        }
        if (fault == null) {
            HttpResponse response = api.handle(request);
            record(request, time, start, response.status(), null);
            exchange.send(response);
            return;
        }
        switch (fault.kind()) {
            case STATUS -> send(request, exchange, time, start, fault, statusResponse(fault.status()));
            case RETRY_AFTER -> send(request, exchange, time, start, fault,
                    HttpResponse.json(429, Json.object().put("message", "Too Many Requests"))
                            .withHeader("Retry-After", Long.toString(fault.duration().toSeconds())));
            case HTML -> send(request, exchange, time, start, fault, StorefrontPage.home());
            case RESET -> {
                record(request, time, start, 0, fault);
                exchange.reset();
            }
            case TRUNCATED_BODY -> {
                HttpResponse response = api.handle(request);
                record(request, time, start, response.status(), fault);
                exchange.sendTruncated(response);
            }
            case SLOW_BODY -> {
                HttpResponse response = api.handle(request);
                record(request, time, start, response.status(), fault);
                exchange.sendSlowly(response, fault.duration());
            }
            case DRIP -> {
                HttpResponse response = api.handle(request);
                record(request, time, start, response.status(), fault);
                exchange.drip(response, fault.duration());
            }
            case HUGE_BODY, HUGE_CHUNKED_BODY -> {
                long sent = exchange.sendHuge(fault.bytes(), fault.kind() == Fault.Kind.HUGE_CHUNKED_BODY);
                // Logged once the connection has ended, so the entry says how much of the body went out.
                record(request, time, start, 200, fault, sent);
            }
            case COMMIT_THEN_DROP -> {
                api.handle(request);
                record(request, time, start, 0, fault);
                exchange.drop();
            }
            default -> throw new IllegalStateException("unknown fault kind " + fault.kind());
        }
    }

    private void send(HttpRequest request, HttpExchange exchange, Instant time, long start, Fault fault,
                      HttpResponse response) throws IOException {
        record(request, time, start, response.status(), fault);
        exchange.send(response);
    }

    /** 500 is Magento's masked error; other statuses come from the proxy in front of it. */
    private static HttpResponse statusResponse(int status) {
        if (status == 500) {
            ObjectNode body = Json.object().put("message", MagentoMessages.INTERNAL_ERROR.replace("%1", "0f3a9c2b"));
            return HttpResponse.json(500, body);
        }
        String title = status + (status == 503 ? " Service Temporarily Unavailable" : " Error");
        return HttpResponse.html(status, "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>"
                + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    private void record(HttpRequest request, Instant time, long start, int status, Fault fault) {
        record(request, time, start, status, fault, -1);
    }

    private void record(HttpRequest request, Instant time, long start, int status, Fault fault, long bodyBytesSent) {
        log.add(new LoggedRequest(time, request.method(), request.path(), request.rawQuery(), status,
                Duration.ofNanos(System.nanoTime() - start), fault == null ? null : fault.kind(), request.bodyText(),
                bodyBytesSent));
    }
}
