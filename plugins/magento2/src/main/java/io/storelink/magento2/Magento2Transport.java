package io.storelink.magento2;

import io.storelink.api.ErrorKind;
import io.storelink.api.PlatformContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The plugin's HTTP: one pooled Apache httpclient5 classic client, and the limits every request keeps whatever the
 * store does. Besides httpclient's timeouts, which only bound each wait for a byte, a request
 * <ul>
 *   <li>ends at the {@linkplain PlatformContext#requestDeadline() overall deadline}, headers and body included, however
 *       steadily the store drips bytes;</li>
 *   <li>reads at most {@linkplain PlatformContext#maxResponseBytes() the response cap}: a larger Content-Length is
 *       refused before the body is read, and a body without one is counted as it comes;</li>
 *   <li>stops when the thread that sent it is interrupted (a blocked socket read does not notice an interrupt, so
 *       the watchdog does), and when the connector is closed, which the host does to a call it gave up on.</li>
 * </ul>
 * A watchdog thread checks each request in flight every {@value #WATCH_MILLIS} ms and aborts it (its socket is closed
 * at once, so a blocked read returns); the request then throws {@link Stopped}, which says why. Nothing of a stopped
 * answer is kept.
 */
final class Magento2Transport implements AutoCloseable {

    /** How often the watchdog looks at the requests in flight: how late a deadline or an interrupt may be noticed. */
    static final int WATCH_MILLIS = 50;

    private static final int MAX_CONNECTIONS_PER_ROUTE = 8;
    private static final int READ_BUFFER = 16 * 1024;

    private final URI storeUrl;
    private final Duration deadline;
    private final long maxResponseBytes;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Magento2Transport(URI storeUrl, PlatformContext context) {
        this.storeUrl = requireNonNull(storeUrl, "storeUrl is null");
        this.deadline = requireNonNull(context.requestDeadline(), "requestDeadline is null");
        this.maxResponseBytes = context.maxResponseBytes();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("requestDeadline must be positive: " + deadline);
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
        }
        Duration wait = context.requestTimeout().compareTo(deadline) < 0 ? context.requestTimeout() : deadline;
        Timeout timeout = Timeout.of(wait);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
                .setMaxConnTotal(MAX_CONNECTIONS_PER_ROUTE * 2)
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
                .setUserAgent(context.userAgent())
                .setRetryStrategy(new StaleConnectionRetry())
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "magento2-request-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends a request and reads its whole answer.
     *
     * @param what the request as messages name it, for example {@code GET /V1/orders}
     * @return the answer, whatever its status
     * @throws Stopped when the deadline passed, the answer was too large, the thread was interrupted or the
     *         connector closed
     * @throws IOException when the transport failed (DNS, connect, TLS, reset, timeout, a truncated body)
     */
    Answer execute(HttpUriRequestBase request, String what) throws IOException {
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
        } catch (Stopped e) {
            throw e;
        } catch (IOException e) {
            // A timeout at the deadline (the socket timeout is never longer) counts as the deadline.
            call.check();
            if (call.reason() == null && (Thread.currentThread().isInterrupted()
                    || e instanceof InterruptedIOException && !isTimeout(e))) {
                // Interrupted while waiting for a pooled connection, say: httpclient says "Request aborted".
                call.stop(Reason.INTERRUPTED);
            }
            throw call.reason() == null ? e : call.stopped(e);
        } catch (RuntimeException e) {
            if (!closed) {
                throw e;
            }
            // The watchdog or the connection pool was shut down under this call: close() came first.
            call.stop(Reason.CLOSED);
            throw call.stopped(e);
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
            inFlight.remove(call);
        }
    }

    /**
     * Stops every request in flight at once: their sockets are closed and their threads get {@link Stopped} with
     * {@link ErrorKind#CANCELLED}. Later requests are refused the same way. Never blocks.
     */
    @Override
    public void close() {
        closed = true;
        for (Call call : inFlight) {
            call.stop(Reason.CLOSED);
        }
        watchdog.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }

    /** Whether an exception is one of httpclient's or the JDK's timeouts, which extend InterruptedIOException too. */
    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                || e instanceof ConnectionRequestTimeoutException;
    }

    private Answer read(ClassicHttpResponse response, Call call) throws IOException {
        call.answering = true;
        return new Answer(response.getCode(), headerValue(response.getFirstHeader(HttpHeaders.CONTENT_TYPE)),
                headerValue(response.getFirstHeader(HttpHeaders.RETRY_AFTER)),
                headerValue(response.getFirstHeader(HttpHeaders.LOCATION)), body(response.getEntity(), call));
    }

    /**
     * The whole body, never more than the cap: a larger Content-Length is refused before a byte is read, and a body
     * without one (chunked, or decompressed) is counted as it is read. Either way the connection is aborted rather
     * than drained, so a gigabyte answer costs neither the memory nor the time to read it.
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
        if (announced >= 0) {
            byte[] body = new byte[(int) announced];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(READ_BUFFER);
        byte[] buffer = new byte[READ_BUFFER];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (body.size() + (long) read > maxResponseBytes) {
                throw call.tooLarge(-1);
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private static String headerValue(Header header) {
        return header == null ? null : header.getValue();
    }

    /** {@code 1 s}, {@code 250 ms}, {@code 2 min}: a duration as people read it. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }

    /** {@code 64 MiB (67108864 bytes)}: a byte count as people read it, exact too. */
    static String describeBytes(long bytes) {
        String unit = bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : null;
        return unit == null ? bytes + " bytes" : unit + " (" + bytes + " bytes)";
    }

    /** Why the transport stopped a request itself. */
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
        /** Whether the status line and headers have come; a deadline before that means the answer never started. */
        private volatile boolean answering;

        Call(HttpUriRequestBase request, String what, Thread thread, long deadlineNanos) {
            this.request = request;
            this.what = what;
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
        }

        /** The watchdog's look: past the deadline, or its thread interrupted. */
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

        /** Aborts the exchange (so the rest of the body is not drained) and says why. */
        Stopped tooLarge(long contentLength) {
            announced = contentLength;
            stop(Reason.TOO_LARGE);
            return stopped(null);
        }

        Stopped stopped(Throwable cause) {
            Reason why = reason();
            String store = "Magento store " + storeUrl;
            Stopped stopped = switch (why) {
                // The same request may well be answered in time later: retriable.
                case DEADLINE -> new Stopped(ErrorKind.REMOTE_UNAVAILABLE, true, store + " did not finish answering "
                        + what + " within the request deadline of " + describe(deadline) + " ("
                        + (answering ? "its body was still coming" : "its answer had not even started")
                        + "); the request was stopped");
                // Not retriable: the same page would be as large again, so waiting cannot help; REMOTE_REJECTED rather
                // than REMOTE_UNAVAILABLE because the store did answer, with something this connector refuses, and
                // a person has to look at the store (or at whatever sits in front of it) before it can work.
                case TOO_LARGE -> new Stopped(ErrorKind.REMOTE_REJECTED, false, store + " answered " + what
                        + " with " + (announced >= 0 ? "a body of " + describeBytes(announced) + ", more than"
                        : "a body larger than") + " the " + describeBytes(maxResponseBytes) + " one response may hold; "
                        + "the request was stopped and nothing of the answer was kept. A page of at most 300 orders "
                        + "is a few megabytes, so the store or a proxy in front of it sent something else, or the "
                        + "host's response cap is set too low");
                case INTERRUPTED -> new Stopped(ErrorKind.CANCELLED, false, store + ": " + what + " was stopped "
                        + "because its thread was interrupted (the host is stopping the call)");
                case CLOSED -> new Stopped(ErrorKind.CANCELLED, false, store + ": " + what + " was stopped because "
                        + "the connector was closed");
            };
            if (cause != null) {
                stopped.initCause(cause);
            }
            return stopped;
        }
    }

    /**
     * A request the transport stopped itself; the message is a whole sentence naming the store and the request.
     *
     * @see #execute(HttpUriRequestBase, String)
     */
    static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;

        private final ErrorKind kind;
        private final boolean retriable;

        Stopped(ErrorKind kind, boolean retriable, String message) {
            super(message);
            this.kind = kind;
            this.retriable = retriable;
        }

        ErrorKind kind() {
            return kind;
        }

        boolean retriable() {
            return retriable;
        }
    }

    /** A response as read off the wire. */
    record Answer(int status, String contentType, String retryAfter, String location, byte[] body) {
        boolean looksLikeHtml() {
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
                return true;
            }
            String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).trim();
            return start.startsWith("<");
        }
    }

    /** Sends a {@code GET} once more when a pooled connection turns out to be closed; nothing else is retried. */
    private static final class StaleConnectionRetry implements HttpRequestRetryStrategy {
        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return execCount <= 1 && exception instanceof NoHttpResponseException
                    && Method.GET.isSame(request.getMethod());
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
