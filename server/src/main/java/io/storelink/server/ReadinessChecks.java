package io.storelink.server;

import io.storelink.core.plugin.PluginHost;
import io.storelink.core.storage.ClockCheck;
import io.storelink.core.storage.Database;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * The readiness checks of core: the database answers, the plugins are loaded, the scheduler runs, the clock is in step
 * with the database's.
 */
final class ReadinessChecks {

    private ReadinessChecks() {
    }

    /** The database file opens and answers a query. */
    static final class DatabaseReachable implements ReadinessCheck {
        private final Provider<Database> database;

        @Inject
        DatabaseReachable(Provider<Database> database) {
            this.database = database;
        }

        @Override
        public String name() {
            return "database";
        }

        @Override
        public Result check() {
            return Result.ok("schema version " + database.get().schemaVersion());
        }
    }

    /** The plugin archives were loaded and at least one platform is there. */
    static final class PluginsLoaded implements ReadinessCheck {
        private final Provider<PluginHost> plugins;

        @Inject
        PluginsLoaded(Provider<PluginHost> plugins) {
            this.plugins = plugins;
        }

        @Override
        public String name() {
            return "plugins";
        }

        @Override
        public Result check() {
            PluginHost host = plugins.get();
            String detail = host.platforms().size() + " platform(s) loaded, " + host.problems().size()
                    + " archive(s) failed";
            return host.platforms().isEmpty() ? Result.failed(detail) : Result.ok(detail);
        }
    }

    /** The scheduler runs: imports and the outbox are being taken care of. */
    static final class SchedulerRunning implements ReadinessCheck {
        private final Provider<io.storelink.core.schedule.SyncScheduler> scheduler;

        @Inject
        SchedulerRunning(Provider<io.storelink.core.schedule.SyncScheduler> scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public String name() {
            return "scheduler";
        }

        @Override
        public Result check() {
            io.storelink.core.schedule.SyncScheduler now = scheduler.get();
            return now.running() ? Result.ok(now.status().size() + " connection(s) scheduled")
                    : Result.failed("the scheduler is not running (starting or stopping)");
        }
    }

    /**
     * On PostgreSQL, this host's clock is within {@link ClockCheck#MAX_OFFSET} of the database's: a clock drifting
     * further since the start takes the host out of a load balancer's rotation, with the offset in the detail.
     */
    static final class ClockInStep implements ReadinessCheck {
        private final Provider<ClockCheck> clock;

        @Inject
        ClockInStep(Provider<ClockCheck> clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "clock";
        }

        @Override
        public Result check() {
            ClockCheck check = clock.get();
            return check.offset().map(offset -> {
                String problem = check.problem(offset);
                return problem == null ? Result.ok(ClockCheck.describe(offset) + " the database's")
                        : Result.failed(problem);
            }).orElseGet(() -> Result.ok("one host (SQLite): nothing to compare"));
        }
    }
}
