package org.snnlab.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.snnlab.core.ComputeOptions;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.EncoderSpec;
import org.snnlab.loss.LossSpec;
import org.snnlab.model.ModelKind;
import org.snnlab.model.ModelSpec;
import org.snnlab.optim.OptimizerSpec;
import org.snnlab.optim.lr.LrPolicy;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.prune.PruneSpec;
import org.snnlab.train.energy.EnergyMeters;
import org.snnlab.util.Hashing;
import org.snnlab.util.Json;

import java.util.Arrays;

/**
 * One training recipe, every choice resolved: what {@code snnlab train}, every sweep trial and the
 * notebooks run through {@link Training#run}. Immutable and validated as a whole (an option the model
 * does not accept, event data with an image model, a membrane loss on a spiking readout are refused
 * with one line naming them). Its canonical JSON ({@link #toJson()}) round-trips through
 * {@link #fromJson(String)}, is written to {@code provenance.json} as {@code spec}, and its hash is a
 * sweep trial's id, so an explicit default and an omitted one are the same run.
 *
 * @param model           the network and its options
 * @param data            the data set, its folder and limits
 * @param timeSteps       T, time steps per example (frames per example for event data)
 * @param batch           examples per optimizer step
 * @param epochs          passes over the training set
 * @param encoder         how an example becomes T steps of input
 * @param loss            the loss
 * @param optimizer       the optimizer
 * @param lr              base (or peak) learning rate
 * @param schedule        the learning-rate policy
 * @param scheduleStretch multiplies the paper's epoch periods of the policies (FastSpiker's 200-epoch
 *                        periods over a shorter run: epochs / 200)
 * @param stability       stop when the test accuracy is stable (FastSpiker's criterion), or null
 * @param gridIntensity   the grid's carbon intensity in gCO2eq/kWh (default 475, the world average)
 * @param clip            global gradient-norm clip, 0 = off
 * @param seed            the one seed of the run (initial weights, shuffles, masks, encoders)
 * @param compute         which kernels compute it (fused CPU loops, SIMD, sparse products, workspaces; the
 *                        ND4J backend): the same results up to float rounding
 * @param prune           data pruning ({@link PruneSpec}; null or omitted = full data, which the JSON
 *                        leaves out, so full-data specs keep the ids they had before pruning existed)
 */
