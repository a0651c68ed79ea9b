package io.storelink.sandbox.woo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.sandbox.HttpServer;
import io.storelink.sandbox.Sandbox;
import io.storelink.sandbox.SandboxBuilder;

import java.net.URI;
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
public final class WooSandbox extends Sandbox<WooSandbox> {
    private final Map<String, String> keys;
    private final WooStore store;

    private WooSandbox(Builder builder, List<ObjectNode> orders) {
        super(builder, "WooCommerce");
        this.keys = Map.copyOf(builder.keys);
        this.store = new WooStore(clock(), orders);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected HttpServer.Handler handler() {
        return new WooApi(store, keys, this::baseUrl);
    }

    @Override
    protected WooSandbox self() {
        return this;
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

    /** Configures a sandbox: {@link SandboxBuilder}'s settings and the key pairs it accepts (none by default). */
    public static final class Builder extends SandboxBuilder<Builder> {
        private final Map<String, String> keys = new LinkedHashMap<>();

        private Builder() {}

        @Override
        protected Builder self() {
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
            return new WooSandbox(this, WooOrders.generate(seed(), orderCount(), orderWindow(), clock().instant()));
        }
    }
}
