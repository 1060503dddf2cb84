package org.snnlab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.data.Dataset;
import org.snnlab.data.Encoder;
import org.snnlab.data.Encoders;
import org.snnlab.data.FashionMnist;
import org.snnlab.loss.Loss;
import org.snnlab.loss.Losses;
import org.snnlab.model.Models;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.AdamW;
import org.snnlab.optim.Optimizer;
import org.snnlab.optim.Sgd;
import org.snnlab.optim.lr.LrSchedule;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.train.ProgressBar;
import org.snnlab.train.TrainConfig;
import org.snnlab.train.TrainResult;
import org.snnlab.train.Trainer;
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
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist") String dataset;
    @Option(names = "--data-dir", description = "folder with the IDX files (default: searched)") Path dataDir;
    @Option(names = "--model", required = true, description = "fc | conv | qsnn-conv") String model;
    @Option(names = "--epochs", defaultValue = "1") int epochs;
    @Option(names = "--batch", defaultValue = "128") int batch;
    @Option(names = "--lr", description = "learning rate (default per model)") Double lr;
    @Option(names = "--time-steps", description = "T (default per model)") Integer steps;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--limit-train", description = "use the first N training examples") Integer limitTrain;
    @Option(names = "--limit-test", description = "use the first N test examples") Integer limitTest;
    @Option(names = "--out", defaultValue = "runs/train") Path out;
    @Option(names = "--hidden", defaultValue = "1000", description = "hidden neurons of fc") int hidden;
    @Option(names = "--encoder", defaultValue = "direct", description = "direct | rate[:gain] | latency[:threshold] | latency-log[:tau]") String encoder;
    @Option(names = "--loss", description = "ce-count | ce-mem | mse-count[:c,i] | mse-rate (default per model)") String loss;
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | adamw | sgd") String optimizer;
    @Option(names = "--weight-decay", defaultValue = "0") double weightDecay;
    @Option(names = "--schedule", description = "constant | step | cosine | cosine-restarts (default per model)") String schedule;
    @Option(names = "--quant-bits", defaultValue = "0", description = "k-bit quantization-aware weights for conv models (0 = full precision)") int quantBits;
    @Option(names = "--clip", defaultValue = "0", description = "global gradient-norm clip (0 = off)") double clip;
    @Option(names = "--no-checkpoint", description = "do not checkpoint or resume") boolean noCheckpoint;
    @Option(names = "--quiet", description = "no progress bar") boolean quiet;

    /** Per-model defaults: T, learning rate, loss, schedule. */
    record Defaults(int steps, double lr, String loss, String schedule) { }

    static Defaults defaults(String model) {
        return switch (model) {
            case "fc" -> new Defaults(25, 1e-3, "ce-mem", "constant");
            case "conv" -> new Defaults(25, 2e-3, "ce-count", "constant");
            case "qsnn-conv" -> new Defaults(25, 2.908e-3, "mse-count:0.8,0.2", "cosine");
            default -> throw new IllegalArgumentException("--model must be fc, conv or qsnn-conv, got '" + model + "'");
        };
    }

    @Override
    public Integer call() throws Exception {
        Defaults d = defaults(model);
        if (!dataset.equals("fashion-mnist"))
            throw new IllegalArgumentException("--dataset must be fashion-mnist (others come with the data layer), got '" + dataset + "'");
        int T = steps != null ? steps : d.steps();
        double rate = lr != null ? lr : d.lr();
        if (!(rate > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + rate);
        TrainConfig cfg = new TrainConfig(epochs, batch, T, seed, clip, !noCheckpoint);
        Path dir = dataDir != null ? dataDir : FashionMnist.locate();
        Dataset train = limit(FashionMnist.load(dir, true), limitTrain, "--limit-train");
        Dataset test = limit(FashionMnist.load(dir, false), limitTest, "--limit-test");
        int itersPerEpoch = (train.size() + batch - 1) / batch;
        Loss lossFn = Losses.parse(loss != null ? loss : d.loss());
        LifConfig.Output readout = lossFn.readsMembrane() ? LifConfig.Output.MEMBRANE : LifConfig.Output.SPIKES;
        if (quantBits != 0 && (quantBits < 2 || quantBits > 16 || model.equals("fc")))
            throw new IllegalArgumentException("--quant-bits must be 0 or 2..16 and needs --model conv or qsnn-conv, got " + quantBits);
        Sequential net = build(model, hidden, train.classes(), readout, quantBits, new SplittableRandom(seed));
        LrSchedule sched = LrSchedules.parse(schedule != null ? schedule : d.schedule(), rate, itersPerEpoch);
        Encoder enc = Encoders.parse(encoder);
        Trainer trainer = new Trainer(net, lossFn, optimizer(), sched, enc, cfg, out, runInfo(T, rate));
        if (!quiet) trainer.addListener(new ProgressBar(System.err));
        TrainResult r = trainer.fit(train, test);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("test_accuracy", r.last().testAcc());
        summary.put("test_loss", r.last().testLoss());
        summary.put("train_accuracy", r.last().trainAcc());
        summary.put("epochs", r.history().size());
        summary.put("resumed_from_epoch", r.resumedFrom());
        summary.put("seconds", Math.round(r.seconds() * 100) / 100.0);
        summary.put("out", out.toString());
        System.out.println(Json.compact(summary));
        return 0;
    }

    static Dataset limit(Dataset d, Integer n, String option) {
        if (n == null) return d;
        if (n < 1 || n > d.size())
            throw new IllegalArgumentException(option + " must be in [1, " + d.size() + "], got " + n);
        return d.limit(n);
    }

    static Sequential build(String model, int hidden, int classes, LifConfig.Output readout, int quantBits, SplittableRandom rng) {
        if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        return switch (model) {
            case "fc" -> Models.fc(784, hidden, classes, LifConfig.of(0.95, 1.0), readout, DataType.FLOAT, rng);
            case "conv" -> Models.qsnnConv(Models.QSNN_FMNIST_LIF, 0, classes, readout, quantBits, true, DataType.FLOAT, rng);
            case "qsnn-conv" -> Models.qsnnConv(Models.QSNN_FMNIST_LIF, 0.073556, classes, readout, quantBits, false, DataType.FLOAT, rng);
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
        m.put("hidden", hidden);
        m.put("quant_bits", quantBits);
        m.put("limit_train", limitTrain);
        m.put("limit_test", limitTest);
        return m;
    }
}
