package io.storelink.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A running stand-in for a Magento 2 store's REST API on loopback.
 * <pre>{@code
 * try (MagentoSandbox sandbox = MagentoSandbox.builder().seed(42).orderCount(200).token("demo-token", Acl.ALL).build()) {
 *     sandbox.start();
 *     URI rest = sandbox.baseUrl().resolve("/rest/V1/orders?searchCriteria=");
 * }
 * }</pre>
 * All methods are thread-safe; the knobs (latency, bearer switch, tokens, faults) may change while it runs.
 */
public final class MagentoSandbox implements AutoCloseable {
    private final InetAddress address;
    private final int requestedPort;
    private final Clock clock;
    private final SandboxStore store;
    private final Authorization authorization = new Authorization();
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog();
    private final OrderCorruptions orderCorruptions = new OrderCorruptions();
    private volatile Duration latency;
    private volatile HttpServer server;
    private volatile URI baseUrl;

    private MagentoSandbox(Builder builder) {
        this.address = builder.address;
        this.requestedPort = builder.port;
        this.clock = builder.clock;
        this.latency = builder.latency;
        this.store = new SandboxStore(builder.seed, Catalog.standard(), clock);
        builder.tokens.forEach(authorization::grant);
        authorization.setBearerDisabled(builder.bearerDisabled);
        store.generateInitial(builder.orderCount, builder.orderWindow);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts answering; returns this. */
    public synchronized MagentoSandbox start() {
        if (server != null) {
            throw new IllegalStateException("sandbox already started");
        }
        RestApi api = new RestApi(store, authorization, this::baseUrl, orderCorruptions);
        RequestDispatcher dispatcher = new RequestDispatcher(api, faults, requestLog, clock, () -> latency);
        try {
            HttpServer started = new HttpServer(address, requestedPort, dispatcher, clock);
            baseUrl = URI.create("http://" + address.getHostAddress() + ":" + started.port());
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Magento 2 sandbox on port " + requestedPort, e);
        }
        return this;
    }

    /** The store URL, e.g. {@code http://127.0.0.1:51234}; REST is under {@code /rest/V1/...}. */
    public URI baseUrl() {
        URI url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return url;
    }

    /** {@link #baseUrl()} resolved against a path such as {@code /rest/V1/orders?searchCriteria=}. */
    public URI url(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    public int port() {
        return URI.create(baseUrl().toString()).getPort();
    }

    public SandboxStore store() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** Fields of orders to remove, or to serve with a wrong-typed value, in the order JSON this sandbox answers. */
    public OrderCorruptions orderCorruptions() {
        return orderCorruptions;
    }

    public Clock clock() {
        return clock;
    }

    /** A fixed delay before every answer. */
    public void setLatency(Duration newLatency) {
        requireNonNull(newLatency, "newLatency is null");
        if (newLatency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + newLatency);
        }
        this.latency = newLatency;
    }

    public Duration latency() {
        return latency;
    }

    /** Magento 2.4.4+'s default: integration tokens are not accepted as bearer tokens (every call is 401). */
    public void setBearerDisabled(boolean disabled) {
        authorization.setBearerDisabled(disabled);
    }

    public boolean bearerDisabled() {
        return authorization.bearerDisabled();
    }

    /** Adds or replaces a token with these ACL resources (see {@link Acl}). */
    public void grant(String token, Set<String> resources) {
        authorization.grant(token, resources);
    }

    public void revoke(String token) {
        authorization.revoke(token);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Configures a sandbox; defaults: loopback, port 0 (any free port), seed 1, 50 orders over 30 days, UTC system clock. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private long seed = 1;
        private int orderCount = 50;
        private Duration orderWindow = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();
        private final Map<String, Set<String>> tokens = new LinkedHashMap<>();
        private boolean bearerDisabled;
        private Duration latency = Duration.ZERO;

        private Builder() {}

        public Builder address(InetAddress newAddress) {
            this.address = requireNonNull(newAddress, "newAddress is null");
            return this;
        }

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

        /** The span the generated orders' {@code created_at} values spread over, ending a few minutes before now. */
        public Builder orderWindow(Duration window) {
            requireNonNull(window, "window is null");
            if (window.isNegative()) {
                throw new IllegalArgumentException("orderWindow must not be negative: " + window);
            }
            this.orderWindow = window;
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = requireNonNull(newClock, "newClock is null");
            return this;
        }

        public Builder token(String token, Set<String> resources) {
            tokens.put(requireNonNull(token, "token is null"), Set.copyOf(resources));
            return this;
        }

        public Builder bearerDisabled(boolean disabled) {
            this.bearerDisabled = disabled;
            return this;
        }

        public Builder latency(Duration newLatency) {
            requireNonNull(newLatency, "newLatency is null");
            if (newLatency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + newLatency);
            }
            this.latency = newLatency;
            return this;
        }

        /** Creates the sandbox and generates its orders; call {@link MagentoSandbox#start()} to serve them. */
        public MagentoSandbox build() {
            return new MagentoSandbox(this);
        }
    }
}
