package org.snnlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Seq;

import java.util.SplittableRandom;

/**
 * Latency (time-to-first-spike) encoding, one spike per input at most, brighter inputs earlier.
 * Linear variant (snnTorch {@code spikegen.latency(linear=True, normalize=True)}):
 * {@code t = round((1 - x) (T - 1))}; inputs at or below {@code threshold} never fire.
 */
public final class LatencyEncoder implements Encoder {
    private final double threshold;

    public LatencyEncoder(double threshold) {
        if (!(threshold >= 0 && threshold < 1)) throw new IllegalArgumentException("latency threshold must be in [0,1), got " + threshold);
        this.threshold = threshold;
    }

    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        float[] x = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] s = new float[x.length * steps];
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= threshold) continue;
            double v = Math.min(1, x[i]);
            int t = (int) Math.round((1 - v) * (steps - 1));
            s[t * x.length + i] = 1f;
        }
        long[] shape = batch.shape().clone();
        shape[0] *= steps;
        return Seq.of(Nd4j.create(s, shape, 'c'), steps);
    }

    @Override
    public String describe() { return "latency(threshold=" + threshold + ",linear)"; }
}
