package org.snnlab.cli;

import org.snnlab.core.ComputeOptions;
import org.snnlab.data.EncoderSpec;
import org.snnlab.loss.LossSpec;
import org.snnlab.model.ModelKind;
import org.snnlab.optim.OptimizerSpec;
import org.snnlab.optim.lr.LrPolicy;
import org.snnlab.prune.PruneSpec;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.ProgressBar;
import org.snnlab.train.StabilityDetector;
import org.snnlab.train.TrainResult;
import org.snnlab.train.TrainSpec;
import org.snnlab.train.Training;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab train}: trains a named network on a data set, writing {@code metrics.csv},
 * {@code provenance.json} and a checkpoint per epoch to {@code --out} (re-running the same command
 * resumes). The options map to a {@link TrainSpec}, run by {@link Training#run}; {@code --spec FILE} reruns
 * a recipe (for instance a finished run's provenance.json). The last stdout line is one JSON object with the outcome.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train an SNN (last stdout line: JSON).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "a data catalog name: images (fashion-mnist, mnist) for fc / conv / qsnn-conv,"
            + " event frames (nfashion-emulated, nmnist-emulated, ncars, n-mnist, dvs-gesture, ...) for carsnn; snnlab data list shows them") String dataset;
    @Option(names = "--data-dir", description = "folder with the IDX files, or NCARS' train|test folders (default: searched / data/ncars)") Path dataDir;
    @Option(names = "--model", description = "fc | conv | qsnn-conv | carsnn | mrf-cnn | mrf-rnn (required unless --spec)") String model;
    @Option(names = "--epochs", defaultValue = "1") int epochs;
    @Option(names = "--batch", description = "batch size (default per model: 128, carsnn 40)") Integer batch;
    @Option(names = "--lr", description = "learning rate (default per model)") Double lr;
    @Option(names = "--time-steps", description = "T; frames per example for event data (default per model)") Integer steps;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--limit-train", description = "use the first N training examples") Integer limitTrain;
    @Option(names = "--limit-test", description = "use the first N test examples") Integer limitTest;
    @Option(names = "--out", defaultValue = "runs/train") Path out;
    @Option(names = "--hidden", description = "hidden neurons of fc (default 1000)") Integer hidden;
    @Option(names = "--threshold", description = "firing threshold Vth of fc and carsnn (default: fc 1.0, carsnn 0.4)") Double threshold;
    @Option(names = "--weight-gain", description = "carsnn: initial weights x this (default 3 on emulated events, 1 on NCARS)") Double weightGain;
    @Option(names = "--encoder", description = "direct | rate[:gain] | latency[:threshold] | latency-log[:tau] (default direct; event data: frames)") String encoder;
    @Option(names = "--loss", description = "ce-count | ce-mem | mse-count[:c,i] | mse-rate (default per model)") String loss;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | adamw | sgd") String optimizer;
    @Option(names = "--weight-decay", defaultValue = "0") double weightDecay;
    @Option(names = "--lr-scale", paramLabel = "ROLE=SCALE", description = "a parameter group: the rate of ROLE's parameters"
            + " (weight, bias, threshold, leak, ...) x SCALE, e.g. threshold=10 (repeatable; adam / adamw)") java.util.List<String> lrScales = new java.util.ArrayList<>();
    @Option(names = "--schedule", description = "constant | step | cosine | cosine-restarts | warm-restarts | linear-restarts |"
            + " triangular | decreasing-triangular | one-cycle, each [:args] (default per model)") String schedule;
    @Option(names = "--schedule-stretch", defaultValue = "1", description = "multiplies the paper's epoch periods of the"
            + " schedules; 'auto' = epochs/200 (FastSpiker's periods over a shorter run)") String stretch;
    @Option(names = "--stability-window", description = "stop when the last N epochs' test accuracy is stable (FastSpiker: 10)") Integer stabilityWindow;
    @Option(names = "--stability-std", defaultValue = "1.0", description = "stability: std of the window below this many percentage points") double stabilityStd;
    @Option(names = "--grid-intensity", defaultValue = "475", description = "grid carbon intensity, gCO2eq/kWh (default: world average)") double gridIntensity;
    @Option(names = "--quant-bits", description = "k-bit quantization-aware weights for conv models (0 = full precision)") Integer quantBits;
    @Option(names = "--omega", description = "mrf-cnn / mrf-rnn: the projection Omega, sine[:THETA] | mean | none (default sine:pi/4)") String omega;
    @Option(names = "--grouping", description = "mrf-cnn / mrf-rnn: window grouping on | off (off: the whole map in one pass; default on)") String grouping;
    @Option(names = "--mrf-size", description = "mrf-cnn / mrf-rnn: tiny (widths 8/16/32) | small (16/32/64, default) | paper"
            + " (the authors' sequencer2d_s: 48/96/192/384, blocks 2/2/6/2)") String mrfSize;
    @Option(names = "--clip", defaultValue = "0", description = "global gradient-norm clip (0 = off)") double clip;
    @Option(names = "--no-checkpoint", description = "do not checkpoint or resume") boolean noCheckpoint;
    @Option(names = "--overwrite", description = "start afresh in a used --out folder (deletes its checkpoint and metrics.csv)"
            + " instead of resuming it or, with --no-checkpoint, being refused") boolean overwrite;
    @Option(names = "--quiet", description = "no progress bar") boolean quiet;
    @Option(names = "--spec", description = "train the recipe in FILE (a TrainSpec JSON, or a run's provenance.json) instead of the options above") Path specFile;
    @Option(names = "--init-from", paramLabel = "FILE.nir", description = "start from the weights of a NIR file's network"
            + " (the same layers as --model's; recorded in provenance.json with the file's sha256)") Path initFrom;
    @Option(names = "--prune", description = "data pruning: full | random | infobatch | el2n | sadp | gradnorm (default full)") String prune;
    @Option(names = "--prune-ratio", description = "share r of the examples a pruned epoch skips, in [0, 1) (K = round((1-r) N) visited)") Double pruneRatio;
    @Option(names = "--prune-smoothing", description = "el2n / sadp / gradnorm: weight of the previous score in its moving average (default 0.5)") Double pruneSmoothing;
    @Option(names = "--prune-uniform-mix", description = "el2n / sadp / gradnorm: share of uniform probability mixed in (default 0.2)") Double pruneMix;
    @Option(names = "--prune-full-first", description = "the first N epochs use all the data (default 1)") Integer pruneFullFirst;
    @Option(names = "--prune-full-last", description = "the last fraction of the epochs uses all the data (default 0.125)") Double pruneFullLast;
    @Option(names = "--data-cache", description = "keep emulated event data in DIR and reuse it (sweeps set this)") Path dataCache;

    /** Options that only say how the run is executed; all others are part of the recipe (and refused with --spec). */
    static final java.util.Set<String> EXECUTION = java.util.Set.of("--out", "--no-checkpoint", "--overwrite", "--quiet", "--data-cache", "--spec", "--init-from",
            "--help", "--version");

    @Spec CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        Training.Outcome o = execute();
        System.out.println(Json.compact(summary(o)));
        return 0;
    }

    /**
     * The training recipe of these options: every option checked without loading data, defaults of
     * the model filled in. With {@code --spec} the recipe is read from the file, and recipe options
     * given beside it are refused.
     */
    public TrainSpec spec() throws IOException {
        if (specFile != null) return SpecFiles.read(specFile, recipeOptionsGiven());
        if (model == null) throw new IllegalArgumentException("--model is required (or --spec FILE)");
        ModelKind kind = ModelKind.of(model);
        TrainSpec.Builder b = TrainSpec.builder(kind).dataset(dataset).dataDir(dataDir == null ? null : dataDir.toString())
                .limits(limitTrain, limitTest).timeSteps(steps).batch(batch).epochs(epochs).seed(seed).lr(lr)
                .hidden(hidden).threshold(threshold).weightGain(weightGain).quantBits(quantBits)
                .omega(omega).grouping(grouping == null ? null : org.snnlab.model.ModelSpec.parseGrouping(grouping)).size(mrfSize)
                .optimizer(optimizerSpec()).gridIntensity(gridIntensity).clip(clip)
                .compute(ComputeOptions.fromSystem()); // -Dsnnlab.fused / vector / sparse / workspaces, read here once
        if (encoder != null) b.encoder(EncoderSpec.parse(encoder));
        if (loss != null) b.loss(LossSpec.parse(loss));
        if (schedule != null) b.schedule(LrPolicy.parse(schedule));
        if (stretch.equals("auto")) b.autoStretch();
        else b.scheduleStretch(number(stretch));
        if (stabilityWindow != null) b.stability(new StabilityDetector(stabilityWindow, stabilityStd / 100));
        b.prune(pruneSpec());
        return b.build();
    }

    /** The options of this command line that are part of the recipe (empty when parsed outside picocli). */
    private java.util.List<String> recipeOptionsGiven() {
        if (commandSpec == null || commandSpec.commandLine().getParseResult() == null) return java.util.List.of();
        return commandSpec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                .filter(n -> !EXECUTION.contains(n)).toList();
    }

    /** The pruning options as a {@link PruneSpec}; a pruning parameter without {@code --prune} is refused. */
    private PruneSpec pruneSpec() {
        if (prune == null) {
            if (pruneRatio != null || pruneSmoothing != null || pruneMix != null || pruneFullFirst != null || pruneFullLast != null)
                throw new IllegalArgumentException("the --prune-* options need --prune (random, infobatch, el2n, sadp or gradnorm)");
            return PruneSpec.FULL;
        }
        PruneSpec.Kind k = PruneSpec.Kind.of(prune);
        if (k != PruneSpec.Kind.FULL && pruneRatio == null) throw new IllegalArgumentException("--prune " + k.cliName() + " needs --prune-ratio R in [0, 1)");
        return new PruneSpec(k, pruneRatio == null ? 0 : pruneRatio, pruneSmoothing == null ? PruneSpec.DEFAULT_SMOOTHING : pruneSmoothing,
                pruneMix == null ? PruneSpec.DEFAULT_UNIFORM_MIX : pruneMix, pruneFullFirst == null ? PruneSpec.DEFAULT_FULL_FIRST : pruneFullFirst,
                pruneFullLast == null ? PruneSpec.DEFAULT_FULL_LAST : pruneFullLast);
    }

    private OptimizerSpec optimizerSpec() {
        OptimizerSpec o = new OptimizerSpec(OptimizerSpec.Kind.of(optimizer), weightDecay);
        for (String g : lrScales) {
            var e = OptimizerSpec.parseScale(g);
            o = o.withLrScale(e.getKey(), e.getValue());
        }
        return o;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--schedule-stretch must be a number > 0 or 'auto', got '" + s + "'");
        }
    }

    /** How this command line executes its run (cache, checkpoints, progress). */
    public Training.RunOptions runOptions() throws IOException {
        Training.RunOptions o = Training.RunOptions.defaults().withCheckpoint(!noCheckpoint).withDataCache(dataCache)
                .withOverwrite(overwrite);
        if (initFrom != null) {
            if (!java.nio.file.Files.isRegularFile(initFrom)) throw new IllegalArgumentException("--init-from " + initFrom + ": no such file");
            o = o.withInitialWeights(org.snnlab.interop.Nir.load(initFrom).net(),
                    initFrom.toAbsolutePath() + " (NIR, sha256 " + org.snnlab.util.Hashing.sha256Hex(initFrom) + ")");
        }
        return quiet ? o : o.withListener(new ProgressBar(System.err));
    }

    /** Runs the recipe into {@code --out}; a NaN/Inf stop throws {@link org.snnlab.train.NonFiniteException}. */
    public Training.Outcome execute() throws IOException {
        return Training.run(spec(), outFolder(out), runOptions());
    }

    /** {@code out}, refused in one line when it (or the first part of it that exists) is a file, not a folder. */
    static Path outFolder(Path out) {
        for (Path p = out.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!java.nio.file.Files.exists(p)) continue;
            if (java.nio.file.Files.isDirectory(p)) return out;
            throw new IllegalArgumentException("--out " + out + ": " + (p.equals(out.toAbsolutePath()) ? "" : p + " ")
                    + "is a file, not a folder (a run writes metrics.csv, provenance.json and its checkpoint into a folder)");
        }
        return out;
    }

    /** The JSON line: accuracy, epochs, time, energy and, with a stability rule, when it fired. */
    static Map<String, Object> summary(Training.Outcome o) {
        TrainResult r = o.result();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("test_accuracy", r.last().testAcc());
        summary.put("test_loss", r.last().testLoss());
        summary.put("train_accuracy", r.last().trainAcc());
        summary.put("epochs", r.history().size());
        summary.put("resumed_from_epoch", r.resumedFrom());
        summary.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        double joules = r.history().stream().mapToDouble(m -> m.extra().getOrDefault("energy_j", Double.NaN)).sum();
        double co2 = r.history().stream().mapToDouble(m -> m.extra().getOrDefault("co2_kg", Double.NaN)).sum();
        summary.put("energy_j", joules);
        summary.put("co2_g", 1000 * co2);
        summary.put("energy_method", o.energyMethod());
        if (o.stability() != null) {
            int at = o.stability().stableAt(r.history().stream().map(EpochMetrics::testAcc).toList());
            summary.put("epochs_to_stability", at < 0 ? null : at + 1);
        }
        summary.put("out", r.out().toString());
        return summary;
    }
}
