package io.storelink.core.order;

import io.storelink.api.ConnectionConfig;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportPlan;
import io.storelink.api.ImportRequest;
import io.storelink.api.OrderBatch;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.plugin.DefaultPlatformContext;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginConnector;
import io.storelink.core.plugin.PluginHost;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.storage.LeaseLostException;
import io.storelink.core.storage.Leases;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Imports a connection's orders: asks its connector for batches from the stored cursor, stores each batch's new
 * orders together with the next cursor in one transaction, and records the run's statistics. A connector that
 * implements {@link io.storelink.api.RangedImport} (API 1.2) plans the run as ranges whose pages are read
 * concurrently by a {@link RangedFetcher}; any other is read one batch after another by a {@code BatchFetcher}.
 *
 * <p>Each order is imported once per connection, whatever the connector returns twice, across runs, restarts and
 * crashes: the database keys orders by connection and platform order id, and a crash between batches loses at
 * most the batch in flight, which the next run fetches again from the last stored cursor.
 */
public final class OrderImportService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderImportService.class);

    private final ConnectionService connections;
    private final PluginHost plugins;
    private final OrderRepository orders;
    private final HostConfig config;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private final StorelinkMetrics metrics;

    @Inject
    public OrderImportService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                              HostConfig config, Clock clock, StorelinkMetrics metrics) {
        this(connections, plugins, orders, config, clock, RetryPolicy.Sleeper.REAL, metrics);
    }

    /** For tests that must not sleep through backoff; metrics go to a registry nothing reads. */
    public OrderImportService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                              HostConfig config, Clock clock, RetryPolicy.Sleeper sleeper) {
        this(connections, plugins, orders, config, clock, sleeper, StorelinkMetrics.unread());
    }

    /** For tests that must not sleep through backoff, with the metrics they read. */
    public OrderImportService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                              HostConfig config, Clock clock, RetryPolicy.Sleeper sleeper,
                              StorelinkMetrics metrics) {
        this.connections = connections;
        this.plugins = plugins;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /**
     * Runs one import of a connection.
     *
     * @param connectionName the connection
     * @param caller hears the run's id, progress and retries, from one thread at a time
     * @return the finished run's statistics
     * @throws ConnectorException when the run failed; the run is recorded as failed with the message
     */
    public ImportRun importOrders(String connectionName, ImportListener caller) {
        ImportListener listener = serialized(caller);
        Connection connection = connections.get(connectionName);
        PlatformPlugin platform = plugins.platform(connection.platform());
        ConnectionConfig resolved = connections.resolve(connection);
        Instant startedAt = clock.instant();
        Leases.Lease lease = orders.startRun(connection, startedAt);
        long runId = lease.id();
        LOG.info("Import run {} of connection {} ({}) started", runId, connection.name(), connection.platform());
        RunResult result = ImportRun.SUCCEEDED;
        Throwable failure = null;
        PluginConnector connector = null;
        try {
            listener.started(runId);
            connector = platform.connect(resolved, DefaultPlatformContext.of(clock, config));
            String cursor = orders.cursor(connection).orElse(null);
            try (Fetcher fetcher = connector.ranged() ? ranged(connector, cursor, startedAt, listener)
                    : new BatchFetcher(connector, cursor, startedAt, listener)) {
                long done = 0;
                for (Fetcher.Fetched fetched = fetcher.next(); fetched != null; fetched = fetcher.next()) {
                    OrderBatch batch = fetched.batch();
                    OrderRepository.BatchOutcome stored = orders.storeBatch(connection, lease, batch,
                            fetched.payloads(), clock.instant());
                    metrics.ordersImported(connection.name(), stored.imported());
                    done += batch.orders().size() + batch.failed().size();
                    listener.progress(done, fetcher.total(batch, done));
                    if (lease.lost()) {
                        // The renewer found the run taken over (this host was paused past its lease): the host that
                        // took it imports on from the stored cursor, so this one asks the store for nothing more.
                        throw new LeaseLostException("Lease on " + lease + " was taken over by another process; "
                                + "this process stopped importing before its next page");
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            result = e instanceof ConnectorException connectorFailure
                    && connectorFailure.kind() == ErrorKind.CANCELLED ? ImportRun.CANCELLED : ImportRun.FAILED;
        } finally {
            failure = closeQuietly(connector, failure, connection);
        }
        if (failure instanceof LeaseLostException lost) {
            // Another host took the run over and imports on from the stored cursor: nothing of this host's late page
            // was kept, its run is not recorded as ended by this host, and Leases logged the loss once.
            throw lost;
        }
        if (failure == null) {
            finish(connection, lease, ImportRun.SUCCEEDED, startedAt, null);
            ImportRun run = orders.run(connection, runId);
            LOG.info("Import run {} of connection {} succeeded in {} ms: found {}, new {}, already imported {}, "
                            + "held back {}, unreadable {}", runId, connection.name(), run.duration().toMillis(),
                    run.found(), run.imported(), run.alreadyImported(), run.heldBack(), run.failed());
            return run;
        }
        String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        finish(connection, lease, result, startedAt, error);
        LOG.warn("Import run {} of connection {} {}: {}", runId, connection.name(), result, error);
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }

    /**
     * Closes the plugin's connector. Its failure never hides the run's own: it is added to that as suppressed, and
     * after a run that succeeded it is only logged, since every batch is stored by then.
     *
     * @return the run's failure, or {@code null}
     */
    private static Throwable closeQuietly(PluginConnector connector, Throwable failure, Connection connection) {
        if (connector == null) {
            return failure;
        }
        try {
            connector.close();
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("Connection {}: the import succeeded, then closing the connector failed: {}",
                        connection.name(), e.getMessage());
            }
        }
        return failure;
    }

    /**
     * Plans a ranged run (API 1.2), retried as a whole for a passing reason, and starts reading its pages with at
     * most {@link HostConfig#importConcurrency()} on the network at once.
     */
    private Fetcher ranged(PluginConnector connector, String cursor, Instant startedAt, ImportListener listener) {
        ImportPlan plan = retried("Planning the import",
                () -> connector.planImport(new ImportRequest(cursor, startedAt, true)), listener);
        // A connector whose requests all enter the context's request gate keeps the store at importConcurrency
        // requests itself, so a page can be mapped while the next request is out: it gets a few more calls.
        int calls = config.importConcurrency() + (connector.requestsThroughGate() ? RangedFetcher.AHEAD : 0);
        LOG.info("{} planned {} range(s), expecting {} order(s); {} request(s) and {} page call(s) at once",
                connector.who(), plan.ranges().size(), plan.expected(), config.importConcurrency(), calls);
        return new RangedFetcher(connector, plan, cursor, startedAt, config.importConcurrency(), calls,
                call -> retried("Fetching a page", call, listener));
    }

    /** Calls a plugin under the host's retry policy; each retry is logged and told to {@code listener}. */
    private <T> T retried(String what, Supplier<T> call, ImportListener listener) {
        return config.retry().call(call, sleeper, (attempt, wait, cause) -> {
            LOG.warn("{} failed for a passing reason; attempt {} in {} ms: {}", what, attempt, wait.toMillis(),
                    cause.getMessage());
            listener.retrying(attempt, wait, cause);
        }, clock);
    }

    /** @return {@code listener}, heard by one thread at a time: page threads retry concurrently */
    private static ImportListener serialized(ImportListener listener) {
        return new ImportListener() {
            @Override
            public synchronized void started(long runId) {
                listener.started(runId);
            }

            @Override
            public synchronized void progress(long done, long total) {
                listener.progress(done, total);
            }

            @Override
            public synchronized void retrying(int attempt, Duration wait, ConnectorException cause) {
                listener.retrying(attempt, wait, cause);
            }
        };
    }

    /**
     * Fetches batches on its own thread, at most {@value #AHEAD} ahead of the store, so the next page crosses the
     * network while the last one is written to the database. Memory stays bounded by those few batches.
     *
     * <p>It holds the plugin to the import contract: a batch that says there is more must move the cursor to one
     * this run has not seen (else the run would never end), and whatever the fetch thread throws, an {@link Error}
     * included, is handed to the storing thread, which fails the run with it.
     */
    private final class BatchFetcher implements Fetcher {
        private static final int AHEAD = 2;
        private static final Object END = new Object();

        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
        private final Thread thread;

        BatchFetcher(PluginConnector connector, String cursor, Instant startedAt, ImportListener listener) {
            thread = new Thread(() -> {
                try {
                    String next = cursor;
                    boolean first = true;
                    Set<String> seen = new HashSet<>();
                    while (true) {
                        ImportRequest request = new ImportRequest(next, startedAt, first);
                        OrderBatch batch = retried("Fetching orders", () -> connector.fetchOrders(request),
                                listener);
                        if (batch.hasMore() && (Objects.equals(batch.nextCursor(), next)
                                || !seen.add(batch.nextCursor()))) {
                            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, connector.who()
                                    + " returned a batch with more to come but a cursor this run had already "
                                    + "passed (" + abbreviate(batch.nextCursor()) + "): the import would never end. "
                                    + "The orders of the batches before it are kept.");
                        }
                        // Written here, so the storing thread only inserts.
                        ready.put(Fetcher.Fetched.of(batch));
                        if (!batch.hasMore()) {
                            ready.put(END);
                            return;
                        }
                        next = batch.nextCursor();
                        first = false;
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    hand(e);
                }
            }, "storelink-import-fetch");
            thread.setDaemon(true);
            thread.start();
        }

        private void hand(Throwable failure) {
            try {
                ready.put(failure);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public long total(OrderBatch stored, long done) {
            return stored.remaining() < 0 ? -1 : done + stored.remaining();
        }

        @Override
        public Fetched next() {
            Object item;
            try {
                item = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.of(ErrorKind.CANCELLED, "The import was interrupted", e);
            }
            if (item == END) {
                return null;
            }
            if (item instanceof RuntimeException failure) {
                throw failure;
            }
            if (item instanceof Error failure) {
                throw failure;
            }
            if (item instanceof Throwable failure) {
                throw new IllegalStateException(failure);
            }
            return (Fetched) item;
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @param connectionName the connection
     * @param runId an import run's id
     * @return the run as recorded: running, or how it ended
     * @throws ValidationException (not found) when the connection has no run with that id
     */
    public ImportRun run(String connectionName, long runId) {
        Connection connection = connections.get(connectionName);
        return orders.findRun(connection, runId).orElseThrow(() -> ValidationException.notFound(List.of(
                new FieldError("run", "connection " + connection.name() + " has no import run " + runId))));
    }

    /** The most runs {@link #recentRuns} gives. */
    public static final int MAX_RECENT_RUNS = 200;

    /**
     * @param connectionName the connection
     * @param limit at most this many, 1 to {@link #MAX_RECENT_RUNS}
     * @return the connection's most recent import runs, newest first, running ones included
     * @throws ValidationException (not found) when there is no such connection; (usage) for a limit out of range
     */
    public List<ImportRun> recentRuns(String connectionName, int limit) {
        if (limit < 1 || limit > MAX_RECENT_RUNS) {
            throw new ValidationException(List.of(new FieldError("limit", "is " + limit + "; expected 1 to "
                    + MAX_RECENT_RUNS)));
        }
        return orders.recentRuns(connections.get(connectionName), limit);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private void finish(Connection connection, Leases.Lease run, RunResult result, Instant startedAt, String error) {
        Instant finishedAt = clock.instant();
        Duration duration = Duration.between(startedAt, finishedAt);
        orders.finishRun(run, result, finishedAt, duration, error);
        metrics.importRun(connection.name(), result.value(), duration.isNegative() ? Duration.ZERO : duration);
    }
}
