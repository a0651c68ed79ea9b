package io.storelink.core.storage;

import io.storelink.core.config.DatabaseSettings.Engine;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How far this host's clock is from the database server's. Leases are timed by each host's own clock
 * ({@link Leases}): a host whose clock runs ahead of the others' sees their leases expire early and could take over
 * work they are still doing. A notification is sent only under a lease that runs 10 s past the store call, so clocks
 * less than {@link #MAX_OFFSET} apart cannot do that; each host is measured against the one clock they all reach,
 * the database's. On SQLite, one host on one machine, there is nothing to compare.
 */
public final class ClockCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ClockCheck.class);

    /** The most a host's clock may be off from the database's: half the 10 s margin a send keeps in its lease. */
    public static final Duration MAX_OFFSET = Duration.ofSeconds(5);

    /** Past this, a host starts but logs a warning. */
    static final Duration WARN_OFFSET = Duration.ofSeconds(1);

    private static final int SAMPLES = 3;

    private final Database database;
    private final Clock clock;

    @Inject
    public ClockCheck(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Reads the database server's clock a few times and keeps the reading with the shortest round trip, taking the
     * host's time as the middle of that trip.
     *
     * @return how far this host's clock is ahead of the database's (negative: behind), or empty on SQLite
     */
    public Optional<Duration> offset() {
        if (database.engine() != Engine.POSTGRESQL) {
            return Optional.empty();
        }
        return Optional.of(database.inTransaction(sql -> {
            long bestTrip = Long.MAX_VALUE;
            long bestOffset = 0;
            try (PreparedStatement select = sql.prepareStatement(
                    "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)")) {
                for (int i = 0; i < SAMPLES; i++) {
                    long sent = clock.millis();
                    long server;
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        server = row.getLong(1);
                    }
                    long received = clock.millis();
                    if (received - sent < bestTrip) {
                        bestTrip = received - sent;
                        bestOffset = sent + (received - sent) / 2 - server;
                    }
                }
            }
            return Duration.ofMillis(bestOffset);
        }));
    }

    /**
     * Checks the offset, as a host does before it starts work: a warning in the log past {@link #WARN_OFFSET}.
     *
     * @throws StorageException past {@link #MAX_OFFSET}, saying by how much and what to do
     */
    public void check() {
        offset().ifPresent(offset -> {
            String problem = problem(offset);
            if (problem != null) {
                throw new StorageException(problem, null);
            }
            if (offset.abs().compareTo(WARN_OFFSET) > 0) {
                LOG.warn("This host's clock is {} the database's; hosts sharing {} should be less than {} s apart, "
                        + "synchronise the clocks (NTP)", describe(offset), database.describe(),
                        MAX_OFFSET.toSeconds());
            }
        });
    }

    /** @return what is wrong with {@code offset}, or {@code null} when it is within {@link #MAX_OFFSET} */
    public String problem(Duration offset) {
        if (offset.abs().compareTo(MAX_OFFSET) <= 0) {
            return null;
        }
        return "This host's clock is " + describe(offset) + " the clock of " + database.describe() + ". Leases "
                + "on work are timed by each host's clock, so hosts more than " + MAX_OFFSET.toSeconds() + " s apart "
                + "could take over work another host is still doing. Synchronise this host's clock (NTP, e.g. "
                + "timedatectl set-ntp true) and start it again";
    }

    /** @return e.g. {@code 7.3 s ahead of} or {@code 0.2 s behind} */
    public static String describe(Duration offset) {
        return String.format(Locale.ROOT, "%.1f s %s", offset.abs().toMillis() / 1000.0,
                offset.isNegative() ? "behind" : "ahead of");
    }
}
