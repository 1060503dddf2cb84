package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Feeds framed event data: a batch {@code [B, T, ...]} (each example already a sequence of T frames)
 * becomes the time-major sequence {@code [T*B, ...]}. The number of frames must equal the run's T.
 * A batch stored time-major ({@link #timeMajorBatches()}) becomes it without a copy (a view of the
 * batch's buffer); any other is transposed into a new array.
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
        INDArray tb = batch.permute(perm);
        long[] out = new long[s.length - 1];
        out[0] = s[0] * s[1];
        System.arraycopy(s, 2, out, 1, s.length - 2);
        if (denseC(tb)) return Seq.of(Nd4j.create(tb.data(), out, Nd4j.getStrides(out, 'c'), 0, 'c'), steps);
        return Seq.of(tb.dup('c').reshape('c', out), steps);
    }

    @Override
    public boolean timeMajorBatches() {
        return true;
    }

    /** Whether {@code a} covers its whole buffer from offset 0 with C-order strides (so any C reshape is a view). */
    static boolean denseC(INDArray a) {
        return a.offset() == 0 && a.length() == a.data().length() && java.util.Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'));
    }

    @Override
    public String describe() { return "frames"; }
}
