package io.storelink.sandbox;

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
public final class MagentoSandbox extends Sandbox<MagentoSandbox> {
    private final SandboxStore store;
    private final Authorization authorization = new Authorization();
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog();
    private final OrderCorruptions orderCorruptions = new OrderCorruptions();
    private volatile Duration latency;

    private MagentoSandbox(Builder builder) {
        super(builder, "Magento 2");
        this.latency = builder.latency;
        this.store = new SandboxStore(builder.seed(), Catalog.standard(), clock());
        builder.tokens.forEach(authorization::grant);
        authorization.setBearerDisabled(builder.bearerDisabled);
        store.generateInitial(builder.orderCount(), builder.orderWindow());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected HttpServer.Handler handler() {
        RestApi api = new RestApi(store, authorization, this::baseUrl, orderCorruptions);
        return new RequestDispatcher(api, faults, requestLog, clock(), () -> latency);
    }

    @Override
    protected MagentoSandbox self() {
        return this;
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

    /** Configures a sandbox: {@link SandboxBuilder}'s settings, tokens, the bearer switch and latency. */
    public static final class Builder extends SandboxBuilder<Builder> {
        private final Map<String, Set<String>> tokens = new LinkedHashMap<>();
        private boolean bearerDisabled;
        private Duration latency = Duration.ZERO;

        private Builder() {}

        @Override
        protected Builder self() {
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
