package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.sandbox.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A running stand-in for a WooCommerce store's REST API v3 on loopback, small enough for the distribution (the demo
 * runs it), for tests that want a stateful store rather than stubs. What it serves: docs/woocommerce-rest-api.md §8.
 * <pre>{@code
 * try (WooSandbox store = WooSandbox.builder().seed(42).orderCount(60).key("ck_demo", "cs_demo").build().start()) {
 *     URI orders = store.url("/wp-json/wc/v3/orders?status=processing");
 * }
 * }</pre>
 * Thread-safe.
 */
public final class WooSandbox implements AutoCloseable {
    private final InetAddress address;
    private final int requestedPort;
    private final Map<String, String> keys;
    private final WooStore store;
    private final Clock clock;
    private volatile HttpServer server;
    private volatile URI baseUrl;

    private WooSandbox(Builder builder) {
        this.address = builder.address;
        this.requestedPort = builder.port;
        this.keys = Map.copyOf(builder.keys);
        this.clock = builder.clock;
        this.store = new WooStore(clock, WooOrders.generate(builder.seed, builder.orderCount, builder.orderWindow,
                clock.instant()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts answering; returns this. */
    public synchronized WooSandbox start() {
        if (server != null) {
            throw new IllegalStateException("sandbox already started");
        }
        try {
            HttpServer started = new HttpServer(address, requestedPort, new WooApi(store, keys, this::baseUrl), clock);
            baseUrl = URI.create("http://" + address.getHostAddress() + ":" + started.port());
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the WooCommerce sandbox on port " + requestedPort, e);
        }
        return this;
    }

    /** The site's URL, e.g. {@code http://127.0.0.1:51234}; the REST API is under {@code /wp-json/wc/v3}. */
    public URI baseUrl() {
        URI url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return url;
    }

    /** {@link #baseUrl()} followed by a path such as {@code /wp-json/wc/v3/orders?per_page=5}. */
    public URI url(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    /** The ids of the orders that have this status now, ascending. */
    public List<Long> orderIds(String status) {
        return store.orders().stream().filter(order -> order.path("status").asText().equals(status))
                .map(order -> order.path("id").asLong()).toList();
    }

    /** An order's status now, or null when the store has no such order. */
    public String status(long orderId) {
        ObjectNode order = store.order(orderId);
        return order == null ? null : order.path("status").asText();
    }

    /** The texts of an order's notes, newest first (empty when the store has no such order). */
    public List<String> notes(long orderId) {
        List<ObjectNode> notes = store.notes(orderId);
        return notes == null ? List.of() : notes.stream().map(note -> note.path("note")).map(JsonNode::asText)
                .toList();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Configures a sandbox; defaults: loopback, any free port, seed 1, 50 orders over 30 days, no key pair. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private long seed = 1;
        private int orderCount = 50;
        private Duration orderWindow = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> keys = new LinkedHashMap<>();

        private Builder() {}

        public Builder port(int newPort) {
            if (newPort < 0 || newPort > 65535) {
                throw new IllegalArgumentException("port out of range: " + newPort);
            }
            this.port = newPort;
            return this;
        }

        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        public Builder orderCount(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("orderCount must not be negative: " + count);
            }
            this.orderCount = count;
            return this;
        }

        /** The span the orders' creation dates spread over, ending five minutes before the clock's now. */
        public Builder orderWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("orderWindow must be positive: " + window);
            }
            this.orderWindow = window;
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = requireNonNull(newClock, "newClock is null");
            return this;
        }

        /** A REST API key (Read/Write) the store accepts. */
        public Builder key(String consumerKey, String consumerSecret) {
            keys.put(requireNonNull(consumerKey, "consumerKey is null"),
                    requireNonNull(consumerSecret, "consumerSecret is null"));
            return this;
        }

        /** Creates the sandbox and generates its orders; call {@link WooSandbox#start()} to serve them. */
        public WooSandbox build() {
            return new WooSandbox(this);
        }
    }
}
