package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * A multi-step tensor: the activity of one layer over {@code steps} time steps for a batch.
 *
 * <p>Layout is time-major and flattened: {@code data} has shape {@code [T*B, ...]} where rows
 * {@code t*B .. t*B+B-1} hold time step {@code t} (SpikingJelly's multi-step convention). A
 * <em>static</em> sequence (for example a static image shown at every step, or a layer's response
 * to one) stores a single copy {@code [B, ...]} that stands for the same value at all T steps; layers
 * that act per step (Conv, Pool, Dense, BatchNorm over identical rows, Flatten) keep it static, so
 * the work is done once instead of T times. Its gradient is the sum over the T steps.
 *
 * @param data     {@code [T*B, ...]} or, when static, {@code [B, ...]}
 * @param steps    T, the number of time steps (>= 1)
 * @param isStatic whether one copy stands for all T steps
 */
public record Seq(INDArray data, int steps, boolean isStatic) {

    public Seq {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (!isStatic && data.size(0) % steps != 0)
            throw new IllegalArgumentException("rows " + data.size(0) + " not divisible by steps " + steps);
    }

    /** A time-varying sequence with rows {@code [T*B, ...]}. */
    public static Seq of(INDArray data, int steps) {
        return new Seq(data, steps, false);
    }

    /** The same {@code [B, ...]} value at each of {@code steps} steps. */
    public static Seq constant(INDArray data, int steps) {
        return new Seq(data, steps, true);
    }

    /** Batch size B. */
    public int batch() {
        return (int) (isStatic ? data.size(0) : data.size(0) / steps);
    }

    /** Shape of one example at one step, e.g. {@code [C, H, W]}. */
    public long[] featureShape() {
        long[] s = data.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** Number of features of one example at one step. */
    public long features() {
        long n = 1;
        for (long d : featureShape()) n *= d;
        return n;
    }

    /** Rows of step t ({@code [B, ...]}); for a static sequence the one copy. A view, not a copy. */
    public INDArray step(int t) {
        if (t < 0 || t >= steps) throw new IllegalArgumentException("step " + t + " outside [0," + steps + ")");
        if (isStatic) return data;
        int b = batch();
        return data.get(NDArrayIndex.interval((long) t * b, (long) (t + 1) * b));
    }

    /** Rows {@code t*B .. t*B+B-1} of a time-major {@code [T*B, ...]} array: step t (a view). */
    public static INDArray rows(INDArray timeMajor, int t, int batch) {
        return timeMajor.get(NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch));
    }

    /** A time-varying copy: a static sequence is tiled T times; a time-varying one is returned as is. */
    public Seq expand() {
        if (!isStatic) return this;
        long[] shape = data.shape().clone();
        shape[0] *= steps;
        INDArray out = org.nd4j.linalg.factory.Nd4j.createUninitialized(data.dataType(), shape, 'c');
        Seq result = of(out, steps);
        for (int t = 0; t < steps; t++) result.step(t).assign(data);
        return result;
    }

    /** Same data layout with a new feature shape (a reshape of the rows, no copy when contiguous). */
    public Seq reshapeFeatures(long... featureShape) {
        long[] s = new long[featureShape.length + 1];
        s[0] = data.size(0);
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        return new Seq(data.reshape('c', s), steps, isStatic);
    }

    /** Gradient of a static value: the time-varying gradient summed over the T steps, {@code [B, ...]}. */
    public Seq sumOverTime() {
        if (isStatic) return this;
        int b = batch();
        long[] s = data.shape();
        long rest = data.length() / data.size(0);
        INDArray flat = data.reshape('c', steps, (long) b * rest);
        INDArray ones = org.nd4j.linalg.factory.Nd4j.ones(data.dataType(), 1, steps);
        INDArray sum = ones.mmul(flat); // a GEMV is much faster than sum(0) here
        long[] out = s.clone();
        out[0] = b;
        return constant(sum.reshape('c', out), steps);
    }
}
