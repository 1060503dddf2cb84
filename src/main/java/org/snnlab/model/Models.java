package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Dropout;
import org.snnlab.layer.Flatten;
import org.snnlab.core.Layer;
import org.snnlab.layer.WeightQuantizer;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.Surrogates;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The networks the command line, the benchmarks and the notebooks build by name.
 */
public final class Models {
    private Models() { }

    /** Beta, threshold and fast-sigmoid slope of the QSNN Fashion-MNIST net (Eshraghian et al. 2022, PAPERS.md 4). */
    public static final LifConfig QSNN_FMNIST_LIF =
            LifConfig.of(0.974, 2.473).withSurrogate(Surrogates.fastSigmoid(5.5565));

    /**
     * Two-layer fully connected SNN: {@code Dense(in->hidden) -> LIF -> Dense(hidden->classes) -> LIF}.
     * With in = 2312, hidden = 512, beta 0.9, threshold 1, fast sigmoid k = 25 it is the fc net of the
     * PyTorch reference benchmark.
     */
    public static Sequential fc(int in, int hidden, int classes, LifConfig lif, DataType dtype, SplittableRandom rng) {
        return fc(in, hidden, classes, lif, LifConfig.Output.SPIKES, dtype, rng);
    }

    /** As {@link #fc(int, int, int, LifConfig, DataType, SplittableRandom)} with the output layer emitting {@code readout}. */
    public static Sequential fc(int in, int hidden, int classes, LifConfig lif, LifConfig.Output readout, DataType dtype,
                                SplittableRandom rng) {
        return new Sequential(List.of(
                new Dense(in, hidden, true, dtype, rng), new Lif(hidden, lif, dtype),
                new Dense(hidden, classes, true, dtype, rng), new Lif(classes, lif.withOutput(readout), dtype)));
    }

    /** The reference benchmark's fc net (torch_snn_bench.py). */
    public static Sequential fcBench(DataType dtype, SplittableRandom rng) {
        return fc(2312, 512, 10, LifConfig.of(0.9, 1.0), dtype, rng);
    }

    /**
     * CarSNN (FastSpiker, PAPERS.md 1) for a {@code height x width} 2-polarity event sensor with
     * FastSpiker's neuron at threshold {@code vth}: see {@link CarSnn}. Input {@code [T*B, 2, H, W]},
     * output spikes {@code [T*B, classes]} (train with MSE on rates). {@code weightGain} multiplies the
     * default initial weights (1 = PyTorch's bound; 3 on emulated events, notebook 01).
     */
    public static Sequential carsnn(int height, int width, int classes, double vth, double weightGain, DataType dtype,
                                    SplittableRandom rng) {
        return CarSnn.forSensor(height, width, classes, vth, weightGain).build(dtype, rng);
    }

    /**
     * The QSNN Fashion-MNIST convolutional net in multi-step form (PAPERS.md 4; torch_snn_bench.py conv):
     * {@code Conv(1->16,k5) -> AvgPool2 -> BN -> LIF -> Conv(16->64,k5) -> AvgPool2 -> BN -> LIF ->
     * Flatten 1024 -> Dense 10 [-> Dropout] -> LIF}. Input {@code [*, 1, 28, 28]}.
     *
     * @param dropout dropout before the output neurons (0 = none; the paper uses 0.073556)
     */
    public static Sequential qsnnConv(LifConfig lif, double dropout, int classes, DataType dtype, SplittableRandom rng) {
        return qsnnConv(lif, dropout, classes, LifConfig.Output.SPIKES, dtype, rng);
    }

    /** The QSNN net with the output layer emitting {@code readout} (MEMBRANE for a membrane loss). */
    public static Sequential qsnnConv(LifConfig lif, double dropout, int classes, LifConfig.Output readout, DataType dtype,
                                      SplittableRandom rng) {
        return qsnnConv(lif, dropout, classes, readout, 0, true, dtype, rng);
    }

    /**
     * The QSNN net with {@code quantBits}-bit quantization-aware weights in every Conv and Dense
     * ({@code 0} = full precision) and optional biases (the paper's Brevitas layers have none).
     */
    public static Sequential qsnnConv(LifConfig lif, double dropout, int classes, LifConfig.Output readout, int quantBits,
                                      boolean bias, DataType dtype, SplittableRandom rng) {
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
