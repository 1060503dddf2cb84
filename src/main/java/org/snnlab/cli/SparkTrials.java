package org.snnlab.cli;

import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.ProcessTrialRunner;
import org.snnlab.sweep.RemoteTrialRunner;
import org.snnlab.sweep.ResultsCsv;
import org.snnlab.sweep.SparkExecutor;
import org.snnlab.sweep.SparkSettings;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --executor spark} side of {@code sweep} and {@code lr-scan}: the remote trial runner (a
 * trial trained in the executor's JVM, or in a child JVM of it with the task's threads and GPUs) and
 * the run. Only this class names {@link SparkExecutor}, and only after {@link #requireSpark} found
 * Spark on the class path, so a JVM without Spark fails with one line.
 */
final class SparkTrials {
    /** What a JVM without Spark says (bin/snnlab adds it for --executor spark). */
    static final String NO_SPARK = "--executor spark needs Apache Spark on the class path: run it through bin/snnlab (which adds"
            + " target/spark-classpath.txt, written by mvn package) or spark-submit";

    private SparkTrials() { }

    /** Throws the one-line error unless Spark's classes load. */
    static void requireSpark() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkTrials.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(NO_SPARK);
        }
    }

    /** The runner each task uses: in the executor's JVM, or in a child JVM ({@code processes}). */
    static RemoteTrialRunner runner(Path cache, boolean processes) {
        String c = cache.toAbsolutePath().toString();
        if (!processes) return (t, dir, slot) -> TrainTrials.run(t, dir, Path.of(c));
        List<String> main = List.of(Main.class.getName(), "trial", "--watch-parent", "--data-cache", c);
        return (t, dir, slot) -> new ProcessTrialRunner(main).run(t, dir, slot.threads(),
                slot.gpus().isEmpty() ? Map.of() : Map.of("CUDA_VISIBLE_DEVICES", slot.cudaVisibleDevices()));
    }

    /** Isolation for Spark: {@code auto} = child JVMs only when GPUs are asked for (a device is picked before ND4J loads). */
    static boolean processes(String isolation, SparkSettings s) {
        return isolation.equals("auto") ? s.gpusPerTask() > 0 : SweepSupport.useProcesses(isolation, 1);
    }

    static List<LocalExecutor.Outcome> run(List<Trial> trials, TrialStore store, ResultsCsv csv, Path cache, ExecutorOptions exec,
                                           LocalExecutor.Listener progress, PrintStream log, String command) throws IOException {
        requireSpark();
        SparkSettings s = exec.sparkSettings();
        SparkExecutor ex = new SparkExecutor(s, command);
        List<LocalExecutor.Outcome> out = ex.run(trials, store, runner(cache, processes(exec.isolation, s)), csv, progress);
        SparkExecutor.Timing tm = ex.timing();
        if (!Double.isNaN(tm.contextStartSeconds()))
            log.println(String.format(Locale.ROOT, "spark: context started in %.2f s, job ran %.2f s (master %s)",
                    tm.contextStartSeconds(), tm.jobSeconds(), s.master()));
        return out;
    }
}
