package org.snnlab.model;

import org.snnlab.core.Param;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.core.Layer;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.Surrogates;

import java.util.List;
import java.util.SplittableRandom;

/**
 * CarSNN (Viale et al. 2021) as trained by FastSpiker (Rachmad et al. 2024, arXiv 2407.05262),
 * on 2-polarity event frames {@code [T*B, 2, H, W]}:
 * <pre>  AvgPool(p) -> Conv 2->C 3x3 same -> LIF -> AvgPool2 -> Conv C->C 3x3 same -> LIF -> AvgPool2
 *   -> Flatten -> Dense F->hidden -> LIF -> Dense hidden->classes -> LIF,   no biases,
 *   F = C * floor(floor(floor(H/p)/2)/2) * floor(floor(floor(W/p)/2)/2)</pre>
 * The paper's NCARS net: 100x100, p = 4, C = 32, hidden = 512, 2 classes, so F = 32*6*6 = 1152.
 * Neuron (the authors' code): {@code u <- 0.2 u (1 - s) + W x}, {@code s = [u > Vth]}, Vth = 0.4, hard
 * reset to zero, rectangular surrogate {@code ds/du = 1 if |u - Vth| < 0.4}. The output layer emits
 * spikes: train with MSE between spike rates and one-hot targets ({@link org.snnlab.loss.MseRate}).
 *
 * @param height     input frame height
 * @param width      input frame width
 * @param firstPool  the first average pooling (4 for NCARS' 100x100 window, 2 for a 34x34 sensor)
 * @param channels   channels of both convolutions (32)
 * @param hidden     neurons of the hidden dense layer (512)
 * @param classes    output neurons
 * @param lif        neuron of every layer (see {@link #lif(double)})
 * @param weightGain every initial weight is multiplied by this (1 = PyTorch's default uniform bound;
 *                   on emulated events the notebook found 1 silent and untrainable, 3 trainable)
 */
public record CarSnn(int height, int width, int firstPool, int channels, int hidden, int classes, LifConfig lif,
                     double weightGain) {
    /** FastSpiker's neuron leak. */
    public static final double LEAK = 0.2;
    /** FastSpiker's threshold. */
    public static final double VTH = 0.4;
    /** Half-width of FastSpiker's rectangular surrogate. */
    public static final double SURROGATE_WIDTH = 0.4;

    public CarSnn {
        if (height < 1 || width < 1) throw new IllegalArgumentException("input must be at least 1x1, got " + height + "x" + width);
        if (firstPool < 1) throw new IllegalArgumentException("first pooling must be >= 1, got " + firstPool);
        if (channels < 1 || hidden < 1) throw new IllegalArgumentException("channels and hidden must be >= 1, got " + channels + ", " + hidden);
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        if (!(weightGain > 0) || Double.isInfinite(weightGain)) throw new IllegalArgumentException("weight gain must be > 0, got " + weightGain);
        if (side(height, firstPool) < 1 || side(width, firstPool) < 1)
            throw new IllegalArgumentException("input " + height + "x" + width + " is too small for pooling " + firstPool + ", 2, 2");
        java.util.Objects.requireNonNull(lif, "lif");
    }

    /** FastSpiker's neuron with threshold {@code vth}: leak 0.2, reset to zero, rectangle(0.4, 1). */
    public static LifConfig lif(double vth) {
        return LifConfig.of(LEAK, vth).withReset(ResetMode.ZERO).withSurrogate(Surrogates.rectangle(SURROGATE_WIDTH, 1.0));
    }

    /** The paper's NCARS network: 100x100 window, pool 4, 32 channels, 512 hidden, 2 classes. */
    public static CarSnn ncars(double vth) {
        return new CarSnn(100, 100, 4, 32, 512, 2, lif(vth), 1.0);
    }

    /**
     * CarSNN for a {@code height x width} sensor with FastSpiker's neuron at {@link #VTH} and the default
     * initial weights (gain 1): the first pooling is 4 from 64 pixels up, else 2 (a 34x34 emulated
     * sensor gives F = 32*4*4 = 512). Change the neuron or the gain with {@link #withLif} and
     * {@link #withWeightGain}.
     */
    public static CarSnn forSensor(int height, int width, int classes) {
        return new CarSnn(height, width, Math.min(height, width) >= 64 ? 4 : 2, 32, 512, classes, lif(VTH), 1.0);
    }

    public CarSnn withLif(LifConfig l) { return new CarSnn(height, width, firstPool, channels, hidden, classes, l, weightGain); }
    public CarSnn withWeightGain(double g) { return new CarSnn(height, width, firstPool, channels, hidden, classes, lif, g); }
    public CarSnn withChannels(int c) { return new CarSnn(height, width, firstPool, c, hidden, classes, lif, weightGain); }
    public CarSnn withHidden(int h) { return new CarSnn(height, width, firstPool, channels, h, classes, lif, weightGain); }

    /** Side after the three poolings: {@code floor(floor(floor(n/p)/2)/2)}. */
    static int side(int n, int firstPool) {
        return n / firstPool / 2 / 2;
    }

    /** Inputs of the hidden dense layer, F. */
    public int flatFeatures() {
        return channels * side(height, firstPool) * side(width, firstPool);
    }

    /** The network; weights drawn from {@code rng} (PyTorch's uniform fan-in bound) times {@link #weightGain}. */
    public Sequential build(DataType dtype, SplittableRandom rng) {
        int h1 = height / firstPool, w1 = width / firstPool, h2 = h1 / 2, w2 = w1 / 2;
        List<Layer> layers = List.of(
                new AvgPool2d(firstPool),
                new Conv2d(2, channels, 3, 1, 1, false, dtype, rng), new Lif(channels * h1 * w1, lif, dtype), new AvgPool2d(2),
                new Conv2d(channels, channels, 3, 1, 1, false, dtype, rng), new Lif(channels * h2 * w2, lif, dtype), new AvgPool2d(2),
                new Flatten(),
                new Dense(flatFeatures(), hidden, false, dtype, rng), new Lif(hidden, lif, dtype),
                new Dense(hidden, classes, false, dtype, rng), new Lif(classes, lif.withOutput(LifConfig.Output.SPIKES), dtype));
        Sequential net = new Sequential(layers);
        if (weightGain != 1.0) for (Param p : net.params()) p.value().muli(weightGain);
        return net;
    }
}
