package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Rate (Bernoulli) encoding, as snnTorch {@code spikegen.rate(data, num_steps, gain)}: at every step
 * t, independently, {@code s_t = 1} with probability {@code p = clamp(gain * x, 0, 1)}, so the
 * expected firing rate of an input is p. Draws come from {@code rng} in a fixed order (step-major,
 * then C order over the batch), so the output is a function of the input and the random stream.
 * The output is a time-varying {@code Seq [T*B, ...]} of float 0/1, built from one float[].
 *
 * @param gain scale from input value to firing probability, finite and > 0
 */
public record RateEncoder(double gain) implements Encoder {

    public RateEncoder {
        if (!(gain > 0) || Double.isInfinite(gain)) throw new IllegalArgumentException("rate gain must be finite and > 0, got " + gain);
    }

    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        Floats.checkBatch(batch, steps);
        if (rng == null) throw new IllegalArgumentException("rate encoding needs a random stream");
        float[] x = Floats.of(batch);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) p[i] = Math.min(1, Math.max(0, gain * x[i]));
        float[] s = new float[x.length * steps];
        for (int t = 0, o = 0; t < steps; t++)
            for (int i = 0; i < x.length; i++, o++)
                if (rng.nextDouble() < p[i]) s[o] = 1f;
        return Floats.timeMajor(s, batch.shape(), steps);
    }

    @Override
    public String describe() { return "rate(gain=" + gain + ")"; }
}
