package org.snnlab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.Dataset;
import org.snnlab.data.Encoder;
import org.snnlab.data.Encoders;
import org.snnlab.data.FramesEncoder;
import org.snnlab.loss.Loss;
import org.snnlab.loss.Losses;
import org.snnlab.model.CarSnn;
import org.snnlab.model.QsnnConv;
import org.snnlab.model.Models;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.AdamW;
import org.snnlab.optim.Optimizer;
import org.snnlab.optim.Sgd;
import org.snnlab.optim.lr.LrSchedule;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.ProgressBar;
import org.snnlab.train.StabilityDetector;
import org.snnlab.train.TrainConfig;
import org.snnlab.train.TrainResult;
import org.snnlab.train.Trainer;
import org.snnlab.train.energy.EnergyMeter;
import org.snnlab.train.energy.EnergyMeters;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code snnlab train}: trains a named network on a data set, writing {@code metrics.csv},
 * {@code provenance.json} and a checkpoint per epoch to {@code --out} (re-running the same command
 * resumes). The last stdout line is one JSON object with the outcome.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train an SNN (last stdout line: JSON).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist | nfashion-emulated | ncars") String dataset;
    @Option(names = "--data-dir", description = "folder with the IDX files, or NCARS' train|test folders (default: searched / data/ncars)") Path dataDir;
    @Option(names = "--model", required = true, description = "fc | conv | qsnn-conv | carsnn") String model;
    @Option(names = "--epochs", defaultValue = "1") int epochs;
    @Option(names = "--batch", description = "batch size (default per model: 128, carsnn 40)") Integer batch;
    @Option(names = "--lr", description = "learning rate (default per model)") Double lr;
    @Option(names = "--time-steps", description = "T; frames per example for event data (default per model)") Integer steps;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--limit-train", description = "use the first N training examples") Integer limitTrain;
    @Option(names = "--limit-test", description = "use the first N test examples") Integer limitTest;
    @Option(names = "--out", defaultValue = "runs/train") Path out;
    @Option(names = "--hidden", defaultValue = "1000", description = "hidden neurons of fc") int hidden;
    @Option(names = "--threshold", description = "firing threshold Vth of fc and carsnn (default: fc 1.0, carsnn 0.4)") Double threshold;
    @Option(names = "--weight-gain", description = "carsnn: initial weights x this (default 3 on emulated events, 1 on NCARS)") Double weightGain;
    @Option(names = "--encoder", description = "direct | rate[:gain] | latency[:threshold] | latency-log[:tau] (default direct; event data: frames)") String encoder;
    @Option(names = "--loss", description = "ce-count | ce-mem | mse-count[:c,i] | mse-rate (default per model)") String loss;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | adamw | sgd") String optimizer;
    @Option(names = "--weight-decay", defaultValue = "0") double weightDecay;
    @Option(names = "--schedule", description = "constant | step | cosine | cosine-restarts | warm-restarts | linear-restarts |"
            + " triangular | decreasing-triangular | one-cycle, each [:args] (default per model)") String schedule;
    @Option(names = "--schedule-stretch", defaultValue = "1", description = "multiplies the paper's epoch periods of the"
            + " schedules; 'auto' = epochs/200 (FastSpiker's periods over a shorter run)") String stretch;
    @Option(names = "--stability-window", description = "stop when the last N epochs' test accuracy is stable (FastSpiker: 10)") Integer stabilityWindow;
    @Option(names = "--stability-std", defaultValue = "1.0", description = "stability: std of the window below this many percentage points") double stabilityStd;
    @Option(names = "--grid-intensity", defaultValue = "475", description = "grid carbon intensity, gCO2eq/kWh (default: world average)") double gridIntensity;
    @Option(names = "--quant-bits", defaultValue = "0", description = "k-bit quantization-aware weights for conv models (0 = full precision)") int quantBits;
    @Option(names = "--clip", defaultValue = "0", description = "global gradient-norm clip (0 = off)") double clip;
    @Option(names = "--no-checkpoint", description = "do not checkpoint or resume") boolean noCheckpoint;
    @Option(names = "--quiet", description = "no progress bar") boolean quiet;
    @Option(names = "--data-cache", description = "keep emulated event data in DIR and reuse it (sweeps set this)") Path dataCache;

    /** Per-model defaults: T, learning rate, loss, schedule, batch size. */
    record Defaults(int steps, double lr, String loss, String schedule, int batch) { }

    static Defaults defaults(String model) {
        return switch (model) {
            case "fc" -> new Defaults(25, 1e-3, "ce-mem", "constant", 128);
            case "conv" -> new Defaults(25, 2e-3, "ce-count", "constant", 128);
            case "qsnn-conv" -> new Defaults(25, 2.908e-3, "mse-count:0.8,0.2", "cosine", 128);
            case "carsnn" -> new Defaults(10, 1e-3, "mse-rate", "step", 40); // FastSpiker: 10 frames, baseline 1e-3 step, batch 40
            default -> throw new IllegalArgumentException("--model must be fc, conv, qsnn-conv or carsnn, got '" + model + "'");
        };
    }

    /** What a training run produced, for the JSON line and for sweep trials. */
    public record Outcome(TrainResult result, StabilityDetector stability, String energyMethod) { }

    @Override
    public Integer call() throws Exception {
        Outcome o = execute();
        System.out.println(Json.compact(summary(o)));
        return 0;
    }

    /**
     * Checks every option that can be checked without loading data (models, data set, numbers,
     * schedule, loss, optimizer, encoder, stability rule), so that a sweep rejects a bad grid before
     * its first trial. Returns the loss.
     */
    public Loss validate() {
        Defaults d = defaults(model);
        boolean events = DataCatalog.isEvents(dataset);
        if (events != model.equals("carsnn"))
            throw new IllegalArgumentException(events ? "--dataset " + dataset + " holds event frames: use --model carsnn"
                    : "--model carsnn needs event frames: --dataset nfashion-emulated or ncars");
        double rate = lr != null ? lr : d.lr();
        if (!(rate > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + rate);
        if (threshold != null && !(threshold > 0)) throw new IllegalArgumentException("--threshold must be > 0, got " + threshold);
        if (weightGain != null && !(weightGain > 0)) throw new IllegalArgumentException("--weight-gain must be > 0, got " + weightGain);
        if (weightGain != null && !model.equals("carsnn")) throw new IllegalArgumentException("--weight-gain applies to --model carsnn only");
        if (threshold != null && !model.equals("carsnn") && !model.equals("fc"))
            throw new IllegalArgumentException("--threshold applies to --model fc and carsnn only");
        if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        new TrainConfig(epochs, batch != null ? batch : d.batch(), steps != null ? steps : d.steps(), seed, clip, !noCheckpoint);
        stabilityRule();
        LrSchedules.parse(schedule != null ? schedule : d.schedule(), rate, 1, stretch(), epochs);
        Loss lossFn = Losses.parse(loss != null ? loss : d.loss());
        if (quantBits != 0 && (quantBits < 2 || quantBits > 16 || model.equals("fc") || model.equals("carsnn")))
            throw new IllegalArgumentException("--quant-bits must be 0 or 2..16 and needs --model conv or qsnn-conv, got " + quantBits);
        if (model.equals("carsnn") && lossFn.readsMembrane())
            throw new IllegalArgumentException("--model carsnn emits spikes: use a spike loss (mse-rate, mse-count, ce-count), got " + lossFn.describe());
        if (events) frames();
        else Encoders.parse(encoder != null ? encoder : "direct");
        optimizer();
        EnergyMeters.kgCo2(0, gridIntensity);
        return lossFn;
    }

    /** The stopping rule of {@code --stability-window/--stability-std}, or null without a window. */
    public StabilityDetector stabilityRule() {
        return stabilityWindow == null ? null : new StabilityDetector(stabilityWindow, stabilityStd / 100);
    }

    /**
     * Runs the configured training (parsed options) and returns its outcome; a NaN/Inf stop throws
     * {@link org.snnlab.train.NonFiniteException}. Sweeps call this in-process.
     */
    public Outcome execute() throws java.io.IOException {
        Loss lossFn = validate();
        Defaults d = defaults(model);
        int T = steps != null ? steps : d.steps();
        int bs = batch != null ? batch : d.batch();
        double rate = lr != null ? lr : d.lr();
        StabilityDetector stability = stabilityRule();
        TrainConfig cfg = new TrainConfig(epochs, bs, T, seed, clip, !noCheckpoint);
        DataCatalog.TrainTest data = loadData(T);
        int itersPerEpoch = (data.train().size() + bs - 1) / bs;
        LifConfig.Output readout = lossFn.readsMembrane() ? LifConfig.Output.MEMBRANE : LifConfig.Output.SPIKES;
        Sequential net = build(data.train(), readout, new SplittableRandom(seed));
        LrSchedule sched = LrSchedules.parse(schedule != null ? schedule : d.schedule(), rate, itersPerEpoch, stretch(), epochs);
        Encoder enc = DataCatalog.isEvents(dataset) ? frames() : Encoders.parse(encoder != null ? encoder : "direct");
        EnergyMeter meter = EnergyMeters.best();
        Trainer trainer = new Trainer(net, lossFn, optimizer(), sched, enc, cfg, out, runInfo(T, rate)).withEnergy(meter, gridIntensity);
        if (stability != null) trainer.stopWhenStable(stability);
        if (!quiet) trainer.addListener(new ProgressBar(System.err));
        TrainResult r = trainer.fit(data.train(), data.test());
        return new Outcome(r, stability, meter.method());
    }

    /** True when the data set holds event frames (emulation worth preparing once for a sweep). */
    public boolean usesEventData() {
        return DataCatalog.isEvents(dataset);
    }

    /** What identifies the data this run loads (a sweep prepares each distinct one once). */
    public String dataKey() {
        return String.join("|", dataset, String.valueOf(dataDir), String.valueOf(steps != null ? steps : defaults(model).steps()),
                String.valueOf(limitTrain), String.valueOf(limitTest));
    }

    private DataCatalog.TrainTest loadData(int T) throws java.io.IOException {
        return DataCatalog.load(new DataCatalog.Request(dataset, dataDir, T, limitTrain, limitTest, dataCache));
    }

    /**
     * Loads (and, with {@code --data-cache}, stores) the configured data without training: a sweep
     * calls this once before starting its trials, so that parallel trials do not all emulate events.
     */
    public void prepareData() throws java.io.IOException {
        loadData(steps != null ? steps : defaults(model).steps());
    }

    /** The JSON line: accuracy, epochs, time, energy and, with a stability rule, when it fired. */
    static Map<String, Object> summary(Outcome o) {
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

    private Encoder frames() {
        if (encoder != null && !encoder.equals("frames"))
            throw new IllegalArgumentException("--dataset " + dataset + " is fed frame by frame: --encoder must be frames (or omitted), got '" + encoder + "'");
        return new FramesEncoder();
    }

    /** {@code --schedule-stretch}: a positive number, or {@code auto} = epochs / 200. */
    double stretch() {
        if (stretch.equals("auto")) return (double) epochs / LrSchedules.PAPER_EPOCHS;
        try {
            return Double.parseDouble(stretch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--schedule-stretch must be a number > 0 or 'auto', got '" + stretch + "'");
        }
    }

    private Sequential build(Dataset train, LifConfig.Output readout, SplittableRandom rng) {
        if (model.equals("carsnn")) {
            long[] s = train.shape();
            double gain = weightGain != null ? weightGain : dataset.equals("ncars") ? 1.0 : 3.0;
            return CarSnn.forSensor((int) s[s.length - 2], (int) s[s.length - 1], train.classes())
                    .withLif(CarSnn.lif(threshold != null ? threshold : CarSnn.VTH)).withWeightGain(gain).build(DataType.FLOAT, rng);
        }
        LifConfig fcLif = LifConfig.of(0.95, threshold != null ? threshold : 1.0);
        return build(model, hidden, train.classes(), fcLif, readout, quantBits, rng);
    }

    static Sequential build(String model, int hidden, int classes, LifConfig fcLif, LifConfig.Output readout, int quantBits,
                            SplittableRandom rng) {
        return switch (model) {
            case "fc" -> Models.fc(784, hidden, classes, fcLif, readout, DataType.FLOAT, rng);
            case "conv" -> QsnnConv.reference(classes).withReadout(readout).withQuantBits(quantBits).build(DataType.FLOAT, rng);
            case "qsnn-conv" -> QsnnConv.paper(classes).withReadout(readout).withQuantBits(quantBits).build(DataType.FLOAT, rng);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    private Optimizer optimizer() {
        return switch (optimizer) {
            case "adam" -> new Adam(0.9, 0.999, 1e-8, weightDecay);
            case "adamw" -> new AdamW(0.9, 0.999, 1e-8, weightDecay);
            case "sgd" -> new Sgd(0.9, weightDecay, false);
            default -> throw new IllegalArgumentException("--optimizer must be adam, adamw or sgd, got '" + optimizer + "'");
        };
    }

    private Map<String, Object> runInfo(int T, double rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "train");
        m.put("dataset", dataset);
        m.put("model_name", model);
        m.put("time_steps", T);
        m.put("lr", rate);
        if (model.equals("fc")) m.put("hidden", hidden); // the only model it shapes
        m.put("quant_bits", quantBits);
        m.put("limit_train", limitTrain);
        m.put("limit_test", limitTest);
        if (threshold != null) m.put("threshold", threshold);
        if (weightGain != null) m.put("weight_gain", weightGain);
        return m;
    }
}
