package io.storelink.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used by the harness's own JVM (where the engine runs) and by the sandbox's JVM, so a figure can say where
 * the machine's cores went. Where the operating system does not tell, a time is {@code -1}.
 */
record CpuTime(long storelinkNanos, long sandboxNanos) {

    /** @return the CPU time both processes have used so far */
    static CpuTime now(SandboxProcess sandbox) {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new CpuTime(own, sandbox.cpuTime().map(Duration::toNanos).orElse(-1L));
    }

    /** @return the CPU time used between {@code earlier} and this, in milliseconds ({@code -1} when unknown) */
    double[] millisSince(CpuTime earlier) {
        return new double[] {
            storelinkNanos < 0 || earlier.storelinkNanos < 0 ? -1 : (storelinkNanos - earlier.storelinkNanos) / 1e6,
            sandboxNanos < 0 || earlier.sandboxNanos < 0 ? -1 : (sandboxNanos - earlier.sandboxNanos) / 1e6};
    }
}
