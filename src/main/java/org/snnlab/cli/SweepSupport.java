package org.snnlab.cli;

import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.ProcessTrialRunner;
import org.snnlab.sweep.ResultsCsv;
import org.snnlab.sweep.Trial;
import org.snnlab.train.TrainSpec;
import org.snnlab.train.Training;
import org.snnlab.sweep.TrialRunner;
import org.snnlab.sweep.TrialStore;
import org.snnlab.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code sweep} and {@code lr-scan} share: seeds, the isolation choice, validating every trial
 * before the first runs, preparing event data once, and running the trials with progress.
 *
 * <p>Isolation: {@code in-process} runs trials one after another in this JVM (no start-up cost);
 * {@code process} runs each in a child JVM ({@link ProcessTrialRunner}: its own native thread pool of
 * cores/workers threads, heap and CPU-time energy). {@code auto} (the default) is in-process for one
 * worker and child processes for more, because ND4J's thread pools are per process. With
 * {@code --executor spark} the trials are the tasks of one Spark job ({@link SparkTrials}).
 */
final class SweepSupport {
    private SweepSupport() { }

    /** {@code 1,2,3} -> seeds. */
    static List<Long> seeds(String s) {
        List<Long> out = new ArrayList<>();
        for (String p : s.split(",")) {
            try {
                out.add(Long.parseLong(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds must be integers separated by commas, got '" + s + "'");
            }
        }
        if (new LinkedHashSet<>(out).size() != out.size()) throw new IllegalArgumentException("--seeds repeats a seed: '" + s + "'");
        return out;
    }

    /** True for child processes, from {@code auto | process | in-process}. */
    static boolean useProcesses(String isolation, int workers) {
        return switch (isolation) {
            case "auto" -> workers > 1;
            case "process" -> true;
            case "in-process" -> false;
            default -> throw new IllegalArgumentException("--isolation must be auto, process or in-process, got '" + isolation + "'");
        };
    }

    static void checkWorkers(int workers, int cores) {
        if (workers < 1) throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        if (cores < 1) throw new IllegalArgumentException("--cores must be >= 1, got " + cores);
    }

    /**
     * Checks every trial's train options (before anything is written or run) and returns the trials
     * identified by their resolved recipes.
     */
    static List<Trial> validate(List<Trial> trials) throws IOException {
        List<Trial> bound = new ArrayList<>();
        for (Trial t : trials) bound.add(TrainTrials.validate(t));
        return bound;
    }

    /**
     * Prepares each distinct event data set once (into {@code out/data-cache}), then runs the trials
     * not yet done; results go to {@code out/results.csv}.
     *
     * @param trials the validated trials ({@link #validate})
     */
    static List<LocalExecutor.Outcome> run(List<Trial> trials, List<String> params, Path out, ExecutorOptions exec,
                                           LocalExecutor.Listener progress, PrintStream log, String command)
            throws IOException, InterruptedException {
        TrialStore store = new TrialStore(out);
        Path cache = out.resolve("data-cache");
        Set<String> prepared = new LinkedHashSet<>();
        for (Trial t : trials) {
            TrainSpec spec = TrainTrials.spec(t);
            if (!spec.data().events() || store.done(t).isPresent() || !prepared.add(Training.dataKey(spec))) continue;
            log.println("preparing event data once for all trials (" + Training.dataKey(spec) + ") in " + cache);
            Training.load(spec, cache);
        }
        ResultsCsv csv = new ResultsCsv(out.resolve("results.csv"), params);
        if (exec.spark()) return SparkTrials.run(trials, store, csv, cache, exec, progress, log, command);
        boolean processes = exec.processes();
        TrialRunner runner = processes
                ? new ProcessTrialRunner(List.of(Main.class.getName(), "trial", "--watch-parent", "--data-cache", cache.toString()))
                : (t, dir, threads) -> TrainTrials.run(t, dir, cache);
        return new LocalExecutor(exec.workers, exec.cores()).run(trials, store, runner, csv, progress);
    }

    /** Writes {@code out/sweep.json}: what the sweep was asked to run. */
    static void describe(Path out, String command, Map<String, ?> grid, List<Long> seeds, Map<String, String> fixed, int trials)
            throws IOException {
        Files.createDirectories(out);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("grid", grid);
        m.put("seeds", seeds);
        m.put("fixed_train_options", fixed);
        m.put("trials", trials);
        Json.write(out.resolve("sweep.json"), m);
    }

    /** Counts of a run's outcomes, for the JSON line. */
    static Map<String, Object> counts(List<LocalExecutor.Outcome> outcomes) {
        int done = 0, diverged = 0, failed = 0, skipped = 0;
        for (LocalExecutor.Outcome o : outcomes) {
            if (o.failed()) { failed++; continue; }
            if (o.skipped()) skipped++;
            if (o.result().status() == org.snnlab.sweep.TrialResult.Status.DIVERGED) diverged++;
            else done++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trials", outcomes.size());
        m.put("done", done);
        m.put("diverged", diverged);
        m.put("failed", failed);
        m.put("skipped", skipped);
        return m;
    }
}
