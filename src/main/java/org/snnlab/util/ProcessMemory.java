package org.snnlab.util;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this process holds in memory, for benchmarks: the kernel's resident-set figures from
 * {@code /proc/self/status} ({@code VmRSS} now, {@code VmHWM} its high-water mark: the peak
 * resident memory, the one figure that is fair between a JVM and a Python process), the Java heap's
 * peak use (the sum of every heap pool's {@code getPeakUsage().getUsed()}) and the off-heap bytes
 * of ND4J's workspaces.
 */
public final class ProcessMemory {
    private static final long MB = 1L << 20;

    private ProcessMemory() { }

    /** Peak resident set size in MiB ({@code VmHWM}), or -1 where {@code /proc} is not readable. */
    public static double peakRssMb() {
        return status("VmHWM:");
    }

    /** Current resident set size in MiB ({@code VmRSS}), or -1 where {@code /proc} is not readable. */
    public static double rssMb() {
        return status("VmRSS:");
    }

    /** Peak Java heap in use in MiB (sum of the heap pools' peaks since start). */
    public static double heapPeakMb() {
        long sum = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean p : pools) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return (double) sum / MB;
    }

    /**
     * Off-heap MiB held by this thread's ND4J workspaces now (their current sizes): where every array
     * of a training step lives, so after a step it is that step's off-heap footprint.
     */
    public static double workspacesMb() {
        long sum = 0;
        for (var ws : org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread())
            sum += ws.getCurrentSize();
        return (double) sum / MB;
    }

    private static double status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (!line.startsWith(key)) continue;
                String[] f = line.substring(key.length()).trim().split("\\s+"); // "123456 kB"
                return Long.parseLong(f[0]) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
