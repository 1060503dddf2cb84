package org.snnlab.cli;

import org.snnlab.sweep.Comparison;
import org.snnlab.sweep.Grid;
import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.Metric;
import org.snnlab.sweep.Selector;
import org.snnlab.sweep.SweepSummary;
import org.snnlab.sweep.Trial;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab sweep}: a grid of {@code train} runs x seeds (FastSpiker's policy x LR and batch x
 * threshold sweeps), idempotent and resumable, with a results table and an optional statistical
 * decision between two settings. The last stdout line is JSON.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid of training trials x seeds; re-running skips finished trials (last stdout line: JSON).",
                "Every other option is a train option applied to all trials, e.g. --model carsnn --dataset nfashion-emulated"
                        + " --epochs 20 --limit-train 1500 --stability-window 10 --stability-std 1.0.",
                "A grid parameter NAME sets train's --NAME (policy = --schedule, vth = --threshold); schedule arguments"
                        + " inside a grid value use '/', e.g. --param policy=step:0.5/2,one-cycle."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--param", paramLabel = "NAME=V1,V2,...", description = "a grid parameter (repeatable)") List<String> params = new ArrayList<>();
    @Option(names = "--seeds", defaultValue = "1", description = "seeds, comma-separated (default 1)") String seeds;
    @Option(names = "--out", defaultValue = "runs/sweep", description = "sweep folder (trials/, results.csv, sweep.json)") Path out;
    @Option(names = "--compare", arity = "2", paramLabel = "SETTING", description = "compare two settings, e.g. --compare policy=step policy=cosine") List<String> compare;
    @Option(names = "--metric", defaultValue = "final_test_acc", description = "what --compare tests (final_test_acc, best_test_acc, epochs_to_stability, seconds, seconds_to_stability, energy_j, co2_g, epochs)") String metric;
    @Option(names = "--alpha", defaultValue = "0.05", description = "significance level of --compare") double alpha;
    @Mixin ExecutorOptions exec = new ExecutorOptions();
    @Unmatched List<String> trainArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        exec.check();
        List<Long> seedList = SweepSupport.seeds(seeds);
        Grid grid = Grid.parse(params);
        Metric m = Metric.parse(metric);
        Selector a = compare == null ? null : Selector.parse(compare.get(0), grid);
        Selector b = compare == null ? null : Selector.parse(compare.get(1), grid);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        Map<String, String> fixed = TrainTrials.fixedOptions(trainArgs);
        List<Trial> trials = SweepSupport.validate(grid.trials(seedList, fixed));
        SweepSupport.describe(out, "sweep", grid.params(), seedList, fixed, trials.size());
        List<LocalExecutor.Outcome> outcomes = SweepSupport.run(trials, new ArrayList<>(grid.params().keySet()), out,
                exec, new SweepProgress(System.err, "sweep"), System.err, "sweep");
        System.out.print(SweepSummary.format(SweepSummary.of(outcomes)));
        System.out.println("results: " + out.resolve("results.csv"));
        Map<String, Object> json = new LinkedHashMap<>(SweepSupport.counts(outcomes));
        json.put("results", out.resolve("results.csv").toString());
        if (a != null) {
            Comparison c = Comparison.compare(a.text(), a.sample(outcomes, m), b.text(), b.sample(outcomes, m), alpha, m.higherIsBetter());
            System.out.println(c.report(m.column()));
            Json.write(out.resolve("comparison.json"), c);
            json.put("verdict", c.verdictText());
            json.put("welch_p", c.welchP());
            json.put("mann_whitney_p", c.mannWhitneyP());
        }
        System.out.println(Json.compact(json));
        long failed = outcomes.stream().filter(LocalExecutor.Outcome::failed).count();
        if (failed > 0) System.err.println("snnlab: " + failed + " trial(s) failed (see their log.txt); re-run the same command to retry them");
        return failed > 0 ? 1 : 0;
    }
}
