package org.snnlab.train;

import org.snnlab.data.DataCatalog;
import org.snnlab.core.Param;
import org.snnlab.loss.Loss;
import org.snnlab.model.ModelKind;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.lr.LrSchedule;
import org.snnlab.train.energy.EnergyMeter;
import org.snnlab.train.energy.EnergyMeters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a {@link TrainSpec}: loads its data from the catalog, builds its network, loss, optimizer,
 * schedule and encoder, and trains with a {@link Trainer} into {@code out} (metrics.csv,
 * provenance.json with the spec, a checkpoint per epoch from which the same call resumes). The one
 * place the recipe becomes objects: {@code snnlab train}, every sweep trial and the notebooks call it.
 */
public final class Training {
    private Training() { }

    /**
     * How a run is executed (what does not change what it computes).
     *
     * @param dataCache  keep emulated event data here and reuse it (sweeps set this); null = none
     * @param checkpoint write a checkpoint after every epoch and resume from one
     * @param listeners  progress listeners (a progress bar, a notebook's)
     * @param info       extra entries for provenance.json (e.g. the notebook and setting)
     * @param init       initial weights instead of the seeded ones (e.g. a network read from a NIR file),
     *                   or null; recorded in provenance.json by {@link Init#description()}
     * @param overwrite  start afresh in a used folder (deleting its checkpoint and metrics.csv) instead of
     *                   resuming or being refused
     */
    public record RunOptions(Path dataCache, boolean checkpoint, List<TrainingListener> listeners, Map<String, Object> info, Init init,
                             boolean overwrite) {
        public RunOptions {
            listeners = List.copyOf(listeners);
            info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        }

        /** Checkpointed, no cache, no listeners, seeded initial weights. */
        public static RunOptions defaults() {
            return new RunOptions(null, true, List.of(), Map.of(), null, false);
        }

        public RunOptions withListener(TrainingListener l) {
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(l);
            return new RunOptions(dataCache, checkpoint, all, info, init, overwrite);
        }

        public RunOptions withDataCache(Path dir) {
            return new RunOptions(dir, checkpoint, listeners, info, init, overwrite);
        }

        public RunOptions withCheckpoint(boolean on) {
            return new RunOptions(dataCache, on, listeners, info, init, overwrite);
        }

        /** Starts afresh in a used folder instead of resuming or being refused. */
        public RunOptions withOverwrite(boolean on) {
            return new RunOptions(dataCache, checkpoint, listeners, info, init, on);
        }

        public RunOptions withInfo(Map<String, Object> extra) {
            Map<String, Object> all = new LinkedHashMap<>(info);
            all.putAll(extra);
            return new RunOptions(dataCache, checkpoint, listeners, all, init, overwrite);
        }

        /** Starts from {@code from}'s parameter values (same layers, same shapes, in order) instead of the seeded ones. */
        public RunOptions withInitialWeights(Sequential from, String description) {
            return new RunOptions(dataCache, checkpoint, listeners, info, new Init(from, description), overwrite);
        }
    }

    /**
     * Initial weights taken from another network of the same architecture.
     *
     * @param from        the network whose parameters are copied (values only)
     * @param description where they come from, for provenance (e.g. the NIR file and its sha256)
     */
    public record Init(Sequential from, String description) {
        public Init {
            if (from == null) throw new IllegalArgumentException("initial network must not be null");
        }

        /**
         * Copies every parameter value of {@link #from} into {@code net}, position by position.
         *
         * @throws IllegalArgumentException one line naming the first parameter whose name or shape differs
         */
        void into(Sequential net) {
            List<Param> src = from.params(), dst = net.params();
            if (src.size() != dst.size())
                throw new IllegalArgumentException("initial weights (" + description + "): " + src.size() + " parameters, the spec's network has "
                        + dst.size() + " (" + dst.stream().map(Param::name).toList() + ")");
            for (int i = 0; i < src.size(); i++) {
                Param a = src.get(i), b = dst.get(i);
                if (!java.util.Arrays.equals(a.value().shape(), b.value().shape()))
                    throw new IllegalArgumentException("initial weights (" + description + "): " + a.name() + " has shape "
                            + java.util.Arrays.toString(a.value().shape()) + ", the spec's " + b.name() + " " + java.util.Arrays.toString(b.value().shape()));
                b.value().assign(a.value().castTo(b.value().dataType()));
            }
        }
    }

    /**
     * What a training run produced.
     *
     * @param result       the epochs' metrics, wall time and folder
     * @param stability    the stopping rule, or null
     * @param energyMethod how energy was measured
     * @param model        the trained network (for a notebook's later cells: evaluation, weights, export)
     * @param scoreboard   a pruned run's per-example scores as training left them (null for full data)
     */
    public record Outcome(TrainResult result, StabilityDetector stability, String energyMethod, Sequential model,
                          org.snnlab.prune.Scoreboard scoreboard) { }

    /** Trains {@code spec} into {@code out} with the default options. */
    public static Outcome run(TrainSpec spec, Path out) throws IOException {
        return run(spec, out, RunOptions.defaults());
    }

