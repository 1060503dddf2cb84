package org.snnlab.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SynapticOps;

/**
 * Counts a synaptic layer's operations from the input it actually received ({@link SynapticOps}): a
 * binary input (every value 0 or 1: spikes) costs one accumulate per input spike and target, a
 * real-valued input one multiply-accumulate per input and target. Exact, borders included: for a
 * convolution an input pixel at row h reaches {@code cov(h) = #{o : 0 <= o < H_out, o s - p <= h <= o s - p + k - 1}}
 * output rows, so {@code AC = C_out sum_{n,c,h,w} x[n,c,h,w] cov_H(h) cov_W(w)}; a dense layer's is
 * {@code AC = nnz(x) * out}. The same-shaped ANN does the dense count at one time step.
 */
public final class OpTally {
    private OpTally() { }

    /** True when every value of {@code x} is 0 or 1. */
    public static boolean isBinary(INDArray x) {
        if (x.length() == 0) return true;
        if (x.minNumber().doubleValue() < 0 || x.maxNumber().doubleValue() > 1) return false;
        double nnz = x.scan(Conditions.notEquals(0.0)).doubleValue();
        return Math.abs(x.sumNumber().doubleValue() - nnz) < 0.5;
    }

    /** Records a dense layer's operations when the pass's sink counts them. */
    static void dense(Pass pass, String name, Seq input, INDArray x2d, int out) {
        if (!pass.stats().countsOps()) return;
        double rows = x2d.size(0), in = x2d.size(1), full = rows * in * out;
        double ann = input.isStatic() ? full : full / input.steps();
        SynapticOps ops = isBinary(x2d)
                ? new SynapticOps(x2d.sumNumber().doubleValue() * out, 0, ann, input.batch())
                : new SynapticOps(0, full, ann, input.batch());
        pass.stats().recordOps(name, ops);
    }

    /** Records a convolution's operations ({@code x [N, C, H, W]}) when the pass's sink counts them. */
    static void conv(Pass pass, String name, Seq input, INDArray x, int outC, int k, int stride, int pad) {
        if (!pass.stats().countsOps()) return;
        SynapticOps ops = conv(x, outC, k, stride, pad, input.steps(), input.isStatic(), input.batch());
        pass.stats().recordOps(name, ops);
    }

    /** The operations of a {@code k x k} convolution (stride, padding) to {@code outC} channels on {@code x [N, C, H, W]}. */
    public static SynapticOps conv(INDArray x, int outC, int k, int stride, int pad, int steps, boolean isStatic, int batch) {
        long n = x.size(0), c = x.size(1);
        int h = (int) x.size(2), w = (int) x.size(3);
        double[] ch = coverage(h, k, stride, pad), cw = coverage(w, k, stride, pad);
        double covSum = 0;
        double[] cov = new double[h * w];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                cov[i * w + j] = ch[i] * cw[j];
                covSum += cov[i * w + j];
            }
        double full = (double) n * c * covSum * outC;
        double ann = isStatic ? full : full / steps;
        if (!isBinary(x)) return new SynapticOps(0, full, ann, batch);
        INDArray map = Nd4j.ones(x.dataType(), 1, n * c).mmul(x.reshape('c', n * c, (long) h * w)); // [1, H*W]
        double[] m = map.toDoubleVector();
        double ac = 0;
        for (int i = 0; i < m.length; i++) ac += m[i] * cov[i];
        return new SynapticOps(ac * outC, 0, ann, batch);
    }

    /** How many output positions of a 1-D convolution read input position i, for each i. */
    static double[] coverage(int size, int k, int stride, int pad) {
        int out = (size + 2 * pad - k) / stride + 1;
        double[] cov = new double[size];
        for (int o = 0; o < out; o++)
            for (int i = o * stride - pad; i < o * stride - pad + k; i++)
                if (i >= 0 && i < size) cov[i]++;
        return cov;
    }
}
