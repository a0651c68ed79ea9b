package io.storelink.core.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The leases this host holds on rows it works on: an import run that is running, a ship notification that is being
 * sent. Each names this host ({@link #owner()}: one per {@code Leases}, so two hosts in one JVM are two owners) and
 * runs until {@link #duration()} ({@link #DURATION} unless {@code storelink.lease.duration} says otherwise) from its
 * last renewal; a background thread renews every lease this host holds every third of that, so a lease outlives a
 * live host and expires within the duration of a dead one (killed, crashed, paused, its machine gone). A row whose
 * lease expired may be taken over by another host.
 *
 * <p><b>Fencing.</b> Every claim or take-over of a row raises the row's {@code lease_token}; the holder keeps the
 * owner and token it claimed with ({@link Lease}), and every write it makes on the row's behalf is conditional on
 * both ({@link Lease#WHERE}) in the transaction of the data it guards. A host paused past its lease whose row was
 * taken over meanwhile has its late writes refused: 0 rows updated is a {@link LeaseLostException}, the transaction
 * rolls back, and the loss is logged once ({@link #lost}).
 */
public final class Leases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    /** How long a lease runs from its last renewal, by default. */
    public static final Duration DURATION = Duration.ofSeconds(60);

    private static final String HOST = hostName();

    private final String owner = ProcessHandle.current().pid() + "@" + HOST + "#"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Database database;
    private final Clock clock;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private final Duration duration;
    private ScheduledExecutorService renewer;

    Leases(Database database, Clock clock) {
        this(database, clock, DURATION);
    }

    /** @param duration how long a lease runs from its last renewal; at least a second */
    Leases(Database database, Clock clock, Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease must run at least a second: " + duration);
        }
        this.database = database;
        this.clock = clock;
        this.duration = duration;
    }

    /** @return how long a lease runs from its last renewal; leases are renewed every third of it */
    public Duration duration() {
        return duration;
    }

    /** What kind of row a lease is on: its table, and the condition under which a lease on it is live. */
    public enum Kind {
        IMPORT_RUN("import_run", "result = 'running'"),
        SHIPMENT("shipment", "state = 'sending'");

        final String table;
        final String live;

        Kind(String table, String live) {
            this.table = table;
            this.live = live;
        }
    }

    /**
     * A lease this host holds on one row: the owner and fencing token it claimed the row with.
     */
    public static final class Lease {

        /** The condition every write of the holder carries; {@link #bind} fills it in. */
        public static final String WHERE = "id = ? AND lease_owner = ? AND lease_token = ?";

        private final Kind kind;
        private final long id;
        private final String owner;
        private final long token;
        private final String what;
        private final AtomicBoolean lost = new AtomicBoolean();

        Lease(Kind kind, long id, String owner, long token, String what) {
            this.kind = kind;
            this.id = id;
            this.owner = owner;
            this.token = token;
            this.what = what;
        }

        /** @return the row's id */
        public long id() {
            return id;
        }

        /** @return the fencing token this host claimed the row with */
        public long token() {
            return token;
        }

        /** @return this host, as the row names it */
        public String owner() {
            return owner;
        }

        /** @return whether a write or a renewal found the lease taken over */
        public boolean lost() {
            return lost.get();
        }

        /**
         * Binds {@link #WHERE} from parameter {@code first} on.
         *
         * @return the next parameter's index
         */
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setLong(first, id);
            statement.setString(first + 1, owner);
            statement.setLong(first + 2, token);
            return first + 3;
        }

        @Override
        public String toString() {
            return what + " (token " + token + ")";
        }
    }

    /** @return this host, as leases name it: {@code pid@host#random} */
    public String owner() {
        return owner;
    }

    /**
     * Starts renewing this host's leases, if it has not yet, and says until when a lease taken now runs.
     *
     * @return the expiry of a lease taken or renewed now, in epoch milliseconds
     */
    public synchronized long take() {
        if (renewer == null) {
            renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "storelink-leases");
                thread.setDaemon(true);
                return thread;
            });
            long every = duration.dividedBy(3).toMillis();
            renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        return until();
    }

    /**
     * Records a lease this host claimed, so it is renewed until {@link #release}d.
     *
     * @param kind the row's kind
     * @param id the row's id
     * @param token the token the claiming write gave the row
     * @param what the row for people: {@code import run 12 of connection acme}
     * @return the lease
     */
    public Lease held(Kind kind, long id, long token, String what) {
        Lease lease = new Lease(kind, id, owner, token, what);
        held.add(lease);
        return lease;
    }

    /** Stops renewing a lease: its row was finished or given back. */
    public void release(Lease lease) {
        held.remove(lease);
    }

    /** @return now, in epoch milliseconds, for comparing with a lease's expiry */
    public long now() {
        return clock.millis();
    }

    /** @return the expiry of a lease taken or renewed now, in epoch milliseconds */
    public long until() {
        return clock.instant().plus(duration).toEpochMilli();
    }

    /**
     * Renews one lease in the caller's transaction: its expiry is pushed to {@link #duration()} from now, only while
     * this host still holds it (owner, token, and the row still live).
     *
     * @return the lease's new expiry, in epoch milliseconds
     * @throws LeaseLostException when it was taken over; the caller's transaction then rolls back
     */
    public long renew(Connection sql, Lease lease) throws SQLException {
        long until = until();
        try (PreparedStatement update = sql.prepareStatement("UPDATE " + lease.kind.table + " SET lease_until = ? "
                + "WHERE " + Lease.WHERE + " AND " + lease.kind.live)) {
            update.setLong(1, until);
            lease.bind(update, 2);
            if (update.executeUpdate() == 0) {
                throw lost(sql, lease);
            }
        }
        return until;
    }

    /** Renews every lease this host holds; one found taken over is dropped, and logged as lost. */
    void renew() {
        for (Lease lease : held) {
            try {
                database.inRowTransaction(sql -> renew(sql, lease));
            } catch (LeaseLostException e) {
                held.remove(lease);
            } catch (RuntimeException e) {
                // The database did not answer: the next renewal tries again, and the other leases are renewed now.
            }
        }
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // The next renewal tries again; a lease only lapses after several missed renewals.
        }
    }

    /**
     * Says a lease was found taken over, naming who holds the row now, and logs it the first time.
     *
     * @param sql the transaction whose write found it; it is read for who holds the row now
     * @return the exception to throw, so the transaction rolls back
     */
    public LeaseLostException lost(Connection sql, Lease lease) throws SQLException {
        String holder = null;
        // A run taken over keeps the owner that took it over; a notification names its owner while being sent.
        try (PreparedStatement select = sql.prepareStatement("SELECT lease_owner FROM " + lease.kind.table
                + " WHERE id = ?")) {
            select.setLong(1, lease.id);
            try (ResultSet rows = select.executeQuery()) {
                holder = rows.next() && !owner.equals(rows.getString(1)) ? rows.getString(1) : null;
            }
        }
        held.remove(lease);
        String message = "Lease on " + lease.what + " was taken over by "
                + (holder == null ? "another process, which has finished with it" : describe(holder))
                + "; this process's late write was refused";
        if (lease.lost.compareAndSet(false, true)) {
            LOG.warn(message);
        }
        return new LeaseLostException(message, lease);
    }

    /**
     * @param owner a lease's owner as stored
     * @return the owner for people: {@code process 1234 on host}
     */
    public static String describe(String owner) {
        if (owner == null) {
            return "a process that stopped";
        }
        int at = owner.indexOf('@');
        int hash = owner.lastIndexOf('#');
        if (at < 0 || hash < at) {
            return owner;
        }
        return "process " + owner.substring(0, at) + " on " + owner.substring(at + 1, hash);
    }

    /**
     * Whether a lease still holds: it has not expired, and its owner is not a process of this machine that is gone.
     * A process killed with {@code kill -9} frees what it held at once for the next process on the same machine;
     * one on another machine is waited for until its lease expires.
     *
     * @param owner the lease's owner, as stored
     * @param until its expiry in epoch milliseconds, or {@code null}
     * @param now now, in epoch milliseconds
     * @return whether the owner may still be working on the row
     */
    public static boolean holds(String owner, Long until, long now) {
        return owner != null && until != null && until >= now && !goneFromThisMachine(owner);
    }

    /** @return whether {@code owner} names a process of this machine that no longer runs */
    public static boolean goneFromThisMachine(String owner) {
        int at = owner.indexOf('@');
        int hash = owner.lastIndexOf('#');
        if (at < 0 || hash < at || !owner.substring(at + 1, hash).equals(HOST)) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(handle -> !handle.isAlive())
                    .orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** @param epochMillis a lease's expiry @return it as an instant */
    public static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    @Override
    public synchronized void close() {
        if (renewer != null) {
            renewer.shutdownNow();
            renewer = null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replace('#', '_').replace('@', '_');
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
