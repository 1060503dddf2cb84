package org.snnlab.train.energy;

import java.lang.management.ManagementFactory;

/**
 * The fallback when no energy counter is readable (VMs, non-Intel CPUs, containers): the model
 * CodeCarbon uses, power = TDP x utilisation. Utilisation is this process's CPU time over the
 * machine's core time, so {@code E = TDP * cpuSeconds / cores}. TDP per machine is a parameter
 * (default {@value #DEFAULT_TDP_W} W, CodeCarbon's default for an unknown CPU).
 */
public final class TdpModelMeter implements EnergyMeter {
    public static final double DEFAULT_TDP_W = 85;
    private final double tdp;
    private final int cores;
    private final long cpuNanos0;

    public TdpModelMeter(double tdpWatts) {
        if (!(tdpWatts > 0)) throw new IllegalArgumentException("TDP must be > 0 W, got " + tdpWatts);
        this.tdp = tdpWatts;
        this.cores = Runtime.getRuntime().availableProcessors();
        this.cpuNanos0 = cpuNanos();
    }

    static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
    }

    @Override
    public double joules() {
        return tdp * (cpuNanos() - cpuNanos0) / 1e9 / cores;
    }

    @Override
    public String method() {
        return "tdp-model (" + tdp + " W x process CPU time / " + cores + " cores; no RAPL counter readable)";
    }
}
