package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Seeded weight initialisation. */
public final class Init {
    private Init() { }

    /**
     * PyTorch's default for Linear and Conv layers (Kaiming uniform with a = sqrt 5):
     * {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, for weights and biases alike.
     */
    public static INDArray uniformFanIn(SplittableRandom rng, DataType dtype, long fanIn, long... shape) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(rng, dtype, -bound, bound, shape);
    }

    /** Kaiming (He) normal for ReLU-like fan-in: {@code N(0, 2/fanIn)} (lava-dl / Rouser). */
    public static INDArray kaimingNormal(SplittableRandom rng, DataType dtype, long fanIn, long... shape) {
        double std = Math.sqrt(2.0 / fanIn);
        long n = count(shape);
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = gaussian(rng) * std;
        return dense(v, dtype, shape);
    }

    /** A fresh C-order array (not a reshaped view, so the fused loops can take its buffer as is). */
    static INDArray dense(double[] v, DataType dtype, long[] shape) {
        return Nd4j.create(v, shape, 'c').castTo(dtype).dup('c');
    }

    public static INDArray uniform(SplittableRandom rng, DataType dtype, double lo, double hi, long... shape) {
        long n = count(shape);
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return dense(v, dtype, shape);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }
}
