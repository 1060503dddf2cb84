package org.snnlab.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.prune.PruneSpec;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.MetricsCsv;
import org.snnlab.train.TrainSpec;
import org.snnlab.train.Training;
import org.snnlab.train.TrainingListener;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --prune}: a pruned run visits K = round((1-r) N) examples in its pruned epochs and all
 * in the full-data ones, writes the pruning columns, resumes to the same metrics (the scoreboard is in
 * the checkpoint), keeps the prune recipe in the spec's JSON (full data leaves it out), and bad input
 * gives one line and exit code 2.
 */
class TrainPruneCliTest {
    static final List<String> TINY = List.of("--model", "fc", "--hidden", "32", "--time-steps", "4", "--batch", "50",
            "--limit-train", "400", "--limit-test", "100", "--epochs", "4", "--seed", "5", "--quiet");

    @BeforeAll
    static void needData() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
    }

    @Test
    void badPruningInputGivesOneLineAndExitCode2() {
        String[][] bad = {
                {"--prune", "magic", "--prune-ratio", "0.5"},
                {"--prune", "sadp", "--prune-ratio", "1.0"},
                {"--prune", "sadp", "--prune-ratio", "-0.1"},
                {"--prune", "random"},
                {"--prune-ratio", "0.5"},
                {"--prune", "el2n", "--prune-ratio", "0.5", "--prune-uniform-mix", "2"}};
        for (String[] extra : bad) {
            CliRun r = CliRun.of(concat(concat("train", TINY, "--out", "/nonexistent/x"), extra));
            assertEquals(2, r.rc(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.errorLines().size(), String.join(" ", extra) + ": " + r.err());
        }
        CliRun conv = CliRun.of("train", "--model", "conv", "--prune", "sadp", "--prune-ratio", "0.5", "--quiet", "--out", "/nonexistent/y");
        assertEquals(2, conv.rc(), conv.err());
        assertTrue(conv.err().contains("--prune sadp needs --model fc"), conv.err());
    }

    @Test
    void aPrunedRunVisitsKExamplesAndResumesToTheSameMetrics(@TempDir Path tmp) throws Exception {
        List<String> sadp = List.of("--prune", "sadp", "--prune-ratio", "0.5", "--prune-full-last", "0.25");
        Path ref = tmp.resolve("ref"), cut = tmp.resolve("cut");
        CliRun r = CliRun.of(concat(concat("train", TINY, "--out", ref.toString()), sadp.toArray(String[]::new)));
        assertEquals(0, r.rc(), r.err());
        List<EpochMetrics> a = new MetricsCsv(ref.resolve("metrics.csv")).read();
        assertEquals(4, a.size());
        double[] visited = a.stream().mapToDouble(m -> m.extra().get("examples_visited")).toArray();
        assertEquals(List.of(400.0, 200.0, 200.0, 400.0), List.of(visited[0], visited[1], visited[2], visited[3]), "full first, pruned, pruned, full last");
        assertEquals(0.5, a.get(1).extra().get("prune_ratio"), 1e-12);
        assertTrue(a.get(1).extra().get("scoring_seconds") >= 0 && a.get(1).extra().get("train_seconds") > 0);
        assertTrue(a.get(1).extra().get("train_cpu_seconds") > 0, "the training loop's process CPU time is recorded");
        assertEquals(4, a.get(1).iteration() - a.get(0).iteration(), "a pruned epoch takes K / batch = 200 / 50 steps");

        // the same recipe stopped after epoch 2 (the checkpoint is written before listeners run), then resumed
        TrainCommand cmd = new TrainCommand();
        String[] args = concat(concat("train", TINY, "--out", cut.toString()), sadp.toArray(String[]::new));
        new picocli.CommandLine(cmd).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        TrainSpec spec = cmd.spec();
        assertEquals(PruneSpec.Kind.SADP, spec.prune().kind());
        TrainingListener stop = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                if (m.epoch() == 1) throw new IllegalStateException("stop here");
            }
        };
        assertThrows(IllegalStateException.class, () -> Training.run(spec, cut, Training.RunOptions.defaults().withListener(stop)));
        assertEquals(2, new MetricsCsv(cut.resolve("metrics.csv")).read().size());
        Training.run(spec, cut, Training.RunOptions.defaults());
        List<EpochMetrics> b = new MetricsCsv(cut.resolve("metrics.csv")).read();
        assertEquals(4, b.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), "train loss, epoch " + e);
            assertEquals(a.get(e).testAcc(), b.get(e).testAcc(), "test accuracy, epoch " + e);
            assertEquals(a.get(e).extra().get("examples_visited"), b.get(e).extra().get("examples_visited"));
        }
        assertTrue(Files.readString(cut.resolve("provenance.json")).contains("\"resumed_from_epoch\" : 2"));
    }

    @Test
    void thePruneRecipeIsPartOfTheSpecJsonAndFullDataLeavesItOut() {
        TrainSpec full = TrainSpec.builder(org.snnlab.model.ModelKind.FC).build();
        assertFalse(full.toJson().contains("prune"), full.toJson());
        assertEquals(full.id(), full.withPrune(PruneSpec.of(PruneSpec.Kind.FULL, 0.7)).id(), "explicit full data is the same trial");
        TrainSpec pruned = full.withPrune(PruneSpec.of(PruneSpec.Kind.INFOBATCH, 0.3).withSmoothing(0.1));
        assertTrue(pruned.toJson().contains("\"prune\":{\"kind\":\"infobatch\",\"ratio\":0.3"), pruned.toJson());
        assertEquals(pruned, TrainSpec.fromJson(pruned.toJson()));
        assertEquals(full, TrainSpec.fromJson(full.toJson()));
        assertFalse(pruned.id().equals(full.id()));
        assertFalse(pruned.id().equals(full.withPrune(PruneSpec.of(PruneSpec.Kind.INFOBATCH, 0.5)).id()));
        assertTrue(Json.compact(pruned).contains("\"full_last\":0.125"));
    }

    static String[] concat(String first, List<String> rest, String... more) {
        String[] a = new String[1 + rest.size() + more.length];
        a[0] = first;
        for (int i = 0; i < rest.size(); i++) a[1 + i] = rest.get(i);
        System.arraycopy(more, 0, a, 1 + rest.size(), more.length);
        return a;
    }

    static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
