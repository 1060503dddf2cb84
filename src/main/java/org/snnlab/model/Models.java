package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.layer.Dense;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The networks the command line, the benchmarks and the notebooks build by name.
 */
public final class Models {
    private Models() { }

    /** Beta, threshold and fast-sigmoid slope of the QSNN Fashion-MNIST net: {@link QsnnConv#PAPER_LIF}. */
    public static final LifConfig QSNN_FMNIST_LIF = QsnnConv.PAPER_LIF;

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
     * CarSNN (FastSpiker, Rachmad et al. 2024) for a {@code height x width} 2-polarity event sensor with
     * FastSpiker's neuron at threshold {@code vth}: see {@link CarSnn}. Input {@code [T*B, 2, H, W]},
     * output spikes {@code [T*B, classes]} (train with MSE on rates). {@code weightGain} multiplies the
     * default initial weights (1 = PyTorch's bound; 3 on emulated events, notebook 01).
     */
    public static Sequential carsnn(int height, int width, int classes, double vth, double weightGain, DataType dtype,
                                    SplittableRandom rng) {
        return CarSnn.forSensor(height, width, classes).withLif(CarSnn.lif(vth)).withWeightGain(weightGain).build(dtype, rng);
    }

    /** The QSNN net described by {@code spec} (see {@link QsnnConv}); the same as {@code spec.build(dtype, rng)}. */
    public static Sequential qsnnConv(QsnnConv spec, DataType dtype, SplittableRandom rng) {
        return spec.build(dtype, rng);
    }

    /**
     * The positional form notebook 04 calls: {@code new QsnnConv(lif, dropout, classes, readout,
     * quantBits, bias).build(dtype, rng)}. New code passes a {@link QsnnConv}.
     */
    public static Sequential qsnnConv(LifConfig lif, double dropout, int classes, LifConfig.Output readout, int quantBits,
                                      boolean bias, DataType dtype, SplittableRandom rng) {
        return new QsnnConv(lif, dropout, classes, readout, quantBits, bias).build(dtype, rng);
    }
}
