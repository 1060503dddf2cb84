package org.snnlab.cli;

import org.snnlab.sweep.SparkSettings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@code sweep} and {@code lr-scan} run their trials (a picocli mixin): the executor ({@code local}:
 * this machine, how many at a time, on how many cores, in this JVM or child JVMs; {@code spark}: tasks of
 * a Spark job on {@code --master}, with {@code --task-cpus} threads each and {@code --conf} settings).
 */
final class ExecutorOptions {
    @Option(names = "--executor", defaultValue = "local", description = "local | spark (Spark: embedded local mode or any cluster, see --master)")
    String executor;
    @Option(names = "--workers", defaultValue = "1", description = "local executor: trials at a time (each gets cores/workers threads)") int workers;
    @Option(names = "--cores", description = "local executor: cores to share among workers (default: all)") Integer cores;
    @Option(names = "--isolation", defaultValue = "auto",
            description = "auto | process | in-process (local: auto = in-process for 1 worker, child JVMs for more; spark: auto = in the executor's JVM, child JVMs when GPUs are asked for)")
    String isolation;
    @Option(names = "--master", defaultValue = "local[*]", description = "spark executor: local[N] | local[N,F] (F attempts per trial) | spark://HOST:PORT | yarn | k8s://...")
    String master;
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "spark executor: a Spark setting (repeatable), e.g. --conf spark.task.maxFailures=2")
    List<String> conf = new ArrayList<>();
    @Option(names = "--task-cpus", defaultValue = "1", description = "spark executor: threads per trial (spark.task.cpus)") int taskCpus;

    /** True for {@code --executor spark}; checks the name and the options that go with it. */
    boolean spark() {
        return switch (executor) {
            case "local" -> {
                if (!conf.isEmpty()) throw new IllegalArgumentException("--conf is a Spark setting; add --executor spark");
                yield false;
            }
            case "spark" -> {
                if (workers != 1 || cores != null)
                    throw new IllegalArgumentException("--workers and --cores are the local executor's; with --executor spark the master's cores and --task-cpus decide");
                yield true;
            }
            default -> throw new IllegalArgumentException("--executor must be local or spark, got '" + executor + "'");
        };
    }

    /** The Spark settings (checked), for {@code --executor spark}. */
    SparkSettings sparkSettings() {
        return new SparkSettings(master, SparkSettings.parseConf(conf), taskCpus);
    }

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

    /** Checks every executor option before any trial is validated or run. */
    void check() {
        if (spark()) {
            SparkSettings s = sparkSettings();
            SweepSupport.useProcesses(isolation, 1);
            SparkTrials.requireSpark();
            if (s.gpusPerTask() < 0) throw new IllegalArgumentException("--conf spark.task.resource.gpu.amount must be >= 0");
        } else {
            cores();
            processes();
        }
    }
}
