package org.snnlab.cli;

import org.snnlab.sweep.Grid;
import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.RemoteTrialRunner;
import org.snnlab.sweep.ResultsCsv;
import org.snnlab.sweep.SparkExecutor;
import org.snnlab.sweep.SparkSettings;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialStore;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test driver (run in a child JVM with Spark, {@link SparkJvm}): a small sweep on
 * {@code --master MASTER} whose trial with {@code lr=FAIL_LR} throws on its first attempt.
 * Args: OUT MASTER FAIL_LR train options...; prints one JSON line: outcomes and Spark timings.
 */
public final class SparkRetryMain {
    private SparkRetryMain() { }

    /** Trains in the task's JVM, but fails the first attempt of one grid point. */
    record FailFirst(RemoteTrialRunner inner, String failLr) implements RemoteTrialRunner {
        @Override
        public org.snnlab.sweep.TrialResult run(Trial t, Path dir, Slot slot) throws Exception {
            if (failLr.equals(t.params().get("lr")) && slot.attempt() == 0)
                throw new IllegalStateException("injected failure of the first attempt");
            return inner.run(t, dir, slot);
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<String> train = new ArrayList<>(List.of(args).subList(3, args.length));
        Grid grid = Grid.parse(List.of("lr=1e-3,2e-3,3e-3"));
        List<Trial> trials = SweepSupport.validate(grid.trials(List.of(1L), TrainTrials.fixedOptions(train)));
        Files.createDirectories(out);
        SparkExecutor ex = new SparkExecutor(new SparkSettings(args[1], Map.of(), 1), "retry-test");
        List<LocalExecutor.Outcome> o = ex.run(trials, new TrialStore(out),
                new FailFirst(SparkTrials.runner(out.resolve("data-cache"), false), args[2]),
                new ResultsCsv(out.resolve("results.csv"), List.of("lr")), null);
        Map<String, Object> m = new LinkedHashMap<>(SweepSupport.counts(o));
        m.put("context_start_s", ex.timing().contextStartSeconds());
        m.put("job_s", ex.timing().jobSeconds());
        System.out.println(Json.compact(m));
    }
}
