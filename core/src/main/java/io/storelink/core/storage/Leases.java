package io.storelink.core.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The leases this process holds on rows it works on: an import run that is running, a ship notification that is
 * being sent. Each names this process ({@link #owner()}) and runs until {@link #duration()} ({@link #DURATION} unless
 * {@code storelink.lease.duration} says otherwise) from its last renewal; a background thread renews every lease this
 * process holds every third of that, so a lease outlives a live process and expires within the duration of a dead
 * one (killed, crashed, paused, its machine gone). A row whose lease expired may be taken over by another process.
 */
public final class Leases implements AutoCloseable {

    /** How long a lease runs from its last renewal, by default. */
    public static final Duration DURATION = Duration.ofSeconds(60);

    private static final String HOST = hostName();
    private static final String OWNER = ProcessHandle.current().pid() + "@" + HOST + "#"
            + UUID.randomUUID().toString().substring(0, 8);

    private final Database database;
    private final Clock clock;
    private volatile Duration duration = DURATION;
    private ScheduledExecutorService renewer;

    Leases(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** @return this process, as leases name it: {@code pid@host#random} */
    public String owner() {
        return OWNER;
    }

    /**
     * Sets how long this process's leases run from their last renewal ({@code storelink.lease.duration}); they are
     * renewed every third of it. Called before any lease is taken.
     *
     * @param duration at least a second
     * @return these leases
     */
    public synchronized Leases lasting(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease must run at least a second: " + duration);
        }
        if (renewer != null) {
            throw new IllegalStateException("leases were taken already; their duration is set before");
        }
        this.duration = duration;
        return this;
    }

    /** @return how long a lease runs from its last renewal */
    public Duration duration() {
        return duration;
    }

    /**
     * Starts renewing this process's leases, if it has not yet, and says until when a lease taken now runs.
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

    /** @return now, in epoch milliseconds, for comparing with a lease's expiry */
    public long now() {
        return clock.millis();
    }

    private long until() {
        return clock.instant().plus(duration).toEpochMilli();
    }

    /** Renews every lease this process holds. */
    void renew() {
        long until = until();
        database.inTransaction(sql -> {
            for (String table : new String[] {"UPDATE shipment SET lease_until = ? WHERE lease_owner = ? AND state = 'sending'",
                    "UPDATE import_run SET lease_until = ? WHERE lease_owner = ? AND result = 'running'"}) {
                try (PreparedStatement update = sql.prepareStatement(table)) {
                    update.setLong(1, until);
                    update.setString(2, OWNER);
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // The next renewal tries again; a lease only lapses after several missed renewals.
        }
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
    static boolean goneFromThisMachine(String owner) {
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
