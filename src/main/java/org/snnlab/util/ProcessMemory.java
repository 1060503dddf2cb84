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
 * JavaCPP has allocated for ND4J's buffers and workspaces ({@code Pointer.totalBytes()}).
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

    /** Off-heap bytes JavaCPP tracks now (ND4J's data buffers and workspaces) in MiB. */
    public static double offHeapMb() {
        return (double) org.bytedeco.javacpp.Pointer.totalBytes() / MB;
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
