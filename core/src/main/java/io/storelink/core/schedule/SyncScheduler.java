package io.storelink.core.schedule;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.order.ImportBusyException;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.OrderImportService;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.shipment.ShipmentService;
import io.storelink.core.storage.LeaseLostException;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Imports every connection on its interval and drains the shipment outbox, for a long-running host.
 *
 * <p>Each connection is imported every {@code storelink.schedule.import-interval}, or its own interval
 * ({@link ConnectionService#setImportInterval}): the first time at a random moment within the interval, then every
 * interval give or take {@value #JITTER_PERCENT} %, so hundreds of connections do not call their stores at once.
 * At most {@code storelink.schedule.workers} imports run at once; a due connection waits for a free worker, and a
 * slow store holds one worker only. A connection runs one import at a time: here, and against other processes
 * through the import run's lease. After {@code n} failed runs in a row (whatever the reason: a store that is down,
 * credentials it refuses, values that are wrong) the next run waits {@code interval × 2^n}, at most
 * {@code storelink.schedule.max-backoff}; the first success ends the backoff. {@link #status()} says why.
 *
 * <p>Every {@code storelink.schedule.outbox-interval} the outbox is looked at: the notifications that are due
 * ({@link ShipmentService#sendDue}) are sent, one connection per worker, at most
 * {@code storelink.schedule.outbox-workers} connections at once.
 *
 * <p>{@link #stop(Duration)} takes no more work, lets running imports and notifications finish and commit for up to
 * the drain time, then interrupts what is left: an interrupted import keeps every batch it stored and is recorded
 * as cancelled, an interrupted notification is failed and sent again (it looks on the store first) by the next
 * drain. A process killed at any moment loses and duplicates nothing either: imports store page by page under a
 * cursor, and notifications are claimed under leases.
 */
public final class SyncScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    /** How far, in percent of the interval, a run may fire before or after its interval. */
    public static final int JITTER_PERCENT = 10;

    /** How often due connections are looked for, when the scheduler ticks by itself. */
    static final Duration TICK = Duration.ofSeconds(1);

    /** How long stopping waits, after the drain time, for interrupted work to record how it ended. */
    static final Duration AFTER_INTERRUPT = Duration.ofSeconds(10);

    private enum Phase { NEW, RUNNING, STOPPING, STOPPED }

    private final ConnectionService connections;
    private final OrderImportService imports;
    private final ShipmentService shipments;
    private final StorelinkMetrics metrics;
    private final ScheduleSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final boolean ticking;

    /** Guarded by {@code this}, as is every slot's state. */
    private final Map<String, Slot> slots = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> draining = new HashSet<>();
    private final Map<String, Instant> outboxWaits = new HashMap<>();
    private final Map<String, Integer> outboxFailures = new HashMap<>();
    /** How far each run that is running here got, by run id. */
    private final Map<Long, RunProgress> progress = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.NEW;

    private ScheduledExecutorService ticker;
    private ThreadPoolExecutor importWorkers;
    private ThreadPoolExecutor outboxWorkers;
    private ExecutorService requested;

    @Inject
    public SyncScheduler(ConnectionService connections, OrderImportService imports, ShipmentService shipments,
                         StorelinkMetrics metrics, HostConfig config, Clock clock) {
        this(connections, imports, shipments, metrics, config.schedule(), clock, new Random(), true);
    }

    /**
     * @param ticking whether the scheduler looks for due work by itself once started; a test that moves its clock by
     *        hand leaves it off and calls {@link #tick()} and {@link #drainOutbox()}
     */
    SyncScheduler(ConnectionService connections, OrderImportService imports, ShipmentService shipments,
                  StorelinkMetrics metrics, ScheduleSettings settings, Clock clock, RandomGenerator random,
                  boolean ticking) {
        this.connections = connections;
        this.imports = imports;
        this.shipments = shipments;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.ticking = ticking;
    }

    /** @return the settings it runs with */
    public ScheduleSettings settings() {
        return settings;
    }

    /**
     * Starts importing and draining the outbox.
     *
     * @throws IllegalStateException when it was started before
     */
    public synchronized void start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("The scheduler was started before; make a new one");
        }
        importWorkers = pool(settings.workers(), "storelink-import-worker");
        outboxWorkers = pool(settings.outboxWorkers(), "storelink-outbox-worker");
        requested = Executors.newCachedThreadPool(threads("storelink-import-now"));
        phase = Phase.RUNNING;
        if (ticking) {
            ticker = Executors.newSingleThreadScheduledExecutor(threads("storelink-scheduler"));
            ticker.scheduleWithFixedDelay(quietly(this::tick, "looking for due connections", TICK), 0,
                    TICK.toMillis(), TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(quietly(this::drainOutbox, "looking at the outbox",
                            settings.outboxInterval()), settings.outboxInterval().toMillis(),
                    settings.outboxInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Scheduler started: imports every {} (connections may have their own interval), {} at once; "
                        + "outbox every {}", settings.importInterval(), settings.workers(), settings.outboxInterval());
    }

    /** @return whether it has started and not begun to stop */
    public boolean running() {
        return phase == Phase.RUNNING;
    }

    /**
     * Looks for connections that are due and hands them to the workers: connections added since are scheduled at a
     * random moment within their interval, removed ones are forgotten, changed intervals take effect.
     */
    void tick() {
        if (phase != Phase.RUNNING) {
            return;
        }
        Map<String, Optional<Duration>> intervals = connections.importIntervals();
        Instant now = clock.instant();
        synchronized (this) {
            if (phase != Phase.RUNNING) {
                return;
            }
            slots.keySet().removeIf(name -> !intervals.containsKey(name) && !slots.get(name).running);
            intervals.forEach((name, own) -> {
                Duration interval = own.orElse(settings.importInterval());
                Slot slot = slots.get(name);
                if (slot == null) {
                    slots.put(name, new Slot(name, interval, own.isPresent(), now.plus(firstWait(interval))));
                } else if (!slot.interval.equals(interval) || slot.ownInterval != own.isPresent()) {
                    slot.interval = interval;
                    slot.ownInterval = own.isPresent();
                    if (!slot.running) {
                        slot.nextRunAt = slot.lastRunAt == null ? now.plus(firstWait(interval))
                                : slot.lastRunAt.plus(nextWait(slot));
                    }
                }
            });
            List<Slot> due = slots.values().stream().filter(slot -> !slot.running && !slot.nextRunAt.isAfter(now))
                    .sorted(Comparator.comparing(slot -> slot.nextRunAt)).toList();
            for (Slot slot : due) {
                slot.running = true;
                slot.queued = true;
                long ticket = ++slot.ticket;
                importWorkers.execute(() -> runScheduled(slot, ticket));
            }
        }
    }

    private void runScheduled(Slot slot, long ticket) {
        synchronized (this) {
            if (slot.ticket != ticket || !slot.queued) {
                return;
            }
            slot.queued = false;
            if (phase != Phase.RUNNING) {
                slot.running = false;
                return;
            }
        }
        if (importedElsewhereLately(slot)) {
            return;
        }
        run(slot, new CompletableFuture<>());
    }

    /**
     * Whether another host (or a command) started an import of the slot's connection less than the shortest wait of
     * its schedule ago; then this scheduled run is left out and the next one counted from that start. Every host's
     * scheduler schedules every connection, and the run's lease only keeps two runs from overlapping: without this,
     * N hosts would import each connection N times per interval. This host's own runs are never that recent when
     * one falls due, since its next run is counted from the end of its last.
     */
    private boolean importedElsewhereLately(Slot slot) {
        Instant started;
        try {
            List<ImportRun> last = imports.recentRuns(slot.name, 1);
            if (last.isEmpty()) {
                return false;
            }
            started = last.get(0).startedAt();
        } catch (RuntimeException e) {
            return false; // The run itself meets the problem (a connection removed, a database down) and records it.
        }
        Instant now = clock.instant();
        if (!started.plus(slot.interval.multipliedBy(9).dividedBy(10)).isAfter(now)) {
            return false;
        }
        synchronized (this) {
            slot.running = false;
            slot.nextRunAt = started.plus(nextWait(slot));
        }
        LOG.debug("Connection {}: imported at {} by another host or command; the next scheduled run about {}",
                slot.name, started, slot.nextRunAt);
        return true;
    }

    /**
     * Imports a connection now, outside its schedule and without waiting for a free worker, and returns once the
     * run has started. Its result counts as a scheduled run's: a success ends a backoff, and the next scheduled run
     * is an interval after it.
     *
     * @param connectionName the connection, any case
     * @return the run's id ({@code storelink runs} and the status show how it goes)
     * @throws ImportBusyException when a run of the connection is running, here or in another process
     * @throws io.storelink.core.form.ValidationException when there is no such connection
     * @throws IllegalStateException when the scheduler is not running
     * @throws RuntimeException what stopped the run from starting (its platform's plugin is missing, a secret
     *         reference cannot be resolved); it is the connection's last error then
     */
    public long importNow(String connectionName) {
        Connection connection = connections.get(connectionName);
        CompletableFuture<Long> started = new CompletableFuture<>();
        synchronized (this) {
            if (phase != Phase.RUNNING) {
                throw new IllegalStateException("The scheduler is " + (phase == Phase.NEW ? "not started" : "stopping")
                        + "; no import can start");
            }
            Slot slot = slots.computeIfAbsent(connection.name(), name -> new Slot(name, settings.importInterval(),
                    false, clock.instant().plus(firstWait(settings.importInterval()))));
            if (slot.running && !slot.queued) {
                throw new ImportBusyException("Connection " + slot.name + " is being imported"
                        + (slot.runId == null ? "" : " (run " + slot.runId + ")")
                        + "; one run at a time per connection");
            }
            // A run waiting for a worker is taken over: it starts now instead.
            slot.queued = false;
            slot.running = true;
            slot.ticket++;
            requested.execute(() -> run(slot, started));
        }
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the import of " + connection.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs one import of the slot's connection and schedules its next run from how it ended. */
    private void run(Slot slot, CompletableFuture<Long> started) {
        String result;
        String error = null;
        Throwable failure = null;
        try {
            imports.importOrders(slot.name, new ImportListener() {
                private long id = -1;
                private int retries;

                @Override
                public void started(long runId) {
                    synchronized (SyncScheduler.this) {
                        slot.runId = runId;
                    }
                    id = runId;
                    progress.put(runId, new RunProgress(0, -1, 0));
                    started.complete(runId);
                }

                @Override
                public void progress(long done, long total) {
                    progress.put(id, new RunProgress(done, total, retries));
                }

                @Override
                public void retrying(int attempt, Duration wait, ConnectorException cause) {
                    retries++;
                    progress.computeIfPresent(id, (key, now) -> new RunProgress(now.done(), now.total(), retries));
                }
            });
            result = ScheduleStatus.SUCCEEDED;
        } catch (ImportBusyException | LeaseLostException e) {
            // Another host imports the connection: it started first, or it took this host's run over.
            result = ScheduleStatus.BUSY;
            error = e.getMessage();
            failure = e;
        } catch (ConnectorException e) {
            result = e.kind() == ErrorKind.CANCELLED && phase != Phase.RUNNING ? ScheduleStatus.CANCELLED
                    : ScheduleStatus.FAILED;
            error = message(e);
            failure = e;
        } catch (RuntimeException | Error e) {
            result = ScheduleStatus.FAILED;
            error = message(e);
            failure = e;
        }
        Long runId;
        synchronized (this) {
            runId = slot.runId;
        }
        if (runId != null) {
            progress.remove(runId);
        }
        started.completeExceptionally(failure != null ? failure
                : new IllegalStateException("the import of " + slot.name + " ended before it started"));
        finished(slot, result, error);
        if (failure instanceof Error fatal) {
            throw fatal;
        }
    }

    private synchronized void finished(Slot slot, String result, String error) {
        Instant now = clock.instant();
        slot.running = false;
        slot.queued = false;
        slot.runId = null;
        slot.lastResult = result;
        slot.lastRunAt = now;
        slot.lastError = error;
        if (result.equals(ScheduleStatus.FAILED)) {
            slot.failures++;
        } else if (result.equals(ScheduleStatus.SUCCEEDED)) {
            slot.failures = 0;
        }
        slot.nextRunAt = now.plus(nextWait(slot));
        if (result.equals(ScheduleStatus.FAILED)) {
            LOG.warn("Connection {}: {} import run(s) in a row failed; the next in about {} (backoff): {}", slot.name,
                    slot.failures, RetryPolicy.human(Duration.between(now, slot.nextRunAt)), error);
        } else if (result.equals(ScheduleStatus.BUSY)) {
            LOG.info("Connection {}: skipped, another process is importing it; the next run in about {}", slot.name,
                    RetryPolicy.human(Duration.between(now, slot.nextRunAt)));
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** @return a random moment within the interval: when a connection's first run fires */
    private Duration firstWait(Duration interval) {
        return Duration.ofMillis(random.nextLong(interval.toMillis()));
    }

    /**
     * @return the wait before the slot's next run: its interval give or take {@value #JITTER_PERCENT} %, or after
     *         failures its backoff, give or take as much but never past the cap
     */
    private Duration nextWait(Slot slot) {
        if (slot.failures <= 0) {
            return jittered(slot.interval);
        }
        Duration wait = jittered(backoff(slot.interval, slot.failures));
        Duration cap = cap(slot.interval);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** @return the longest backoff of a connection with this interval: the maximum, or the interval if longer */
    private Duration cap(Duration interval) {
        return settings.maxBackoff().compareTo(interval) > 0 ? settings.maxBackoff() : interval;
    }

    /** @return {@code interval × 2^failures} capped at the maximum backoff, or zero when there are no failures */
    private Duration backoff(Duration interval, int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration max = cap(interval);
        if (failures >= 30) {
            return max;
        }
        Duration wait = interval.multipliedBy(1L << failures);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** @return {@code wait} give or take {@value #JITTER_PERCENT} % */
    private Duration jittered(Duration wait) {
        long millis = wait.toMillis();
        long spread = millis * JITTER_PERCENT / 100;
        return Duration.ofMillis(millis + (spread == 0 ? 0 : random.nextLong(-spread, spread + 1)));
    }

    /**
     * Sends what the outbox holds that is due, each connection's notifications on one worker: a connection whose
     * outbox is being sent is not handed out twice, and one whose sending failed as a whole (its plugin is missing,
     * a secret reference does not resolve) is left alone for a while that doubles each time.
     */
    void drainOutbox() {
        if (phase != Phase.RUNNING) {
            return;
        }
        try {
            metrics.refreshOutboxGauges();
        } catch (RuntimeException e) {
            LOG.warn("Reading the outbox's depth for the metrics failed: {}", message(e));
        }
        List<String> due = shipments.connectionsWithDue();
        Instant now = clock.instant();
        synchronized (this) {
            for (String name : due) {
                Instant wait = outboxWaits.get(name);
                if (phase != Phase.RUNNING || (wait != null && wait.isAfter(now)) || !draining.add(name)) {
                    continue;
                }
                outboxWorkers.execute(() -> sendDue(name));
            }
        }
    }

    private void sendDue(String name) {
        try {
            shipments.sendDue(name, () -> phase == Phase.RUNNING);
            synchronized (this) {
                outboxWaits.remove(name);
                outboxFailures.remove(name);
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                int failures = outboxFailures.merge(name, 1, Integer::sum);
                Duration wait = backoff(settings.outboxInterval(), failures);
                outboxWaits.put(name, clock.instant().plus(wait));
                LOG.warn("Connection {}: sending its outbox failed ({} in a row), next in {} s: {}", name, failures,
                        wait.toSeconds(), message(e));
            }
        } finally {
            synchronized (this) {
                draining.remove(name);
            }
        }
    }

    /**
     * @param runId an import run's id
     * @return how far it got, while this scheduler runs it; empty when it is not running here
     */
    public Optional<RunProgress> progress(long runId) {
        return Optional.ofNullable(progress.get(runId));
    }

    /**
     * How far a running import got.
     *
     * @param done orders found so far
     * @param total done plus what the store says remains, or {@code -1} when unknown
     * @param retries how many calls were retried so far
     */
    public record RunProgress(long done, long total, int retries) {
    }

    /** @return where each connection is, by name; connections added in the last second may not be listed yet */
    public synchronized List<ScheduleStatus> status() {
        List<ScheduleStatus> status = new ArrayList<>();
        slots.values().forEach(slot -> status.add(slot.status(this)));
        return status;
    }

    /**
     * @param connectionName a connection, any case
     * @return where it is, empty when the scheduler has not seen it yet (it was added in the last second, or the
     *         scheduler has not started)
     */
    public synchronized Optional<ScheduleStatus> status(String connectionName) {
        return Optional.ofNullable(slots.get(connectionName)).map(slot -> slot.status(this));
    }

    /**
     * Stops: takes no more work (runs waiting for a worker are dropped, no notification is started), lets running
     * imports and notifications finish and commit for up to {@code drain}, then interrupts what is left and waits
     * briefly for it to record how it ended. Calling it again does nothing.
     *
     * @param drain how long running work may take to finish
     * @return whether everything finished within {@code drain}, none of it interrupted
     */
    public boolean stop(Duration drain) {
        synchronized (this) {
            if (phase == Phase.NEW || phase == Phase.STOPPED) {
                phase = Phase.STOPPED;
                return true;
            }
            if (phase == Phase.STOPPING) {
                return true;
            }
            phase = Phase.STOPPING;
        }
        LOG.info("Scheduler stopping: no new work; waiting up to {} for running imports and notifications", drain);
        if (ticker != null) {
            ticker.shutdownNow();
        }
        List<ExecutorService> pools = List.of(importWorkers, outboxWorkers, requested);
        pools.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + drain.toNanos();
        boolean finished = awaitAll(pools, deadline);
        if (!finished) {
            LOG.warn("Scheduler stopping: work still running after {}; interrupting it (imports keep every stored "
                    + "batch, notifications are sent again later)", drain);
            pools.forEach(ExecutorService::shutdownNow);
            if (!awaitAll(pools, System.nanoTime() + AFTER_INTERRUPT.toNanos())) {
                LOG.warn("Scheduler stopping: some work did not end within {} of being interrupted",
                        AFTER_INTERRUPT);
            }
        }
        if (ticker != null) {
            awaitAll(List.of(ticker), System.nanoTime() + AFTER_INTERRUPT.toNanos());
        }
        phase = Phase.STOPPED;
        LOG.info("Scheduler stopped");
        return finished;
    }

    private static boolean awaitAll(List<ExecutorService> pools, long deadline) {
        try {
            for (ExecutorService pool : pools) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops with {@code storelink.schedule.stop-drain}. */
    @Override
    public void close() {
        stop(settings.stopDrain());
    }

    /** @return {@code step}, its failure logged: a scheduled task that throws is never run again */
    private static Runnable quietly(Runnable step, String what, Duration every) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("Scheduler: {} failed, trying again in {}: {}", what, RetryPolicy.human(every), message(e));
            }
        };
    }

    private static ThreadPoolExecutor pool(int size, String name) {
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads(name));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One connection's place in the schedule; guarded by the scheduler. */
    private static final class Slot {
        final String name;
        Duration interval;
        boolean ownInterval;
        Instant nextRunAt;
        boolean running;
        boolean queued;
        long ticket;
        Long runId;
        String lastResult;
        Instant lastRunAt;
        int failures;
        String lastError;

        Slot(String name, Duration interval, boolean ownInterval, Instant nextRunAt) {
            this.name = name;
            this.interval = interval;
            this.ownInterval = ownInterval;
            this.nextRunAt = nextRunAt;
        }

        ScheduleStatus status(SyncScheduler scheduler) {
            return new ScheduleStatus(name, interval, ownInterval, nextRunAt, running, runId, lastResult, lastRunAt,
                    failures, scheduler.backoff(interval, failures), lastError);
        }
    }
}
