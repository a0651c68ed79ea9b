package io.storelink.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * CPU time used by the harness's own JVM (where the engine runs) and by the sandbox's JVM, so a figure can say where
 * the machine's cores went. Where the operating system does not tell, a time is {@code -1}.
 */
record CpuTime(long storelinkNanos, long sandboxNanos) {

    /** CPU milliseconds used between two readings, {@code -1} when unknown. */
    record Used(double storelinkMillis, double sandboxMillis) {

        /** @return the median of one of the two over several readings */
        static double median(List<Used> samples, ToDoubleFunction<Used> which) {
            return Stats.of(samples.stream().map(which::applyAsDouble).toList()).median();
        }
    }

    /** @return the CPU time both processes have used so far */
    static CpuTime now(SandboxProcess sandbox) {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new CpuTime(own, sandbox.cpuTime().map(Duration::toNanos).orElse(-1L));
    }

    /** @return the CPU time used between {@code earlier} and this */
    Used since(CpuTime earlier) {
        return new Used(millisBetween(earlier.storelinkNanos, storelinkNanos),
                millisBetween(earlier.sandboxNanos, sandboxNanos));
    }

    private static double millisBetween(long before, long after) {
        return before < 0 || after < 0 ? -1 : (after - before) / 1e6;
    }
}
