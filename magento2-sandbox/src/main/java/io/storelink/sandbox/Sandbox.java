package io.storelink.sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;

/**
 * What both sandboxes share: one {@link HttpServer} on the address and port their builder names, started once,
 * its base URL, and closing it.
 *
 * @param <S> the concrete sandbox, which {@link #start()} returns
 */
public abstract class Sandbox<S extends Sandbox<S>> implements AutoCloseable {
    private final InetAddress address;
    private final int requestedPort;
    private final Clock clock;
    private final String name;
    private volatile HttpServer server;

    protected Sandbox(SandboxBuilder<?> builder, String name) {
        this.address = builder.address();
        this.requestedPort = builder.port();
        this.clock = builder.clock();
        this.name = name;
    }

    /** What answers the requests; called once, by {@link #start()}. */
    protected abstract HttpServer.Handler handler();

    /** This sandbox, as its own type. */
    protected abstract S self();

    /** Binds the port and starts answering; returns this. */
    public synchronized S start() {
        if (server != null) {
            throw new IllegalStateException("sandbox already started");
        }
        server = HttpServer.bind(address, requestedPort, handler(), clock, "the " + name + " sandbox");
        server.start();
        return self();
    }

    /** The store's URL, e.g. {@code http://127.0.0.1:51234}. */
    public URI baseUrl() {
        HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return running.baseUrl();
    }

    /** {@link #baseUrl()} followed by a path and query such as {@code /rest/V1/orders?searchCriteria=}. */
    public URI url(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    public int port() {
        return baseUrl().getPort();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