public record TrainSpec(ModelSpec model, DataSpec data, int timeSteps, int batch, int epochs, EncoderSpec encoder,
                        LossSpec loss, OptimizerSpec optimizer, double lr, LrPolicy schedule, double scheduleStretch,
                        StabilityDetector stability, double gridIntensity, double clip, long seed,
                        ComputeOptions compute,
                        @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                                valueFilter = FullData.class) PruneSpec prune) {
    /** Leaves the full-data prune spec out of the JSON (Jackson's CUSTOM filter: equals(value) true = omit). */
    static final class FullData {
        @Override
        public boolean equals(Object o) {
            return o == null || (o instanceof PruneSpec p && p.isFull());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public TrainSpec {
        if (prune == null) prune = PruneSpec.FULL;
        if (model == null || data == null || encoder == null || loss == null || optimizer == null || schedule == null || compute == null)
            throw new IllegalArgumentException("a training spec needs model, data, encoder, loss, optimizer, schedule and compute options");
        new TrainConfig(epochs, batch, timeSteps, seed, clip, false); // validates the numbers
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        if (!(scheduleStretch > 0) || Double.isInfinite(scheduleStretch))
            throw new IllegalArgumentException("--schedule-stretch must be > 0, got " + scheduleStretch);
        EnergyMeters.kgCo2(0, gridIntensity);
        boolean events = data.events();
        if (events != model.kind().takesEvents())
            throw new IllegalArgumentException(events ? "--dataset " + data.name() + " holds event frames: use --model carsnn"
                    : "--model " + model.kind() + " needs event frames: --dataset nfashion-emulated or ncars");
        long[] shape = DataCatalog.entry(data.name()).shape();
        if (!events && !model.kind().takesImages(shape))
            throw new IllegalArgumentException("--model " + model.kind() + " takes " + model.kind().imagesTaken() + " (" + imageSets(model.kind())
                    + "), not --dataset " + data.name() + " of shape " + Arrays.toString(shape));
        if (events && encoder.kind() != EncoderSpec.Kind.FRAMES)
            throw new IllegalArgumentException("--dataset " + data.name() + " is fed frame by frame: --encoder must be frames (or omitted), got '" + encoder + "'");
        if (!events && encoder.kind() == EncoderSpec.Kind.FRAMES)
            throw new IllegalArgumentException("--encoder frames needs event data, not --dataset " + data.name());
        if (model.kind() == ModelKind.CARSNN && loss.readsMembrane())
            throw new IllegalArgumentException("--model carsnn emits spikes: use a spike loss (mse-rate, mse-count, ce-count), got " + loss);
        if (model.kind().isMrf() && !loss.readsMembrane())
            throw new IllegalArgumentException("--model " + model.kind() + " ends in a real-valued head: use --loss ce-mem, got " + loss);
        if (model.kind() == ModelKind.MRF_RNN && timeSteps != 1)
            throw new IllegalArgumentException("--model mrf-rnn runs at one time step (as the authors' RNN code): --time-steps 1, got " + timeSteps);
        schedule.create(lr, 1, scheduleStretch, epochs);
        if ((prune.kind() == PruneSpec.Kind.SADP || prune.kind() == PruneSpec.Kind.GRADNORM) && model.kind() != ModelKind.FC)
            throw new IllegalArgumentException("--prune " + prune.kind().cliName() + " needs --model fc (its per-example gradient norms are"
                    + " derived for Dense and LIF layers), not " + model.kind() + "; use random, infobatch or el2n");
    }

    /** The pre-pruning constructor: full data. */
    public TrainSpec(ModelSpec model, DataSpec data, int timeSteps, int batch, int epochs, EncoderSpec encoder,
                     LossSpec loss, OptimizerSpec optimizer, double lr, LrPolicy schedule, double scheduleStretch,
                     StabilityDetector stability, double gridIntensity, double clip, long seed, ComputeOptions compute) {
        this(model, data, timeSteps, batch, epochs, encoder, loss, optimizer, lr, schedule, scheduleStretch, stability,
                gridIntensity, clip, seed, compute, PruneSpec.FULL);
    }

    private static String imageSets(ModelKind kind) {
        return String.join(", ", DataCatalog.NAMES.stream().filter(n -> !DataCatalog.isEvents(n)
                && kind.takesImages(DataCatalog.entry(n).shape())).toList());
    }

    /** A builder for {@code kind} with every default of the kind. */
    public static Builder builder(ModelKind kind) {
        return new Builder(kind);
    }

    /** The canonical JSON (compact, components in declaration order). */
    public String toJson() {
        return Json.compact(this);
    }

    /** The first 16 hex digits of the canonical JSON's sha256: a sweep trial's folder name. */
    public String id() {
        return Hashing.sha256Hex(toJson()).substring(0, 16);
    }

    /**
     * Reads a spec from its JSON.
     *
     * @throws IllegalArgumentException with one line naming an unknown field or a bad value
     */
    public static TrainSpec fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, TrainSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("training spec: unknown field '" + e.getPropertyName() + "'" + path(e)
                    + " (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException("training spec: " + e.getOriginalMessage());
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        return e.getPath().size() > 1 ? " in '" + e.getPath().get(0).getFieldName() + "'" : "";
    }

    /**
     * Reads the recipe in {@code file}: a spec's JSON, or a run's provenance.json (its {@code spec} field).
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    public static TrainSpec read(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (n != null && n.has("spec") && n.get("spec").isObject()) n = n.get("spec");
        if (n == null || !n.isObject() || !n.has("model"))
            throw new IllegalArgumentException(file + ": neither a training spec nor a provenance.json with a 'spec' field");
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Reads a spec from a JSON node (e.g. the {@code spec} field of a provenance.json). */
    public static TrainSpec fromJson(JsonNode node) {
        return fromJson(node.toString());
    }

    /** A copy with another seed (a sweep trial). */
    public TrainSpec withSeed(long s) {
        return new TrainSpec(model, data, timeSteps, batch, epochs, encoder, loss, optimizer, lr, schedule, scheduleStretch,
                stability, gridIntensity, clip, s, compute, prune);
    }

    /** A copy with another number of epochs. */
    public TrainSpec withEpochs(int e) {
        return new TrainSpec(model, data, timeSteps, batch, e, encoder, loss, optimizer, lr, schedule, scheduleStretch,
                stability, gridIntensity, clip, seed, compute, prune);
    }

    /** A copy computed with other kernels. */
    public TrainSpec withCompute(ComputeOptions c) {
        return new TrainSpec(model, data, timeSteps, batch, epochs, encoder, loss, optimizer, lr, schedule, scheduleStretch,
                stability, gridIntensity, clip, seed, c, prune);
    }

    /** A copy pruning its data by {@code p}. */
    public TrainSpec withPrune(PruneSpec p) {
        return new TrainSpec(model, data, timeSteps, batch, epochs, encoder, loss, optimizer, lr, schedule, scheduleStretch,
                stability, gridIntensity, clip, seed, compute, p);
    }

    /**
     * Fills in a spec: what is not set takes the model kind's default (T, lr, loss, schedule, batch,
     * the encoder of the data, the model options), so the built spec has every choice resolved.
     */
    public static final class Builder {
        private final ModelKind kind;
        private String dataset;
        private String dataDir;
        private Integer limitTrain, limitTest, timeSteps, batch, hidden, quantBits;
        private int epochs = 1;
        private long seed = 42;
        private Double lr, threshold, weightGain, stretch;
        private String omega;
        private Boolean grouping;
        private String size;
        private boolean autoStretch;
        private EncoderSpec encoder;
        private LossSpec loss;
        private LrPolicy schedule;
        private OptimizerSpec optimizer = OptimizerSpec.adam();
        private StabilityDetector stability;
        private double gridIntensity = EnergyMeters.DEFAULT_GRID_G_PER_KWH, clip;
        private ComputeOptions compute = ComputeOptions.defaults();
        private PruneSpec prune = PruneSpec.FULL;

        private Builder(ModelKind kind) {
            if (kind == null) throw new IllegalArgumentException("model kind must not be null");
            this.kind = kind;
            this.dataset = kind.takesEvents() ? "nfashion-emulated" : "fashion-mnist";
        }

        public Builder dataset(String name) { this.dataset = name; return this; }

        public Builder dataDir(String dir) { this.dataDir = dir; return this; }

        /** The first N examples of each split (null = all). */
        public Builder limits(Integer train, Integer test) { this.limitTrain = train; this.limitTest = test; return this; }

        public Builder timeSteps(Integer t) { this.timeSteps = t; return this; }

        public Builder batch(Integer b) { this.batch = b; return this; }

        public Builder epochs(int e) { this.epochs = e; return this; }

        public Builder seed(long s) { this.seed = s; return this; }

        public Builder lr(Double v) { this.lr = v; return this; }

        public Builder hidden(Integer h) { this.hidden = h; return this; }

        public Builder threshold(Double v) { this.threshold = v; return this; }

        public Builder weightGain(Double g) { this.weightGain = g; return this; }

        public Builder quantBits(Integer k) { this.quantBits = k; return this; }

        /** mrf-cnn / mrf-rnn: the projection Omega, {@code sine[:THETA]}, {@code mean} or {@code none} (null = the default sine pi/4). */
        public Builder omega(String o) { this.omega = o; return this; }

        /** mrf-cnn / mrf-rnn: window grouping on or off (null = on). */
        public Builder grouping(Boolean g) { this.grouping = g; return this; }

        /** mrf-cnn / mrf-rnn: the network's size, {@code tiny}, {@code small} or {@code paper} (sequencer2d_s; null = small). */
        public Builder size(String z) { this.size = z; return this; }

        public Builder encoder(EncoderSpec e) { this.encoder = e; return this; }

        public Builder loss(LossSpec l) { this.loss = l; return this; }

        public Builder schedule(LrPolicy p) { this.schedule = p; return this; }

        /** Multiplies the paper's schedule periods (null = 1). */
        public Builder scheduleStretch(Double s) { this.stretch = s; this.autoStretch = false; return this; }

        /** Stretch = epochs / 200: FastSpiker's policy periods scaled to the run's length. */
        public Builder autoStretch() { this.autoStretch = true; return this; }

        public Builder optimizer(OptimizerSpec o) { this.optimizer = o; return this; }

        public Builder stability(StabilityDetector d) { this.stability = d; return this; }

        public Builder gridIntensity(double g) { this.gridIntensity = g; return this; }

        public Builder clip(double c) { this.clip = c; return this; }

        /** The kernels (default {@link ComputeOptions#defaults()}; the command line reads them from -Dsnnlab.*). */
        public Builder compute(ComputeOptions c) { this.compute = c; return this; }

        /** Data pruning (default full data). */
        public Builder prune(PruneSpec p) { this.prune = p; return this; }

        /** The resolved, validated spec. */
        public TrainSpec build() {
            ModelKind.Defaults d = kind.defaults();
            DataSpec data = new DataSpec(dataset, dataDir, limitTrain, limitTest);
            ModelSpec m = ModelSpec.defaults(kind, dataset)
                    .with(ModelKind.Option.HIDDEN, optional(ModelKind.Option.HIDDEN, hidden))
                    .with(ModelKind.Option.THRESHOLD, optional(ModelKind.Option.THRESHOLD, threshold))
                    .with(ModelKind.Option.WEIGHT_GAIN, optional(ModelKind.Option.WEIGHT_GAIN, weightGain))
                    .with(ModelKind.Option.QUANT_BITS, quantBits)
                    .withOmega(optional(ModelKind.Option.OMEGA, omega))
                    .withGrouping(optional(ModelKind.Option.GROUPING, grouping))
                    .withSize(optional(ModelKind.Option.SIZE, size));
            EncoderSpec enc = encoder != null ? encoder : data.events() ? EncoderSpec.frames() : EncoderSpec.direct();
            double s = autoStretch ? (double) epochs / LrSchedules.PAPER_EPOCHS : stretch != null ? stretch : 1.0;
            return new TrainSpec(m, data, timeSteps != null ? timeSteps : d.steps(), batch != null ? batch : d.batch(), epochs, enc,
                    loss != null ? loss : d.loss(), optimizer, lr != null ? lr : d.lr(), schedule != null ? schedule : d.schedule(),
                    s, stability, gridIntensity, clip, seed, compute, prune);
        }

        /** A set model option the kind does not accept is refused here, by name. */
        private <T> T optional(ModelKind.Option o, T value) {
            if (value != null && !kind.accepts(o))
                throw new IllegalArgumentException(o.flag() + " applies to --model " + ModelKind.acceptedBy(o) + " only, not " + kind);
            return value;
        }
    }
}
