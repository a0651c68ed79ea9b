package io.storelink.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** The largest heap-in-use seen by a daemon thread that reads it every 5 ms, from {@link #start()} on. */
final class HeapSampler {

    private final AtomicLong peak = new AtomicLong();

    /** Starts sampling in a daemon thread, which runs until the JVM ends. */
    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampler.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
        return sampler;
    }

    /** @return the largest heap in use seen since the start or the last reset, in bytes */
    long peak() {
        return peak.get();
    }

    /** Forgets the peak so far. */
    void reset() {
        peak.set(0);
    }
}
