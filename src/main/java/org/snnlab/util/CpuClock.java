package org.snnlab.util;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM process has used, every thread together (training, data loading, GC, the
 * native BLAS/OpenMP threads that run inside the process). On a machine shared with other jobs, wall
 * time is stretched by whatever else runs; the process's CPU time counts only the work this run did,
 * so two runs' CPU seconds compare even when their wall seconds were disturbed differently.
 */
public final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS = bean();

    private CpuClock() { }

    private static com.sun.management.OperatingSystemMXBean bean() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
    }

    /** True when this JVM reports its process CPU time. */
    public static boolean available() {
        return OS != null && OS.getProcessCpuTime() >= 0;
    }

    /** The process's CPU time in nanoseconds so far, or -1 when the JVM does not report it. */
    public static long processNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    /** CPU seconds used since {@code startNanos} (a {@link #processNanos()} value), NaN when not reported. */
    public static double secondsSince(long startNanos) {
        long now = processNanos();
        return startNanos < 0 || now < 0 ? Double.NaN : (now - startNanos) / 1e9;
    }
}
