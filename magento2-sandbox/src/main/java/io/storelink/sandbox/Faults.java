package io.storelink.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The faults armed on a sandbox. Thread-safe; the first armed fault that matches a request fires. */
public final class Faults {
    private final List<Armed> armed = new ArrayList<>();

    public synchronized void inject(Fault fault) {
        armed.add(new Armed(requireNonNull(fault, "fault is null")));
    }

    public synchronized void clear() {
        armed.clear();
    }

    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private final Object releases = new Object();
    private long releaseCount;

    /** @return how many requests a {@link Fault.Kind#HOLD} fault holds right now */
    public int held() {
        return held.get();
    }

    /** Lets every request held now go on; a request a hold fault matches later is held again. */
    public void release() {
        synchronized (releases) {
            releaseCount++;
            releases.notifyAll();
        }
    }

    /** Holds the calling request until {@link #release()}, 60 s at most. */
    void hold() {
        try {
            synchronized (releases) {
                // Counted as held only once it knows which release it waits for: a test that sees it held and
                // releases at once must not leave it waiting for the next one.
                held.incrementAndGet();
                long entered = releaseCount;
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while (releaseCount == entered) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    releases.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    /** The faults that can still fire. */
    public synchronized List<Fault> active() {
        return armed.stream().map(entry -> entry.fault).toList();
    }

    synchronized Optional<Fault> take(String method, String fullPath, String routePath) {
        Iterator<Armed> iterator = armed.iterator();
        while (iterator.hasNext()) {
            Armed entry = iterator.next();
            if (!entry.fault.matches(method, fullPath, routePath)) {
                continue;
            }
            if (entry.toSkip > 0) {
                entry.toSkip--;
                continue;
            }
            entry.remaining--;
            if (entry.remaining <= 0) {
                iterator.remove();
            }
            return Optional.of(entry.fault);
        }
        return Optional.empty();
    }

    private static final class Armed {
        private final Fault fault;
        private int toSkip;
        private int remaining;

        Armed(Fault fault) {
            this.fault = fault;
            this.toSkip = fault.skip();
            this.remaining = fault.times();
        }
    }
}
