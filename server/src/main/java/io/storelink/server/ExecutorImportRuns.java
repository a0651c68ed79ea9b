package io.storelink.server;

import io.storelink.api.ConnectorException;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.OrderImportService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@link OrderImportService#importOrders} on a small pool of its own and keeps each running run's progress in
 * memory; the run itself, its result and its counts, is in the database. Stands in until the scheduler backs
 * {@link ImportRuns}.
 */
@Singleton
public final class ExecutorImportRuns implements ImportRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorImportRuns.class);
    private static final int THREADS = 2;

    private final OrderImportService imports;
    private final ExecutorService pool;
    private final Map<Long, Progress> running = new ConcurrentHashMap<>();

    @Inject
    public ExecutorImportRuns(OrderImportService imports) {
        this.imports = imports;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "storelink-api-import-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public long start(String connection) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        try {
            pool.execute(() -> run(connection, started));
        } catch (RejectedExecutionException e) {
            throw ConnectorException.of(io.storelink.api.ErrorKind.CANCELLED,
                    "The server is shutting down and takes no new import runs");
        }
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.of(io.storelink.api.ErrorKind.CANCELLED, "Interrupted while starting the import");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run(String connection, CompletableFuture<Long> started) {
        long[] id = {-1};
        AtomicInteger retries = new AtomicInteger();
        try {
            imports.importOrders(connection, new ImportListener() {
                @Override
                public void started(long runId) {
                    id[0] = runId;
                    running.put(runId, new Progress(0, -1, 0));
                    started.complete(runId);
                }

                @Override
                public void progress(long done, long total) {
                    running.put(id[0], new Progress(done, total, retries.get()));
                }

                @Override
                public void retrying(int attempt, Duration wait, ConnectorException cause) {
                    retries.incrementAndGet();
                    running.computeIfPresent(id[0], (key, now) -> new Progress(now.done(), now.total(), retries.get()));
                }
            });
        } catch (RuntimeException | Error e) {
            // Before the run was recorded, the caller hears why; after, the run's row says it (and the log).
            if (!started.completeExceptionally(e)) {
                LOG.debug("Import run {} of connection {} ended with {}", id[0], connection, e.toString());
            }
        } finally {
            running.remove(id[0]);
            started.completeExceptionally(new IllegalStateException("the import ended without starting"));
        }
    }

    @Override
    public Optional<Progress> progress(long runId) {
        return Optional.ofNullable(running.get(runId));
    }

    @Override
    public void drain(Duration timeout) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Import runs still running after {} s; interrupting them (recorded as cancelled)",
                        timeout.toSeconds());
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