    /**
     * Trains {@code spec} into {@code out}; a NaN/Inf stop throws {@link NonFiniteException} (the rows
     * already written are kept).
     */
    public static Outcome run(TrainSpec spec, Path out, RunOptions options) throws IOException {
        return run(spec, load(spec, options.dataCache()), out, options);
    }

    /**
     * Trains {@code spec} on {@code data} already loaded (a notebook that trains several settings on
     * the same data loads it once): it must be what {@code spec.data()} names, and its checksums go to
     * provenance.json.
     */
    public static Outcome run(TrainSpec spec, DataCatalog.TrainTest data, Path out, RunOptions options) throws IOException {
        int itersPerEpoch = (data.train().size() + spec.batch() - 1) / spec.batch();
        Loss loss = spec.loss().create();
        Sequential net = network(spec, data.train().shape(), data.train().classes());
        if (options.init() != null) options.init().into(net);
        LrSchedule sched = spec.schedule().create(spec.lr(), itersPerEpoch, spec.scheduleStretch(), spec.epochs());
        TrainConfig cfg = new TrainConfig(spec.epochs(), spec.batch(), spec.timeSteps(), spec.seed(), spec.clip(), options.checkpoint());
        EnergyMeter meter = EnergyMeters.best();
        Trainer trainer = Trainer.builder(net, out).loss(loss).optimizer(spec.optimizer().create()).schedule(sched)
                .encoder(spec.encoder().create()).config(cfg).info(runInfo(spec, options)).build()
                .withEnergy(meter, spec.gridIntensity()).withCompute(spec.compute());
        if (spec.stability() != null) trainer.stopWhenStable(spec.stability());
        trainer.withPruning(spec.prune());
        trainer.overwrite(options.overwrite());
        for (TrainingListener l : options.listeners()) trainer.addListener(l);
        TrainResult result = trainer.fit(data.train(), data.test());
        return new Outcome(result, spec.stability(), meter.method(), net, trainer.scoreboard());
    }

    /**
     * The spec's network with its seeded initial weights, for examples of {@code shape} and {@code classes}
     * classes; the output layer emits the membrane when the loss reads it.
     */
    public static Sequential network(TrainSpec spec, long[] shape, int classes) {
        LifConfig.Output readout = spec.loss().readsMembrane() ? LifConfig.Output.MEMBRANE : LifConfig.Output.SPIKES;
        return spec.model().build(shape, classes, readout, new SplittableRandom(spec.seed()));
    }

    /**
     * A finished (or interrupted) run rebuilt from its folder: the spec of its provenance.json, the network
     * with the weights of its checkpoint.bin, and the epochs that checkpoint holds.
     */
    public record Restored(TrainSpec spec, Sequential model, int epochsDone) { }

    /**
     * Rebuilds the run in {@code runDir} (for export, evaluation or a notebook's analysis).
     *
     * @throws IllegalArgumentException one line naming the folder or file that is missing or wrong
     */
    public static Restored restore(Path runDir) throws IOException {
        Path prov = runDir.resolve("provenance.json"), ckpt = runDir.resolve("checkpoint.bin");
        if (!java.nio.file.Files.isRegularFile(prov)) throw new IllegalArgumentException(runDir + ": no provenance.json (not a training run folder)");
        if (!java.nio.file.Files.isRegularFile(ckpt)) throw new IllegalArgumentException(runDir + ": no checkpoint.bin (the run saved no weights)");
        TrainSpec spec = TrainSpec.read(prov);
        org.snnlab.data.DataSetEntry entry = DataCatalog.entry(spec.data().name());
        Sequential net = network(spec, entry.exampleShape(spec.timeSteps()), entry.classes());
        Checkpoint c = Checkpoint.read(ckpt);
        c.restoreInto(net.params(), ckpt);
        return new Restored(spec, net, c.epochsDone());
    }

    /** Loads both splits of the spec's data (T frames for event data; emulated data cached in {@code cache} when not null). */
    public static DataCatalog.TrainTest load(TrainSpec spec, Path cache) throws IOException {
        return DataCatalog.load(spec.data().request(spec.timeSteps(), cache));
    }

    /** What identifies the data a spec loads (a sweep prepares each distinct one once). */
    public static String dataKey(TrainSpec spec) {
        DataSpec d = spec.data();
        return String.join("|", d.name(), String.valueOf(d.dir()), String.valueOf(spec.timeSteps()),
                String.valueOf(d.limitTrain()), String.valueOf(d.limitTest()));
    }

    /** The provenance entries of a run: the spec, and the summary fields earlier runs recorded. */
    private static Map<String, Object> runInfo(TrainSpec spec, RunOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "train");
        m.put("dataset", spec.data().name());
        m.put("model_name", spec.model().kind().cliName());
        m.put("time_steps", spec.timeSteps());
        m.put("lr", spec.lr());
        if (spec.model().kind() == ModelKind.FC) m.put("hidden", spec.model().hidden()); // the only model it shapes
        m.put("quant_bits", spec.model().quantBits());
        m.put("limit_train", spec.data().limitTrain());
        m.put("limit_test", spec.data().limitTest());
        m.putAll(options.info());
        if (options.init() != null) m.put("initial_weights", options.init().description());
        m.put("spec", spec);
        m.put("spec_id", spec.id());
        return m;
    }
}
