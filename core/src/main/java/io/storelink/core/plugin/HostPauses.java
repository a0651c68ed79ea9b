package io.storelink.core.plugin;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long this process was stopped: frozen by {@code SIGSTOP}, a suspended virtual machine, a long pause of the JVM.
 * A time limit on a plugin call counts only time the host ran, so a host that wakes up after such a pause does not
 * blame the plugin (or its store) for the pause and abandon a call whose answer is already waiting on its socket.
 *
 * <p>A daemon thread wakes every {@value #TICK_MILLIS} ms; a wake-up later than {@value #STALL_MILLIS} ms after the
 * one before means the process did not run meanwhile, and that gap (less one tick) counts as stopped. The gap still
 * open is counted too, so a caller that wakes up before the ticking thread after a pause sees it already. A host
 * starved of CPU for that long counts as stopped as well: that is not the plugin's time either.
 */
final class HostPauses {

    static final long TICK_MILLIS = 100;
    static final long STALL_MILLIS = 1_000;

    /** Guarded by the class: the two change together, so a reading never counts a gap twice or not at all. */
    private static long stopped;
    private static long lastTick = System.nanoTime();

    static {
        Thread ticker = new Thread(HostPauses::tick, "storelink-pause-detector");
        ticker.setDaemon(true);
        ticker.start();
    }

    private HostPauses() {
    }

    /**
     * @return how long, in nanoseconds, this process was stopped since it started, counting a pause going on or
     *         just ended; only the difference between two readings means anything
     */
    static synchronized long stoppedNanos() {
        long open = System.nanoTime() - lastTick - TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        return stopped + Math.max(0, open);
    }

    private static void tick() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        while (true) {
            LockSupport.parkNanos(tick);
            ticked(System.nanoTime());
        }
    }

    private static synchronized void ticked(long now) {
        // Counted as stoppedNanos counts an open gap, so the total never goes down.
        stopped += Math.max(0, now - lastTick - TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
        lastTick = now;
    }
}
