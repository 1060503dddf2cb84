package org.snnlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Seq;

import java.util.SplittableRandom;

/**
 * Rate (Bernoulli) encoding, snnTorch {@code spikegen.rate}: at every step independently
 * {@code s_t ~ Bernoulli(clamp(gain * x, 0, 1))}. Deterministic given the random stream.
 */
public final class RateEncoder implements Encoder {
    private final double gain;

    public RateEncoder(double gain) {
        if (!(gain > 0)) throw new IllegalArgumentException("rate gain must be > 0, got " + gain);
        this.gain = gain;
    }

    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        float[] x = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] s = new float[x.length * steps];
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < x.length; i++)
                s[t * x.length + i] = rng.nextDouble() < gain * x[i] ? 1f : 0f;
        long[] shape = batch.shape().clone();
        shape[0] *= steps;
        return Seq.of(Nd4j.create(s, shape, 'c'), steps);
    }

    @Override
    public String describe() { return "rate(gain=" + gain + ")"; }
}
