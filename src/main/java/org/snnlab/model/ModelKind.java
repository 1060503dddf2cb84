package org.snnlab.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.loss.LossSpec;
import org.snnlab.optim.lr.LrPolicy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The networks a training spec names, each with its defaults (T, learning rate, loss, schedule,
 * batch) and the model options it accepts; see {@link ModelSpec}.
 * <ul>
 *   <li>{@code fc}: {@code 784 -> hidden -> classes} LIF net (beta 0.95), cross-entropy on the output
 *       membrane, T = 25, Adam 1e-3;</li>
 *   <li>{@code conv}: the QSNN convolutional net with biases and no dropout, cross-entropy on spike
 *       counts, Adam 2e-3;</li>
 *   <li>{@code qsnn-conv}: the quantized-SNN paper's net (Eshraghian et al. 2022, arXiv 2202.07221: no biases, dropout 0.0736, MSE on
 *       spike counts 0.8 / 0.2, lr 2.908e-3 with cosine annealing);</li>
 *   <li>{@code carsnn}: FastSpiker's CarSNN on event frames (Rachmad, Putra and Shafique 2024, arXiv 2407.05262: 10 frames, MSE on
 *       rates, Adam 1e-3 with step decay, batch 40);</li>
 *   <li>{@code mrf-cnn}: the hybrid Sequencer-style network with multi-receptive-field spiking mixers
 *       (Yao et al. 2023, arXiv 2401.10843; {@link MrfNet}), T = 1, cross-entropy on the head's output,
 *       Adam 1e-3 with cosine annealing, batch 64; options {@code --omega}, {@code --grouping}, {@code --mrf-size};</li>
 *   <li>{@code mrf-rnn}: the same network with the RNN variant of the mixer (a bidirectional LSTM over each
 *       window's tokens, one leaky layer, membranes shared across blocks; {@link MrfRnnStages}), T = 1 only,
 *       the same defaults and options.</li>
 * </ul>
 */
public enum ModelKind {
    FC("fc", new Defaults(25, 1e-3, "ce-mem", "constant", 128), false, Set.of(Option.HIDDEN, Option.THRESHOLD)),
    CONV("conv", new Defaults(25, 2e-3, "ce-count", "constant", 128), false, Set.of(Option.QUANT_BITS)),
    QSNN_CONV("qsnn-conv", new Defaults(25, 2.908e-3, "mse-count:0.8,0.2", "cosine", 128), false, Set.of(Option.QUANT_BITS)),
    CARSNN("carsnn", new Defaults(10, 1e-3, "mse-rate", "step", 40), true, Set.of(Option.THRESHOLD, Option.WEIGHT_GAIN)),
    MRF_CNN("mrf-cnn", new Defaults(1, 1e-3, "ce-mem", "cosine", 64), false, Set.of(Option.OMEGA, Option.GROUPING, Option.SIZE)),
    MRF_RNN("mrf-rnn", new Defaults(1, 1e-3, "ce-mem", "cosine", 64), false, Set.of(Option.OMEGA, Option.GROUPING, Option.SIZE));

    /** The model options a kind may accept. */
    public enum Option {
        HIDDEN("--hidden"), THRESHOLD("--threshold"), WEIGHT_GAIN("--weight-gain"), QUANT_BITS("--quant-bits"),
        OMEGA("--omega"), GROUPING("--grouping"), SIZE("--mrf-size");

        private final String flag;

        Option(String flag) { this.flag = flag; }

        /** The command-line option. */
        public String flag() { return flag; }
    }

    /** A kind's defaults: time steps, learning rate, loss, schedule, batch size. */
    public record Defaults(int steps, double lr, LossSpec loss, LrPolicy schedule, int batch) {
        Defaults(int steps, double lr, String loss, String schedule, int batch) {
            this(steps, lr, LossSpec.parse(loss), LrPolicy.parse(schedule), batch);
        }
    }

    private final String cliName;
    private final Defaults defaults;
    private final boolean events;
    private final Set<Option> options;

    ModelKind(String cliName, Defaults defaults, boolean events, Set<Option> options) {
        this.cliName = cliName;
        this.defaults = defaults;
        this.events = events;
        this.options = options;
    }

    /** The name on the command line and in a spec's JSON. */
    @JsonValue
    public String cliName() { return cliName; }

    public Defaults defaults() { return defaults; }

    /** True when the network takes event frames {@code [T, 2, H, W]} (else static images). */
    public boolean takesEvents() { return events; }

    /**
     * True when the kind takes static images of one example shape {@code [C, H, W]}: 28x28 grey for fc,
     * conv and qsnn-conv; for mrf-cnn and mrf-rnn 28x28 (padded to 32x32) or 32x32 with any number of channels.
     */
    public boolean takesImages(long[] shape) {
        if (events || shape.length != 3) return false;
        if (isMrf()) return shape[1] == shape[2] && (shape[1] == 28 || shape[1] == 32);
        return shape[0] == 1 && shape[1] == 28 && shape[2] == 28;
    }

    /** What {@link #takesImages} accepts, in words. */
    public String imagesTaken() {
        return isMrf() ? "28x28 (padded to 32x32) or 32x32 images" : "28x28 grey images";
    }

    /** True for the multi-receptive-field networks (mrf-cnn, mrf-rnn). */
    public boolean isMrf() { return this == MRF_CNN || this == MRF_RNN; }

    /** True when the kind accepts {@code o}. */
    public boolean accepts(Option o) { return options.contains(o); }

    /** The kinds that accept {@code o}, e.g. "fc and carsnn". */
    public static String acceptedBy(Option o) {
        List<String> names = Arrays.stream(values()).filter(k -> k.accepts(o)).map(ModelKind::cliName).toList();
        return String.join(" and ", names);
    }

    /** The kind named {@code name}. */
    @JsonCreator
    public static ModelKind of(String name) {
        for (ModelKind k : values()) if (k.cliName.equals(name)) return k;
        throw new IllegalArgumentException("--model must be " + String.join(", ", Arrays.stream(values()).map(ModelKind::cliName).toList())
                + ", got '" + name + "'");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
