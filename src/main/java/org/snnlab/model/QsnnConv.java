package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Layer;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Dropout;
import org.snnlab.layer.Flatten;
import org.snnlab.layer.WeightQuantizer;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.Surrogates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The QSNN Fashion-MNIST convolutional net (Eshraghian, Lammie, Azghadi and Lu 2022, quantized SNNs
 * with a cosine-annealed learning rate, arXiv 2202.07221) in multi-step form, input {@code [T*B, 1, 28, 28]}:
 * <pre>  Conv(1->16, k5) -> AvgPool2 -> BN -> LIF -> Conv(16->64, k5) -> AvgPool2 -> BN -> LIF
 *   -> Flatten 1024 -> Dense(1024->classes) [-> Dropout(p)] -> LIF (emitting readout)</pre>
 * With {@code quantBits = k > 0} every Conv and Dense trains k-bit quantization-aware weights
 * ({@link WeightQuantizer}); 0 keeps full precision. Start from {@link #paper(int)} or
 * {@link #reference(int)} and change single options with the {@code with...} methods, e.g.
 * {@code QsnnConv.paper(10).withQuantBits(4).withReadout(LifConfig.Output.MEMBRANE)}.
 *
 * @param lif       neuron of every LIF layer (the output layer emits {@code readout} instead of its own output)
 * @param dropout   dropout probability before the output neurons, in [0, 1) (0 = no dropout layer)
 * @param classes   output neurons, at least 2
 * @param readout   what the output layer emits: SPIKES, or MEMBRANE for a membrane loss
 * @param quantBits k-bit quantization-aware weights, 0 (full precision) or 2..16
 * @param bias      Conv and Dense layers carry biases (the paper's Brevitas layers have none)
 */
public record QsnnConv(LifConfig lif, double dropout, int classes, LifConfig.Output readout, int quantBits, boolean bias) {
    /** Beta 0.974, threshold 2.473 and fast-sigmoid slope 5.5565 of the paper's Fashion-MNIST net. */
    public static final LifConfig PAPER_LIF = LifConfig.of(0.974, 2.473).withSurrogate(Surrogates.fastSigmoid(5.5565));
    /** The paper's dropout before the output neurons. */
    public static final double PAPER_DROPOUT = 0.073556;

    public QsnnConv {
        Objects.requireNonNull(lif, "lif");
        Objects.requireNonNull(readout, "readout");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        if (quantBits != 0 && (quantBits < 2 || quantBits > 16))
            throw new IllegalArgumentException("quantBits must be 0 (full precision) or 2..16, got " + quantBits);
    }

    /** The paper's net: {@link #PAPER_LIF}, dropout {@link #PAPER_DROPOUT}, no biases, spikes out, full precision. */
    public static QsnnConv paper(int classes) {
        return new QsnnConv(PAPER_LIF, PAPER_DROPOUT, classes, LifConfig.Output.SPIKES, 0, false);
    }

    /**
     * The same layers as the command line's {@code conv} model and the benchmarks use them:
     * {@link #PAPER_LIF}, no dropout, biases, spikes out, full precision.
     */
    public static QsnnConv reference(int classes) {
        return new QsnnConv(PAPER_LIF, 0, classes, LifConfig.Output.SPIKES, 0, true);
    }

    public QsnnConv withLif(LifConfig l) { return new QsnnConv(l, dropout, classes, readout, quantBits, bias); }
    public QsnnConv withDropout(double p) { return new QsnnConv(lif, p, classes, readout, quantBits, bias); }
    public QsnnConv withClasses(int c) { return new QsnnConv(lif, dropout, c, readout, quantBits, bias); }
    public QsnnConv withReadout(LifConfig.Output r) { return new QsnnConv(lif, dropout, classes, r, quantBits, bias); }
    public QsnnConv withQuantBits(int k) { return new QsnnConv(lif, dropout, classes, readout, k, bias); }
    public QsnnConv withBias(boolean b) { return new QsnnConv(lif, dropout, classes, readout, quantBits, b); }

    /**
     * The network; weights drawn from {@code rng} layer by layer in the order above (Conv 1, Conv 2,
     * Dense), each with PyTorch's default uniform fan-in bound.
     */
    public Sequential build(DataType dtype, SplittableRandom rng) {
        WeightQuantizer q = quantBits > 0 ? new WeightQuantizer(quantBits) : null;
        List<Layer> l = new ArrayList<>();
        l.add(new Conv2d(1, 16, 5, 1, 0, bias, dtype, rng).quantized(q));
        l.add(new AvgPool2d(2));
        l.add(new BatchNorm(16, 1e-5, 0.1, dtype));
        l.add(new Lif(16 * 12 * 12, lif, dtype));
        l.add(new Conv2d(16, 64, 5, 1, 0, bias, dtype, rng).quantized(q));
        l.add(new AvgPool2d(2));
        l.add(new BatchNorm(64, 1e-5, 0.1, dtype));
        l.add(new Lif(64 * 4 * 4, lif, dtype));
        l.add(new Flatten());
        l.add(new Dense(1024, classes, bias, dtype, rng).quantized(q));
        if (dropout > 0) l.add(new Dropout(dropout));
        l.add(new Lif(classes, lif.withOutput(readout), dtype));
        return new Sequential(l);
    }
}
