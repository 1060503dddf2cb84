package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.data.Batch;
import org.snnlab.data.Batches;
import org.snnlab.data.Dataset;
import org.snnlab.data.Encoder;
import org.snnlab.data.Prefetcher;
import org.snnlab.loss.Loss;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.model.Sequential;
import org.snnlab.core.Workspace;
import org.snnlab.core.ComputeOptions;
import org.snnlab.util.Hashing;
import org.snnlab.util.Interruption;
import org.snnlab.optim.GradClip;
import org.snnlab.optim.Optimizer;
import org.snnlab.optim.lr.LrSchedule;
import org.snnlab.prune.EpochPlan;
import org.snnlab.prune.PruneSpec;
import org.snnlab.train.energy.EmissionsCsv;
import org.snnlab.train.energy.EnergyMeter;
import org.snnlab.train.energy.EnergyMeters;
import org.snnlab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link Sequential} SNN by BPTT: epochs of shuffled mini-batches, an evaluation per epoch,
 * {@code metrics.csv} written row by row, {@code provenance.json}, a checkpoint per epoch from which
 * the same command resumes, a NaN/Inf guard, and per-layer spike statistics. Every random draw is a
 * pure function of (seed, epoch, batch), so a resumed run ends with the same metrics as an
 * uninterrupted one. With {@link #withPruning} each epoch visits only the examples its
 * {@link org.snnlab.prune.Pruner} keeps, with their Horvitz-Thompson loss weights, and every visited
 * example's scores come from its own training step; the scoreboard is checkpointed with the weights.
 */
public final class Trainer {
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final Encoder encoder;
    private final TrainConfig config;
    private final Path out;
    private final Map<String, Object> runInfo;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final Map<String, INDArray> initialWeights = new LinkedHashMap<>();
    private EnergyMeter meter = EnergyMeters.best();
    private double gridGramsPerKwh = EnergyMeters.DEFAULT_GRID_G_PER_KWH;
    private StabilityDetector stopping;
    private ComputeOptions compute = ComputeOptions.defaults();
    private PruningRun pruning;
    private boolean overwrite;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.encoder = b.encoder;
        this.config = b.config;
        this.out = b.out;
        this.runInfo = new java.util.TreeMap<>(b.info); // sorted: the resume fingerprint must not depend on map order
        for (Param p : model.params())
            if (p.role() == Param.Role.WEIGHT) initialWeights.put(p.name(), p.value().dup());
    }

    /**
     * A trainer of {@code model} writing into {@code out}; loss, optimizer, schedule, encoder and
     * config are required.
     */
    public static Builder builder(Sequential model, Path out) {
        return new Builder(model, out);
    }

    /** The parts of a training run; {@link #build()} checks that none is missing. */
    public static final class Builder {
        private final Sequential model;
        private final Path out;
        private Loss loss;
        private Optimizer optimizer;
        private LrSchedule schedule;
        private Encoder encoder;
        private TrainConfig config;
        private Map<String, Object> info = Map.of();

        private Builder(Sequential model, Path out) {
            if (model == null) throw new IllegalArgumentException("model must not be null");
            if (out == null) throw new IllegalArgumentException("output folder must not be null");
            this.model = model;
            this.out = out;
        }

        public Builder loss(Loss l) { this.loss = l; return this; }

        public Builder optimizer(Optimizer o) { this.optimizer = o; return this; }

        public Builder schedule(LrSchedule s) { this.schedule = s; return this; }

        public Builder encoder(Encoder e) { this.encoder = e; return this; }

        public Builder config(TrainConfig c) { this.config = c; return this; }

        /**
         * Description of the run for provenance.json and the resume fingerprint (the spec, the notebook
         * and setting, ...); must be JSON-serialisable.
         */
        public Builder info(Map<String, Object> m) { this.info = new LinkedHashMap<>(m); return this; }

        public Trainer build() {
            if (loss == null || optimizer == null || schedule == null || encoder == null || config == null)
                throw new IllegalStateException("a trainer needs loss, optimizer, schedule, encoder and config; missing "
                        + (loss == null ? "loss" : optimizer == null ? "optimizer" : schedule == null ? "schedule" : encoder == null ? "encoder" : "config"));
            return new Trainer(this);
        }
    }

    /**
     * Energy accounting: the meter (default {@link EnergyMeters#best()}) and the grid's carbon
     * intensity in gCO2eq/kWh (default 475, the world average). Per-epoch {@code energy_j} and
     * {@code co2_kg} go to metrics.csv; the run's total to emissions.csv.
     */
    public Trainer withEnergy(EnergyMeter m, double gramsPerKwh) {
        if (m == null) throw new IllegalArgumentException("energy meter must not be null");
        EnergyMeters.kgCo2(0, gramsPerKwh); // validates
        this.meter = m;
        this.gridGramsPerKwh = gramsPerKwh;
        return this;
    }

    /**
     * Stops training at the first epoch where {@code d} finds the test accuracy stable (FastSpiker's
     * completion criterion). Checked before every epoch, on restored epochs too, so a resumed run that
     * had already stopped trains no further. The stop is recorded as {@code stopped_at_stability}
     * (0-based epoch) in provenance.json.
     */
    public Trainer stopWhenStable(StabilityDetector d) {
        if (d == null) throw new IllegalArgumentException("stability detector must not be null");
        this.stopping = d;
        return this;
    }

    /**
     * The kernels every step computes with (default {@link ComputeOptions#defaults()}): they go to each
     * forward pass, each step workspace and each optimizer step, and into provenance.json.
     */
    public Trainer withCompute(ComputeOptions c) {
        if (c == null) throw new IllegalArgumentException("compute options must not be null");
        this.compute = c;
        return this;
    }

    /**
     * Data pruning by {@code spec} (default {@link PruneSpec#FULL}: every example every epoch, the
     * unpruned trainer exactly). A pruned run adds {@code prune_ratio} (realised), {@code examples_visited},
     * {@code scoring_seconds} (probe, plan and scoreboard time) and {@code train_seconds} (the training
     * loop's wall time, evaluation excluded) to metrics.csv (every run also records the loop's process
     * CPU time, {@code train_cpu_seconds}). Refuses a loss that cannot weight examples
     * and, for sadp / gradnorm, a network their norms do not hold for (one line each).
     */
    public Trainer withPruning(PruneSpec spec) {
        if (spec == null) throw new IllegalArgumentException("prune spec must not be null");
        this.pruning = spec.isFull() ? null : new PruningRun(spec, model, loss);
        return this;
    }

    /** The examples' scores of a pruned run (null for a full-data run): for figures after training. */
    public org.snnlab.prune.Scoreboard scoreboard() {
        return pruning == null ? null : pruning.board();
    }

    public Trainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * With {@code on}, a run into a used folder deletes what the last run left (checkpoint, metrics.csv)
     * and starts afresh, instead of being refused (a --no-checkpoint run) or resuming (default off).
     */
    public Trainer overwrite(boolean on) {
        this.overwrite = on;
        return this;
    }

    /**
     * Trains for the configured epochs (resuming from {@code out/checkpoint.bin} when present), holding
     * {@code out}'s {@link RunLock} throughout: a second run into the same folder is refused before it
     * writes anything. A checkpoint is verified ({@link Checkpoint#read}) and must belong to this run;
     * metrics.csv must agree with it ({@link MetricsCsv#resume}). The calling thread's interrupt status
     * is checked before every batch (training and evaluation): an interrupt (a Jupyter kernel's, see
     * {@code org.snnlab.notebook.Interrupts}) stops the run with a {@link TrainingInterruptedException}
     * within one batch, leaving the last epoch's checkpoint and its metrics rows as they were, and
     * releasing the lock, so the same call resumes from there.
     */
    public TrainResult fit(Dataset train, Dataset test) throws IOException {
        Files.createDirectories(out);
        try (RunLock lock = RunLock.acquire(out)) {
            return fitLocked(train, test);
        }
    }

    private TrainResult fitLocked(Dataset train, Dataset test) throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> record = provenanceRecord(train, test);
        String fingerprint = fingerprint(record);
        MetricsCsv csv = new MetricsCsv(out.resolve("metrics.csv"));
        Path ckptFile = out.resolve("checkpoint.bin");
        List<EpochMetrics> history = new ArrayList<>();
        int start = 0;
        long iteration = 0;
        if (overwrite) RunIdentity.clear(out);
        if (config.checkpoint() && Files.exists(ckptFile)) {
            Checkpoint c = Checkpoint.read(ckptFile);
            if (!c.fingerprint().equals(fingerprint)) throw new IllegalStateException(RunIdentity.mismatch(out, record));
            history.addAll(csv.resume(c.epochsDone(), c.iteration(), c.metricsCrc(), ckptFile)); // checked before any state is touched
            c.restoreInto(model.params(), ckptFile);
            optimizer.loadState(c.optimizer());
            if (pruning != null && c.epochsDone() > 0) pruning.restore(train.size(), c.extra());
            start = c.epochsDone();
            iteration = c.iteration();
        } else {
            RunIdentity.checkFresh(out, config.checkpoint(), fingerprint, record);
            Files.deleteIfExists(csv.file());
        }
        record.put("run_fingerprint", fingerprint); // after hashing: lets a later run tell whose metrics.csv this is
        record.put("resumed_from_epoch", start);
        record.put("energy_method", meter.method());
        record.put("grid_g_co2_per_kwh", gridGramsPerKwh);
        double joules0 = meter.joules();
        Provenance.write(out.resolve("provenance.json"), record, compute);
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        try {
            for (TrainingListener l : listeners) l.onStart(start, config.epochs(), batches);
            for (int epoch = start; epoch < config.epochs(); epoch++) {
                if (stableAt(history) >= 0) break;
                EpochMetrics m = runEpoch(epoch, iteration, train, test);
                iteration = m.iteration();
                checkFinite(epoch);
                csv.append(m);
                history.add(m);
                if (config.checkpoint())
                    Checkpoint.capture(epoch + 1, iteration, fingerprint, model.params(), optimizer.state(),
                            pruning == null ? Map.of() : pruning.state(), csv.crc()).write(ckptFile);
                for (TrainingListener l : listeners) l.onEpochEnd(m, model);
            }
        } catch (RuntimeException e) { // an interrupt surfacing in a listener between epochs (a kernel display)
            if (!isInterrupt(e)) throw e;
            throw TrainingInterruptedException.betweenEpochs(out, history.size(), config.checkpoint(), e);
        }
        TrainResult result = new TrainResult(history, (System.nanoTime() - t0) / 1e9, out, start);
        EmissionsCsv.append(out.resolve("emissions.csv"), "snnlab", fingerprint.substring(0, 12), result.seconds(),
                meter.joules() - joules0, gridGramsPerKwh, meter.method(), Provenance.environment(compute));
        record.put("finished", true);
        if (stableAt(history) >= 0) record.put("stopped_at_stability", stableAt(history));
        record.put("final_metrics", history.isEmpty() ? Map.of() : history.get(history.size() - 1));
        Provenance.write(out.resolve("provenance.json"), record, compute);
        for (TrainingListener l : listeners) l.onEnd(result);
        return result;
    }

    /**
     * Whether {@code e} is (or hides) an interrupt of this thread, clearing the interrupt status: a
     * {@link TrainingInterruptedException} already made is passed on as it is (false).
     */
    private static boolean isInterrupt(RuntimeException e) {
        boolean interrupted = Thread.interrupted(); // read (and cleared) whatever the cause says
        return !(e instanceof TrainingInterruptedException) && (interrupted || Interruption.causes(e));
    }

    /** The 0-based epoch at which the stopping rule fired, or -1 (also when there is no rule). */
    private int stableAt(List<EpochMetrics> history) {
        return stopping == null ? -1 : stopping.stableAt(history.stream().map(EpochMetrics::testAcc).toList());
    }

    private EpochMetrics runEpoch(int epoch, long iteration, Dataset train, Dataset test) {
        long t0 = System.nanoTime(), cpu0 = org.snnlab.util.CpuClock.processNanos();
        double j0 = meter.joules();
        int[] order = Batches.permutation(train.size(), config.shuffleSeed(epoch));
        if (pruning != null) order = pruning.plan(epoch, config.epochs(), order, config.pruneSeed(epoch)).order();
        int bs = config.batchSize(), batches = (order.length + bs - 1) / bs;
        SpikeMonitor monitor = new SpikeMonitor();
        double lossSum = 0, lr = 0;
        long correct = 0, seen = 0;
        List<Param> params = model.params();
        int b = 0;
        try (Prefetcher<Batch> next = Batches.prefetch(train, order, bs, encoder.timeMajorBatches())) { // the next batch loads while this one trains
            for (; b < batches; b++) {
                if (Thread.interrupted()) throw TrainingInterruptedException.inTraining(out, epoch, b, config.checkpoint(), null);
                Batch batch = next.next();
                TrainStep.Result r = trainStep(batch, new SplittableRandom(config.batchSeed(epoch, b)), monitor, epoch, b, iteration);
                if (config.clipNorm() > 0) GradClip.clipGlobalNorm(params, config.clipNorm());
                lr = schedule.lr(epoch, iteration);
                optimizer.step(params, lr, compute);
                iteration++;
                int n = batch.labels().length;
                lossSum += r.loss() * n;
                correct += r.correct(batch.labels());
                seen += n;
                for (TrainingListener l : listeners) l.onBatchEnd(epoch, b, batches, lossSum / seen, (double) correct / seen);
            }
        } catch (RuntimeException e) { // an interrupt that surfaced as another exception (a prefetch wait, a kernel display in a listener)
            if (!isInterrupt(e)) throw e;
            throw TrainingInterruptedException.inTraining(out, epoch, b, config.checkpoint(), e);
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9, trainCpu = org.snnlab.util.CpuClock.secondsSince(cpu0);
        Evaluation ev;
        try {
            ev = test == null ? new Evaluation(Double.NaN, Double.NaN, new int[0][0]) : evaluate(test);
        } catch (TrainingInterruptedException e) {
            throw TrainingInterruptedException.inTraining(out, epoch, batches, config.checkpoint(), e);
        }
        Map<String, Double> extra = new LinkedHashMap<>(monitor.summary());
        if (pruning != null) extra.putAll(pruning.metrics(trainSeconds));
        extra.putAll(weightChange());
        double joules = meter.joules() - j0;
        extra.put("energy_j", joules);
        extra.put("co2_kg", EnergyMeters.kgCo2(joules, gridGramsPerKwh));
        extra.putAll(monitor.ops().columns(org.snnlab.train.energy.EnergyProfile.HOROWITZ_45NM)); // operation-count estimate (issue 12)
        if (pruning == null) extra.put("train_seconds", trainSeconds); // the training loop alone, as pruned runs record it: speed-ups compare like with like
        extra.put("train_cpu_seconds", trainCpu); // the same loop's process CPU time: comparable across runs a shared machine disturbed differently
        return new EpochMetrics(epoch, iteration, lr, lossSum / seen, (double) correct / seen, ev.loss(), ev.accuracy(),
                (System.nanoTime() - t0) / 1e9, extra);
    }

    /** Forward, loss and BPTT of one batch inside a step workspace ({@link TrainStep}); gradients land in the parameters. */
    private TrainStep.Result trainStep(Batch batch, SplittableRandom rng, SpikeMonitor monitor, int epoch, int b, long iteration) {
        TrainStep.LossCheck check = value -> {
            if (!Double.isFinite(value))
                throw new NonFiniteException("loss became " + value + " at epoch " + epoch + ", batch " + b
                        + " (iteration " + iteration + "); lower the learning rate or clip gradients (--clip)."
                        + " Rows already written in " + out.resolve("metrics.csv") + " are kept.");
        };
        if (pruning == null) // the unpruned step, unchanged
            return Workspace.step("train", compute, () -> {
                Seq x = encoder.encode(batch.features(), config.steps(), rng);
                return TrainStep.run(model, loss, x, batch.labels(), new Pass(true, rng, monitor, compute), check);
            });
        double[] w = pruning.weights(b, config.batchSize(), batch.size());
        var probe = pruning.probe();
        TrainStep.Result r = Workspace.step("train", compute, () -> {
            Seq x = encoder.encode(batch.features(), config.steps(), rng);
            return TrainStep.run(model, loss, x, batch.labels(), w, new Pass(true, rng, monitor, compute), check, probe);
        });
        pruning.record(batch, r.scores(), probe.nanos());
        return r;
    }

    /**
     * Loss, accuracy and confusion matrix on {@code data} in inference mode (deterministic). An
     * interrupt of the calling thread stops it before the next batch ({@link TrainingInterruptedException}).
     */
    public Evaluation evaluate(Dataset data) {
        int bs = config.batchSize(), n = data.size(), k = data.classes();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        long correct = 0;
        try (Prefetcher<Batch> next = Batches.prefetch(data, order, bs, encoder.timeMajorBatches())) { // loads while the last evaluates
            for (int b = 0; next.hasNext(); b++) {
                if (Thread.interrupted()) throw TrainingInterruptedException.inEvaluation(b, null);
                Batch batch = next.next();
                SplittableRandom rng = new SplittableRandom(config.batchSeed(-1, b));
                double[] lossOut = new double[1];
                int[] pred = Workspace.step("eval", compute, () -> {
                    Seq y = model.forward(encoder.encode(batch.features(), config.steps(), rng), new Pass(false, rng, null, compute)).output();
                    lossOut[0] = loss.evaluate(y, batch.labels(), null).value();
                    return loss.predict(y);
                });
                for (int i = 0; i < pred.length; i++) confusion[batch.labels()[i]][pred[i]]++;
                correct += countCorrect(pred, batch.labels());
                lossSum += lossOut[0] * pred.length;
            }
        }
        return new Evaluation(lossSum / n, (double) correct / n, confusion);
    }

    private static int countCorrect(int[] pred, int[] labels) {
        int c = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == labels[i]) c++;
        return c;
    }

    /** {@code ||W - W0||_F / ||W0||_F} for every weight tensor (Rouser's weight-change curve). */
    private Map<String, Double> weightChange() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Param p : model.params()) {
            INDArray w0 = initialWeights.get(p.name());
            if (w0 == null) continue;
            double d = p.value().distance2(w0), n0 = w0.norm2Number().doubleValue();
            m.put(LayerStat.Kind.WEIGHT_CHANGE.column(p.name()), n0 == 0 ? d : d / n0);
        }
        return m;
    }

    private void checkFinite(int epoch) {
        for (Param p : model.params()) {
            if (Double.isFinite(p.value().sumNumber().doubleValue())) continue;
            throw new NonFiniteException(p.name() + " holds NaN or Inf after epoch " + epoch
                    + "; no checkpoint written for it. Rows already written in " + out.resolve("metrics.csv") + " are kept.");
        }
    }

    private Map<String, Object> provenanceRecord(Dataset train, Dataset test) {
        Map<String, Object> r = new LinkedHashMap<>(runInfo);
        r.put("train_config", config);
        r.put("seed", config.seed());
        r.put("model", model.spec());
        r.put("loss", loss.describe());
        r.put("optimizer", optimizer.describe());
        r.put("schedule", schedule.describe());
        r.put("encoder", encoder.describe());
        r.put("train_data", dataInfo(train));
        if (pruning != null) r.put("pruning", pruning.spec()); // absent for full data: the same fingerprint as before
        if (test != null) r.put("test_data", dataInfo(test));
        return r;
    }

    private static Map<String, Object> dataInfo(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("size", d.size());
        m.put("sha256", d.checksum());
        return m;
    }

    static String fingerprint(Map<String, Object> record) {
        return Hashing.sha256Hex(Json.compact(record));
    }
}
