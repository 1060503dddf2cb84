package org.snnlab.cli;

import picocli.CommandLine.Option;

/**
 * How {@code sweep} and {@code lr-scan} run their trials (a picocli mixin): how many at a time, on
 * how many cores, and whether in this JVM or in child JVMs.
 */
final class ExecutorOptions {
    @Option(names = "--workers", defaultValue = "1", description = "trials at a time (each gets cores/workers threads)") int workers;
    @Option(names = "--cores", description = "cores to share among workers (default: all)") Integer cores;
    @Option(names = "--isolation", defaultValue = "auto", description = "auto | process | in-process (auto: in-process for 1 worker, child JVMs for more)")
    String isolation;

    /** The cores to share, checked against the workers. */
    int cores() {
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        SweepSupport.checkWorkers(workers, n);
        return n;
    }

    /** Whether trials run in child JVMs. */
    boolean processes() {
        return SweepSupport.useProcesses(isolation, workers);
    }
}
