package org.snnlab.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.Projection;

import java.util.SplittableRandom;

/**
 * Which network to build and its options, every option resolved (no "default" left to fill in), so
 * that two specs describing the same network are equal. An option the kind does not accept must be
 * null (0 for {@code quantBits}); one it accepts must be set.
 *
 * @param kind       the network
 * @param hidden     fc: hidden neurons (>= 1)
 * @param threshold  fc and carsnn: firing threshold Vth (> 0; fc 1.0, carsnn 0.4 by default)
 * @param weightGain carsnn: initial weights x this (> 0; 3 on emulated events, 1 on real recordings by default)
 * @param quantBits  conv and qsnn-conv: k-bit quantization-aware weights, 0 = full precision, else 2..16
 * @param omega      mrf-cnn: the projection Omega, {@code sine:THETA}, {@code mean} or {@code none} (canonical form;
 *                   default {@code sine:} pi/4)
 * @param grouping   mrf-cnn: window grouping on (default), or off (the whole map in one pass)
 * @param size       mrf-cnn and mrf-rnn: the network's size, {@code tiny}, {@code small} (default) or {@code paper}
 *                   (the authors' sequencer2d_s; {@link MrfNet.Size}); a spec written before this option reads as small
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(ModelKind kind, Integer hidden, Double threshold, Double weightGain, int quantBits, String omega,
                        Boolean grouping, String size) {
    public ModelSpec {
        if (kind == null) throw new IllegalArgumentException("model kind must not be null");
        if (size == null && kind.accepts(ModelKind.Option.SIZE)) size = MrfNet.Size.SMALL.cliName(); // specs from before --mrf-size
        check(kind, ModelKind.Option.SIZE, size);
        if (size != null) size = MrfNet.Size.parse(size).cliName();
        check(kind, ModelKind.Option.HIDDEN, hidden);
        check(kind, ModelKind.Option.THRESHOLD, threshold);
        check(kind, ModelKind.Option.WEIGHT_GAIN, weightGain);
        check(kind, ModelKind.Option.OMEGA, omega);
        check(kind, ModelKind.Option.GROUPING, grouping);
        if (omega != null) omega = Projection.parse(omega).describe();
        if (hidden != null && hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        if (threshold != null && !(threshold > 0 && Double.isFinite(threshold)))
            throw new IllegalArgumentException("--threshold must be > 0, got " + threshold);
        if (weightGain != null && !(weightGain > 0 && Double.isFinite(weightGain)))
            throw new IllegalArgumentException("--weight-gain must be > 0, got " + weightGain);
        if (quantBits != 0 && (quantBits < 2 || quantBits > 16 || !kind.accepts(ModelKind.Option.QUANT_BITS)))
            throw new IllegalArgumentException("--quant-bits must be 0 or 2..16 and needs --model "
                    + ModelKind.acceptedBy(ModelKind.Option.QUANT_BITS).replace(" and ", " or ") + ", got " + quantBits);
    }

    private static void check(ModelKind kind, ModelKind.Option o, Object value) {
        if (value != null && !kind.accepts(o))
            throw new IllegalArgumentException(o.flag() + " applies to --model " + ModelKind.acceptedBy(o) + " only, not " + kind);
        if (value == null && kind.accepts(o))
            throw new IllegalArgumentException("--model " + kind + " needs " + o.flag() + " (a spec has every option resolved)");
    }

    /** The shorter form of the kinds without an mrf option. */
    public ModelSpec(ModelKind kind, Integer hidden, Double threshold, Double weightGain, int quantBits) {
        this(kind, hidden, threshold, weightGain, quantBits, null, null, null);
    }

    /** The form without a size (mrf kinds: small). */
    public ModelSpec(ModelKind kind, Integer hidden, Double threshold, Double weightGain, int quantBits, String omega, Boolean grouping) {
        this(kind, hidden, threshold, weightGain, quantBits, omega, grouping, null);
    }

    /** {@code on} or {@code off}, as {@code --grouping} takes it. */
    public static boolean parseGrouping(String s) {
        if ("on".equals(s)) return true;
        if ("off".equals(s)) return false;
        throw new IllegalArgumentException("--grouping must be on or off, got '" + s + "'");
    }

    /**
     * The kind with its default options; {@code eventSource} is the data set's name (carsnn's initial
     * weight gain is 3 on emulated events, whose sparse frames need it to fire, and 1 on real recordings
     * such as NCARS).
     */
    public static ModelSpec defaults(ModelKind kind, String eventSource) {
        return switch (kind) {
            case FC -> new ModelSpec(kind, 1000, 1.0, null, 0);
            case CONV, QSNN_CONV -> new ModelSpec(kind, null, null, null, 0);
            case CARSNN -> new ModelSpec(kind, null, CarSnn.VTH, eventSource != null && eventSource.contains("emulated") ? 3.0 : 1.0, 0);
            case MRF_CNN, MRF_RNN -> new ModelSpec(kind, null, null, null, 0, Projection.sine(Projection.DEFAULT_THETA).describe(), true,
                    MrfNet.Size.SMALL.cliName());
        };
    }

    /** This spec with {@code o} set to {@code value} (null = keep). */
    public ModelSpec with(ModelKind.Option o, Number value) {
        if (value == null) return this;
        return switch (o) {
            case HIDDEN -> new ModelSpec(kind, value.intValue(), threshold, weightGain, quantBits, omega, grouping, size);
            case THRESHOLD -> new ModelSpec(kind, hidden, value.doubleValue(), weightGain, quantBits, omega, grouping, size);
            case WEIGHT_GAIN -> new ModelSpec(kind, hidden, threshold, value.doubleValue(), quantBits, omega, grouping, size);
            case QUANT_BITS -> new ModelSpec(kind, hidden, threshold, weightGain, value.intValue(), omega, grouping, size);
            case OMEGA, GROUPING, SIZE -> throw new IllegalArgumentException(o.flag() + " is not a number");
        };
    }

    /** This spec with another Omega (null = keep). */
    public ModelSpec withOmega(String o) {
        return o == null ? this : new ModelSpec(kind, hidden, threshold, weightGain, quantBits, o, grouping, size);
    }

    /** This spec with grouping on or off (null = keep). */
    public ModelSpec withGrouping(Boolean g) {
        return g == null ? this : new ModelSpec(kind, hidden, threshold, weightGain, quantBits, omega, g, size);
    }

    /** This spec with another size, {@code tiny}, {@code small} or {@code paper} (null = keep). */
    public ModelSpec withSize(String z) {
        return z == null ? this : new ModelSpec(kind, hidden, threshold, weightGain, quantBits, omega, grouping, z);
    }

    /**
     * Builds the network, drawing its weights from {@code rng}.
     *
     * @param inputShape one example's shape ({@code [1, 28, 28]} images, {@code [T, 2, H, W]} event frames)
     * @param readout    what the output neurons emit (MEMBRANE for a membrane loss)
     */
    public Sequential build(long[] inputShape, int classes, LifConfig.Output readout, SplittableRandom rng) {
        int h = (int) inputShape[inputShape.length - 2], w = (int) inputShape[inputShape.length - 1];
        return switch (kind) {
            case FC -> Models.fc(784, hidden, classes, LifConfig.of(0.95, threshold), readout, DataType.FLOAT, rng);
            case CONV -> QsnnConv.reference(classes).withReadout(readout).withQuantBits(quantBits).build(DataType.FLOAT, rng);
            case QSNN_CONV -> QsnnConv.paper(classes).withReadout(readout).withQuantBits(quantBits).build(DataType.FLOAT, rng);
            case CARSNN -> CarSnn.forSensor(h, w, classes).withLif(CarSnn.lif(threshold)).withWeightGain(weightGain).build(DataType.FLOAT, rng);
            case MRF_CNN, MRF_RNN -> MrfNet.of(MrfNet.Size.parse(size), kind == ModelKind.MRF_RNN ? MrfNet.Mixer.RNN : MrfNet.Mixer.CNN,
                    (int) inputShape[0], h, classes, grouping, Projection.parse(omega)).build(DataType.FLOAT, rng);
        };
    }
}
