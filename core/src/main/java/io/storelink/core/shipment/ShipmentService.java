package io.storelink.core.shipment;

import io.storelink.api.Capability;
import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.Order;
import io.storelink.api.OrderLine;
import io.storelink.api.Shipment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.core.config.HostConfig;
import io.storelink.core.connection.Connection;
import io.storelink.core.connection.ConnectionService;
import io.storelink.core.metrics.StorelinkMetrics;
import io.storelink.core.form.ClosedSet;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.order.Fulfilment;
import io.storelink.core.order.ImportedOrder;
import io.storelink.core.order.OrderRepository;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Ship notifications through an outbox: each is stored before it is sent, sent with retries for passing failures,
 * and recorded as sent (with the store's shipment id) or failed (with the reason and the attempt count).
 *
 * <p>A notification is never sent twice: its idempotency key is derived from the order, the tracking numbers and
 * the lines, so the same notification given again (a batch file imported twice) is recognised; and every attempt
 * after the first tells the connector to look for its shipment on the store before creating one.
 */
public final class ShipmentService {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentService.class);

    private final ConnectionService connections;
    private final PluginHost plugins;
    private final OrderRepository orders;
    private final ShipmentRepository outbox;
    private final HostConfig config;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private final StorelinkMetrics metrics;

    @Inject
    public ShipmentService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                           ShipmentRepository outbox, HostConfig config, Clock clock, StorelinkMetrics metrics) {
        this(connections, plugins, orders, outbox, config, clock, RetryPolicy.Sleeper.REAL, metrics);
    }

    /** For tests that must not sleep through backoff; metrics go to a registry nothing reads. */
    public ShipmentService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                           ShipmentRepository outbox, HostConfig config, Clock clock, RetryPolicy.Sleeper sleeper) {
        this(connections, plugins, orders, outbox, config, clock, sleeper, StorelinkMetrics.unread());
    }

    /** For tests that must not sleep through backoff, with the metrics they read. */
    public ShipmentService(ConnectionService connections, PluginHost plugins, OrderRepository orders,
                           ShipmentRepository outbox, HostConfig config, Clock clock, RetryPolicy.Sleeper sleeper,
                           StorelinkMetrics metrics) {
        this.connections = connections;
        this.plugins = plugins;
        this.orders = orders;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /**
     * Stores a notification and sends it.
     *
     * @param connectionName the connection
     * @param request what shipped
     * @return the notification as it ended: sent, or failed with the reason
     * @throws ValidationException when the request names something the imported order does not have; nothing is
     *         stored then
     */
    public ShipmentRecord notify(String connectionName, ShipmentRequest request) {
        Connection connection = connections.get(connectionName);
        ShipmentRecord stored = enqueue(connection, request);
        if (stored.state().equals(ShipmentRecord.SENT)) {
            return stored;
        }
        try (Session session = open(connection)) {
            return session.send(stored.id());
        }
    }

    /**
     * Checks a notification against the imported order and stores it as pending, or finds the same notification
     * stored before.
     */
    ShipmentRecord enqueue(Connection connection, ShipmentRequest request) {
        PlatformPlugin platform = plugins.platform(connection.platform());
        if (!platform.descriptor().capabilities().contains(Capability.SHIP_NOTIFICATIONS)) {
            throw ConnectorException.of(ErrorKind.NOT_SUPPORTED, "Platform " + platform.descriptor().id()
                    + " does not take ship notifications");
        }
        String key = idempotencyKey(connection, request);
        Optional<ShipmentRecord> known = outbox.findByKey(key);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<ImportedOrder> imported = orders.findByNumber(connection, request.orderNumber());
        ShipmentRequest toStore = request;
        if (imported.isPresent()) {
            Order order = imported.get().order();
            Map<String, BigDecimal> left = leftToShip(connection, order);
            if (request.lines().isEmpty()) {
                toStore = everythingLeft(order, request, left);
            } else {
                check(order, request, left);
            }
        }
        Optional<Long> id = outbox.insert(connection, toStore,
                imported.map(order -> order.order().platformOrderId()).orElse(null), key, clock.instant());
        return outbox.find(id.orElseGet(() -> outbox.findByKey(key).orElseThrow().id())).orElseThrow();
    }

    /**
     * What is left to ship of each shippable line, as the host counts it for every platform: what was left at import,
     * less what notifications shipped since, less what notifications not yet sent (pending, or being sent) ask for.
     */
    private Map<String, BigDecimal> leftToShip(Connection connection, Order order) {
        Map<String, BigDecimal> left = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            if (line.kind().isShippable()) {
                left.put(line.lineId(), line.quantityToShip());
            }
        }
        for (ShipmentResult.Shipped shipped : outbox.shippedFor(connection, order.orderNumber())) {
            left.computeIfPresent(shipped.lineId(), (lineId, quantity) -> quantity.subtract(shipped.quantity()));
        }
        for (ShipmentRecord inFlight : outbox.inFlightFor(connection, order.orderNumber())) {
            for (ShipmentLine wanted : inFlight.request().lines()) {
                take(order, left, wanted, wanted.quantity());
            }
        }
        left.replaceAll((lineId, quantity) -> quantity.max(BigDecimal.ZERO));
        return left;
    }

    /**
     * Takes {@code quantity} of a requested line from {@code left}: the line with its id, or the order's shippable
     * lines with its SKU in order.
     *
     * @return what could not be taken
     */
    private static BigDecimal take(Order order, Map<String, BigDecimal> left, ShipmentLine wanted,
                                   BigDecimal quantity) {
        BigDecimal rest = quantity;
        for (OrderLine line : matching(order, wanted)) {
            BigDecimal available = left.getOrDefault(line.lineId(), BigDecimal.ZERO).max(BigDecimal.ZERO);
            BigDecimal taken = available.min(rest);
            left.merge(line.lineId(), taken.negate(), BigDecimal::add);
            rest = rest.subtract(taken);
            if (rest.signum() <= 0) {
                break;
            }
        }
        return rest;
    }

    private static List<OrderLine> matching(Order order, ShipmentLine wanted) {
        return order.lines().stream()
                .filter(candidate -> candidate.kind().isShippable())
                .filter(candidate -> wanted.lineId() != null ? candidate.lineId().equals(wanted.lineId())
                        : candidate.sku().equals(wanted.sku()))
                .toList();
    }

    /** "Ship everything": every shippable line with what is left of it; an order with nothing left is refused. */
    private static ShipmentRequest everythingLeft(Order order, ShipmentRequest request, Map<String, BigDecimal> left) {
        List<ShipmentLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            BigDecimal quantity = left.getOrDefault(line.lineId(), BigDecimal.ZERO);
            if (line.kind().isShippable() && quantity.signum() > 0) {
                lines.add(new ShipmentLine(line.sku(), line.lineId(), quantity));
            }
        }
        if (lines.isEmpty()) {
            throw new ValidationException(List.of(new FieldError("order", "order " + order.orderNumber()
                    + " has nothing left to ship: every line was shipped, or is in a notification not sent yet "
                    + "(storelink shipments list --connection <name>)")));
        }
        return new ShipmentRequest(request.orderNumber(), lines, request.tracking(), request.shippedAt(),
                request.notifyCustomer(), request.comment());
    }

    /**
     * Refuses lines the imported order does not have, and more than is left to ship, before anything is stored: the
     * host's count, so a platform whose store does not count shipped quantities never ships a line twice.
     */
    private static void check(Order order, ShipmentRequest request, Map<String, BigDecimal> left) {
        Map<String, BigDecimal> remaining = new HashMap<>(left);
        List<FieldError> errors = new ArrayList<>();
        for (ShipmentLine wanted : request.lines()) {
            List<OrderLine> candidates = matching(order, wanted);
            if (candidates.isEmpty()) {
                errors.add(new FieldError("line", (wanted.sku() != null ? "SKU " + wanted.sku() : "Line "
                        + wanted.lineId()) + " is not a shippable line of order " + order.orderNumber()));
                continue;
            }
            BigDecimal available = candidates.stream()
                    .map(line -> remaining.getOrDefault(line.lineId(), BigDecimal.ZERO).max(BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (take(order, remaining, wanted, wanted.quantity()).signum() > 0) {
                errors.add(new FieldError("line", "SKU " + candidates.get(0).sku() + " on order "
                        + order.orderNumber() + ": " + plain(wanted.quantity()) + " requested, " + plain(available)
                        + " left to ship"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * Sends a batch of notifications with bounded concurrency. Rows that cannot be read or are refused are reported
     * with their row number; the good rows are sent all the same.
     *
     * @param connectionName the connection
     * @param rows the rows of a batch file
     * @param concurrency how many notifications are in flight at once
     * @param progress told after each row, with the number of rows done
     * @return what happened, per row
     */
    public BatchReport sendBatch(String connectionName, List<ShipmentFile.Row> rows, int concurrency,
                                 IntConsumer progress) {
        if (concurrency < 1) {
            throw new ValidationException(List.of(new FieldError("concurrency", "'" + concurrency
                    + "' is too small; expected 1 or more")));
        }
        Connection connection = connections.get(connectionName);
        List<BatchReport.RowError> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger already = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try (Session session = open(connection)) {
            List<Future<?>> futures = new ArrayList<>();
            for (ShipmentFile.Row row : rows) {
                futures.add(pool.submit(() -> {
                    try {
                        if (row.error() != null) {
                            errors.add(new BatchReport.RowError(row.number(), row.line(), null, row.error()));
                            return;
                        }
                        ShipmentRecord stored = enqueue(connection, row.request());
                        if (stored.state().equals(ShipmentRecord.SENT)) {
                            already.incrementAndGet();
                            return;
                        }
                        ShipmentRecord result = session.send(stored.id());
                        if (result.state().equals(ShipmentRecord.SENT)) {
                            sent.incrementAndGet();
                        } else {
                            errors.add(new BatchReport.RowError(row.number(), row.line(), row.request().orderNumber(),
                                    result.whyNotSent(clock.instant())));
                        }
                    } catch (ValidationException e) {
                        errors.add(new BatchReport.RowError(row.number(), row.line(), row.request().orderNumber(),
                                e.errors().stream().map(FieldError::message).collect(Collectors.joining("; "))));
                    } catch (RuntimeException e) {
                        errors.add(new BatchReport.RowError(row.number(), row.line(), row.request().orderNumber(),
                                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    } finally {
                        progress.accept(done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending shipments", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<BatchReport.RowError> sorted = errors.stream()
                .sorted(Comparator.comparingInt(BatchReport.RowError::row)).toList();
        return new BatchReport(rows.size(), sent.get(), already.get(), sorted);
    }

    /**
     * Sends a failed notification again; one that is pending, or was left mid-send by a process that died, too.
     *
     * @param id the outbox id
     * @return the notification as it ended
     */
    public ShipmentRecord retry(long id) {
        ShipmentRecord record = outbox.find(id).orElseThrow(() -> ValidationException.notFound(List.of(
                new FieldError("id", "no shipment with id " + id))));
        if (record.state().equals(ShipmentRecord.SENT)) {
            throw new ValidationException(List.of(new FieldError("id", "shipment " + id + " of order "
                    + record.orderNumber() + " was sent already (store shipment " + record.remoteId() + ")")));
        }
        if (record.heldByLiveProcess(clock.instant())) {
            throw new ValidationException(List.of(new FieldError("id", "shipment " + id + " of order "
                    + record.orderNumber() + " is " + record.whyNotSent(clock.instant()))));
        }
        try (Session session = open(connections.get(record.connection()))) {
            return session.send(id);
        }
    }

    /**
     * @param connectionName a connection, or {@code null} for all
     * @return every notification that was not sent (failed, pending, or left mid-send), each retried once
     */
    public List<ShipmentRecord> retryAllFailed(String connectionName) {
        Connection only = connectionName == null ? null : connections.get(connectionName);
        List<ShipmentRecord> unsent = outbox.list(only, null).stream()
                .filter(record -> !record.state().equals(ShipmentRecord.SENT)).toList();
        Map<String, List<ShipmentRecord>> byConnection = unsent.stream()
                .collect(Collectors.groupingBy(ShipmentRecord::connection));
        List<ShipmentRecord> results = new ArrayList<>();
        byConnection.forEach((name, records) -> {
            try (Session session = open(connections.get(name))) {
                records.forEach(record -> results.add(session.send(record.id())));
            }
        });
        return results;
    }

    /**
     * How long a notification stored a moment ago is left to whoever stored it: {@link #notify} sends it at once, and
     * the drain does not race it for the claim.
     */
    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(5);

    /** How many notifications one call of {@link #sendDue} sends at most, so the drain comes round to the others. */
    static final int DUE_AT_ONCE = 100;

    /**
     * Sends, one after another through one connector, the connection's notifications that are due: pending ones
     * (stored more than a few seconds ago), failed ones whose wait is over, and ones left mid-send by a process
     * whose lease expired. A notification that fails for a reason that may pass (the store is unavailable, refused
     * the credentials, the connection's values are wrong, or the host stopped) waits
     * {@code outbox-interval × 2^failures}, at most {@code max-backoff}, before the next; one the store rejected,
     * or that the plugin reported impossibly, is left for {@code storelink shipments retry}.
     *
     * @param connectionName the connection
     * @param keepGoing asked before each notification; the drain stops when it says no (the host is stopping)
     * @return the notifications as they ended, in the order sent
     */
    public List<ShipmentRecord> sendDue(String connectionName, java.util.function.BooleanSupplier keepGoing) {
        Connection connection = connections.get(connectionName);
        List<ShipmentRecord> results = new ArrayList<>();
        if (!keepGoing.getAsBoolean()) {
            return results;
        }
        Session session = null;
        java.util.ArrayDeque<ShipmentRepository.Claim> unsent = new java.util.ArrayDeque<>();
        try {
            while (results.size() < DUE_AT_ONCE && keepGoing.getAsBoolean()) {
                java.time.Instant now = clock.instant();
                // A few at a time, so hosts draining at once share the rows, and what this one holds stays short.
                unsent.addAll(outbox.claimDue(connection, now, now.minus(FRESH),
                        Math.min(CLAIM_AT_ONCE, DUE_AT_ONCE - results.size())));
                if (unsent.isEmpty()) {
                    break;
                }
                if (session == null) {
                    session = open(connection);
                }
                while (!unsent.isEmpty() && keepGoing.getAsBoolean()) {
                    results.add(session.send(unsent.poll()));
                }
            }
        } finally {
            // What this drain claimed and did not send (the host is stopping, or the connector or the database
            // failed) goes back to pending at once, rather than waiting out a lease this host would keep renewing.
            for (ShipmentRepository.Claim left : unsent) {
                giveBackQuietly(left);
            }
            if (session != null) {
                session.close();
            }
        }
        return results;
    }

    private void giveBackQuietly(ShipmentRepository.Claim claim) {
        try {
            outbox.giveBack(claim.lease(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Shipment {}: could not put it back to pending after the drain stopped: {}",
                    claim.record().id(), e.getMessage());
        }
    }

    /** How many due notifications one claim of the drain takes. */
    static final int CLAIM_AT_ONCE = 5;

    /**
     * What a store call needs of its lease beyond {@code storelink.request-timeout}: checking the lease, opening the
     * connection and writing the request. Checked right before each call.
     */
    static final java.time.Duration SEND_MARGIN = java.time.Duration.ofSeconds(10);

    /**
     * Checks, as a long-running host does before it starts, that a store call fits in a lease with
     * {@link #SEND_MARGIN} to spare. Otherwise every notification would fail at its send as a configuration error
     * ({@code ShipmentRepository.confirm}); a host that would send nothing should not start.
     *
     * @throws IllegalStateException naming both settings, their values and what would do
     */
    public void checkSendsFitInLease() {
        java.time.Duration timeout = config.requestTimeout();
        java.time.Duration lease = config.leaseDuration();
        if (timeout.plus(SEND_MARGIN).compareTo(lease) > 0) {
            String timeoutSetting = HostConfig.REQUEST_TIMEOUT;
            String leaseSetting = HostConfig.LEASE_DURATION;
            throw new IllegalStateException(timeoutSetting + " is " + RetryPolicy.human(timeout) + " and "
                    + leaseSetting + " " + RetryPolicy.human(lease) + ": a ship notification is sent only under a "
                    + "lease that outlasts a store call by " + SEND_MARGIN.toSeconds() + " s, so none would be sent. "
                    + "Lower " + timeoutSetting + " to " + RetryPolicy.human(lease.minus(SEND_MARGIN)) + " or less, "
                    + "or raise " + leaseSetting + " to " + RetryPolicy.human(timeout.plus(SEND_MARGIN)) + " or more");
        }
    }

    /** @return the names of the connections that have notifications {@link #sendDue} would send now */
    public List<String> connectionsWithDue() {
        return outbox.connectionsWithDue(clock.instant());
    }

    /** @return when the drain sends a notification that failed for {@code kind} again, or {@code null} for never */
    private java.time.Instant retryAt(long id, Throwable failure) {
        if (!(failure instanceof ConnectorException connectorFailure)) {
            return null;
        }
        switch (connectorFailure.kind()) {
            case REMOTE_UNAVAILABLE, AUTHENTICATION, CONFIGURATION, CANCELLED -> {
                // This failure is counted when it is recorded, after this.
                int failures = Math.min(outbox.failures(id) + 1, 30);
                java.time.Duration base = config.schedule().outboxInterval();
                java.time.Duration max = config.schedule().maxBackoff();
                java.time.Duration wait = failures >= 30 || base.multipliedBy(1L << failures).compareTo(max) > 0
                        ? max : base.multipliedBy(1L << failures);
                return clock.instant().plus(wait);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * @param connectionName a connection, or {@code null} for all
     * @param state a state, or {@code null} for all
     * @return the notifications, oldest first
     * @throws ValidationException when the state is not one of {@link ShipmentRecord#STATES}
     */
    public List<ShipmentRecord> list(String connectionName, String state) {
        ClosedSet.require("state", state, ShipmentRecord.STATE_NOUN, ShipmentRecord.STATES);
        return outbox.list(connectionName == null ? null : connections.get(connectionName), state);
    }

    /** @return a connector session for sending many notifications of one connection, from several threads */
    Session open(Connection connection) {
        PlatformPlugin platform = plugins.platform(connection.platform());
        return new Session(connection, platform.connect(connections.resolve(connection),
                DefaultPlatformContext.of(clock, config)));
    }

    /** One connector, used to send notifications of one connection; thread-safe. */
    final class Session implements AutoCloseable {
        private final Connection connection;
        private final PluginConnector connector;

        private Session(Connection connection, PluginConnector connector) {
            this.connection = connection;
            this.connector = connector;
        }

        /**
         * Claims a stored notification under a lease and sends it, retrying passing failures. One another live
         * process is sending is left to it.
         */
        ShipmentRecord send(long id) {
            Optional<ShipmentRepository.Claim> claimed = outbox.claim(id, clock.instant());
            if (claimed.isEmpty()) {
                return outbox.find(id).orElseThrow();
            }
            return send(claimed.get());
        }

        /**
         * Sends a notification this host claimed. Every write about it carries the claim's lease; right before each
         * store call the lease is renewed, only while this host holds it, to last the call, and a notification
         * another host took over meanwhile is not sent, nor anything recorded about it by this host.
         */
        ShipmentRecord send(ShipmentRepository.Claim claim) {
            ShipmentRecord record = claim.record();
            Leases.Lease lease = claim.lease();
            long id = record.id();
            int[] attempt = {record.attempts()};
            try {
                // Read once for every attempt and for the check of what the plugin reports.
                Order imported = orders.findByNumber(connection, record.orderNumber()).map(ImportedOrder::order)
                        .orElse(null);
                ShipmentResult result = config.retry().call(() -> {
                    outbox.confirm(lease, config.requestTimeout().plus(SEND_MARGIN));
                    return connector.notifyShipment(shipment(connection, record, attempt[0], imported));
                }, sleeper, (next, wait, cause) -> {
                    metrics.shipAttempt(connection.name(), StorelinkMetrics.RETRIED);
                    LOG.warn("Shipment {} of order {} on {}: attempt {} failed for a passing reason, next in "
                            + "{} ms: {}", id, record.orderNumber(), connection.name(), attempt[0],
                            wait.toMillis(), cause.getMessage());
                    attempt[0]++;
                    outbox.countAttempt(lease, clock.instant());
                }, clock);
                checkReported(connection, connector, imported, result);
                outbox.markSent(lease, result, clock.instant());
                metrics.shipAttempt(connection.name(), StorelinkMetrics.SENT);
                updateFulfilment(connection, imported);
                LOG.info("Shipment {} of order {} on {} sent: store shipment {}{}", id, record.orderNumber(),
                        connection.name(), result.remoteShipmentId(),
                        result.alreadyExisted() ? " (found from an earlier attempt)" : "");
            } catch (LeaseLostException lost) {
                // Another host took it over: what it records stands; Leases logged the loss once.
                return outbox.find(id).orElseThrow();
            } catch (RuntimeException | Error e) {
                // Nothing may leave a notification in "sending": whatever failed, the row says why.
                String error = e.getMessage() == null ? e.toString() : e.getMessage();
                if (e instanceof ConnectorException) {
                    metrics.shipAttempt(connection.name(), StorelinkMetrics.FAILED);
                }
                outbox.markFailed(lease, error, clock.instant(), retryAt(id, e));
                LOG.warn("Shipment {} of order {} on {} failed after attempt {}: {}", id, record.orderNumber(),
                        connection.name(), attempt[0], error);
                if (!(e instanceof ConnectorException)) {
                    throw e;
                }
            }
            return outbox.find(id).orElseThrow();
        }

        /**
         * Holds what the plugin reports as shipped to the imported order before anything is recorded: each line must
         * be one of the order's lines with its SKU, and no line may be shipped more often than it was ordered, this
         * shipment and the ones recorded before together.
         *
         * @throws ConnectorException of kind {@link ErrorKind#PLUGIN_FAILURE} naming the line, when the report is
         *         impossible; the notification is then failed, never recorded as sent
         */
        private void checkReported(Connection connection, PluginConnector connector, Order order,
                                   ShipmentResult result) {
            if (order == null) {
                return;
            }
            Map<String, OrderLine> lines = new HashMap<>();
            order.lines().forEach(line -> lines.put(line.lineId(), line));
            Map<String, BigDecimal> total = new HashMap<>();
            for (ShipmentResult.Shipped line : outbox.shippedFor(connection, order.orderNumber())) {
                total.merge(line.lineId(), line.quantity(), BigDecimal::add);
            }
            List<String> problems = new ArrayList<>();
            for (ShipmentResult.Shipped shipped : result.shipped()) {
                OrderLine line = lines.get(shipped.lineId());
                if (line == null || !line.sku().equals(shipped.sku())) {
                    problems.add("SKU " + shipped.sku() + " (line " + shipped.lineId() + ") is not a line of order "
                            + order.orderNumber());
                    continue;
                }
                if (shipped.quantity().signum() <= 0) {
                    problems.add("SKU " + shipped.sku() + ": quantity " + plain(shipped.quantity())
                            + " is not more than 0");
                    continue;
                }
                BigDecimal sum = total.merge(shipped.lineId(), shipped.quantity(), BigDecimal::add);
                if (sum.compareTo(line.quantityOrdered()) > 0) {
                    problems.add("SKU " + shipped.sku() + ": " + plain(sum) + " shipped in all, but "
                            + plain(line.quantityOrdered()) + " were ordered");
                }
            }
            if (!problems.isEmpty()) {
                throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, connector.who() + " reported store "
                        + "shipment " + result.remoteShipmentId() + " for order " + order.orderNumber()
                        + " with what the order cannot hold: " + String.join("; ", problems) + ". Not recorded as "
                        + "sent; check the shipment on the store before retrying");
            }
        }

        /** Closes the connector; a failure to close is logged, never thrown over what was sent and recorded. */
        @Override
        public void close() {
            try {
                connector.close();
            } catch (RuntimeException e) {
                LOG.warn("Connection {}: closing the connector failed: {}", connection.name(), e.getMessage());
            }
        }
    }

    private static String plain(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    /**
     * What the plugin gets. Its idempotency key is derived from the notification (connection, order, tracking
     * numbers, lines), not from the outbox row: another Storelink, or this one after its database was recreated,
     * numbers its outbox from 1 again, and a store (or a plugin that finds its earlier shipments by key) must never
     * take a different notification for this one.
     */
    private Shipment shipment(Connection connection, ShipmentRecord record, int attempt, Order imported) {
        ShipmentRequest request = record.request();
        return new Shipment(imported == null ? null : imported.platformOrderId(), request.orderNumber(),
                request.lines(), request.tracking(), request.shippedAt() == null ? record.createdAt()
                : request.shippedAt(), request.notifyCustomer(), request.comment(),
                "storelink-" + idempotencyKey(connection, request).substring(0, 32), attempt, imported);
    }

    /** Sets the imported order's fulfilment from every sent notification of it; nothing for an order not imported. */
    private void updateFulfilment(Connection connection, Order imported) {
        if (imported == null) {
            return;
        }
        String orderNumber = imported.orderNumber();
        Map<String, BigDecimal> shipped = new HashMap<>();
        for (ShipmentResult.Shipped line : outbox.shippedFor(connection, orderNumber)) {
            shipped.merge(line.lineId(), line.quantity(), BigDecimal::add);
        }
        List<OrderLine> toShip = imported.lines().stream()
                .filter(line -> line.kind().isShippable() && line.quantityToShip().signum() > 0).toList();
        boolean all = toShip.stream().allMatch(line ->
                shipped.getOrDefault(line.lineId(), BigDecimal.ZERO).compareTo(line.quantityToShip()) >= 0);
        boolean any = toShip.stream().anyMatch(line -> shipped.containsKey(line.lineId()));
        orders.setFulfilment(connection, orderNumber, all ? Fulfilment.SHIPPED : any ? Fulfilment.PARTLY_SHIPPED
                : Fulfilment.OPEN);
    }

    /** The same notification, given twice, gets the same key: connection, order, tracking numbers and lines. */
    static String idempotencyKey(Connection connection, ShipmentRequest request) {
        String canonical = connection.id() + "|" + request.orderNumber() + "|"
                + request.tracking().stream().map(track -> track.carrierCode() + ":" + track.number()).sorted()
                .collect(Collectors.joining(",")) + "|"
                + request.lines().stream().map(line -> line.sku() + "/" + line.lineId() + "=" + line.quantity()
                        .stripTrailingZeros().toPlainString()).sorted().collect(Collectors.joining(","));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
