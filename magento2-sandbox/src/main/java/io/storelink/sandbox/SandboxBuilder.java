package io.storelink.sandbox;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What the sandboxes' builders share: where to listen, and the seed, number, time span and clock of the orders they
 * generate. Defaults: loopback, port 0 (any free port), seed 1, 50 orders over 30 days, UTC system clock.
 *
 * @param <B> the concrete builder, which each setter returns
 */
public abstract class SandboxBuilder<B extends SandboxBuilder<B>> {
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private long seed = 1;
    private int orderCount = 50;
    private Duration orderWindow = Duration.ofDays(30);
    private Clock clock = Clock.systemUTC();

    protected SandboxBuilder() {}

    /** This builder, as its own type. */
    protected abstract B self();

    public B address(InetAddress newAddress) {
        this.address = requireNonNull(newAddress, "newAddress is null");
        return self();
    }

    public B port(int newPort) {
        if (newPort < 0 || newPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + newPort);
        }
        this.port = newPort;
        return self();
    }

    public B seed(long newSeed) {
        this.seed = newSeed;
        return self();
    }

    public B orderCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("orderCount must not be negative: " + count);
        }
        this.orderCount = count;
        return self();
    }

    /** The span the generated orders' creation dates spread over, ending a few minutes before now. */
    public B orderWindow(Duration window) {
        requireNonNull(window, "window is null");
        if (window.isNegative()) {
            throw new IllegalArgumentException("orderWindow must not be negative: " + window);
        }
        this.orderWindow = window;
        return self();
    }

    public B clock(Clock newClock) {
        this.clock = requireNonNull(newClock, "newClock is null");
        return self();
    }

    protected InetAddress address() {
        return address;
    }

    protected int port() {
        return port;
    }

    protected long seed() {
        return seed;
    }

    protected int orderCount() {
        return orderCount;
    }

    protected Duration orderWindow() {
        return orderWindow;
    }

    protected Clock clock() {
        return clock;
    }
}
