package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.Seq;

import java.util.SplittableRandom;

/**
 * Feeds framed event data: a batch {@code [B, T, ...]} (each example already a sequence of T frames)
 * becomes the time-major sequence {@code [T*B, ...]}. The number of frames must equal the run's T.
 */
public final class FramesEncoder implements Encoder {
    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        if (batch.rank() < 3 || batch.size(1) != steps)
            throw new IllegalArgumentException("frames encoder expects [B, T=" + steps + ", ...], got " + java.util.Arrays.toString(batch.shape()));
        long[] s = batch.shape();
        int[] perm = new int[s.length];
        perm[0] = 1;
        perm[1] = 0;
        for (int i = 2; i < s.length; i++) perm[i] = i;
        INDArray tb = batch.permute(perm).dup('c');
        long[] out = new long[s.length - 1];
        out[0] = s[0] * s[1];
        System.arraycopy(s, 2, out, 1, s.length - 2);
        return Seq.of(tb.reshape('c', out), steps);
    }

    @Override
    public String describe() { return "frames"; }
}
