package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * {@link BatchNorm}'s arithmetic as fused loops over float32 NCHW (or NC) buffers, channels split
 * across cores: one pass for the statistics, one for the output, two for the backward, where the
 * ND4J form needs about fifteen. xhat is recomputed from x in the backward instead of stored. Same
 * formulas as the ND4J path, which a test holds it equal to.
 */
final class FusedBatchNorm {
    private FusedBatchNorm() { }

    /** Whether the fused loops take {@code x}: the options say {@code fused}, and x is float32 on a CPU. */
    static boolean applies(INDArray x, ComputeOptions compute) {
        return compute.fused() && x.dataType() == DataType.FLOAT && Nd4j.getEnvironment().isCPU();
    }

    static FloatBuffer buf(INDArray a) {
        return org.snnlab.util.Buffers.dense(a).data().asNioFloat();
    }

    /** Per-channel biased mean and variance of {@code x [N, C, ...]}: {@code {mean, var}}. */
    static double[][] stats(INDArray x, int channels) {
        FloatBuffer v = buf(x);
        int n = (int) x.size(0), hw = (int) (x.length() / n / channels);
        double[] mean = new double[channels], var = new double[channels];
        IntStream.range(0, channels).parallel().forEach(c -> {
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++)
                for (int k = 0, o = (i * channels + c) * hw; k < hw; k++) s += v.get(o + k);
            double m = s / ((double) n * hw);
            for (int i = 0; i < n; i++)
                for (int k = 0, o = (i * channels + c) * hw; k < hw; k++) {
                    double d = v.get(o + k) - m;
                    s2 += d * d;
                }
            mean[c] = m;
            var[c] = s2 / ((double) n * hw);
        });
        return new double[][]{mean, var};
    }

    /** {@code y = (x - mean) invStd gamma + beta}. */
    static INDArray normalize(INDArray x, int channels, float[] mean, float[] invStd, float[] gamma, float[] beta) {
        FloatBuffer v = buf(x);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        FloatBuffer o = y.data().asNioFloat();
        int n = (int) x.size(0), hw = (int) (x.length() / n / channels);
        IntStream.range(0, channels).parallel().forEach(c -> {
            float a = invStd[c] * gamma[c], b = beta[c] - mean[c] * a;
            for (int i = 0; i < n; i++)
                for (int k = 0, off = (i * channels + c) * hw; k < hw; k++) o.put(off + k, v.get(off + k) * a + b);
        });
        return y;
    }

    /**
     * Backward: accumulates dgamma, dbeta (float arrays) and returns dx ({@code training}: the full
     * batch-statistics formula; else {@code dy gamma invStd}).
     */
    static INDArray backward(INDArray x, INDArray dy, int channels, float[] mean, float[] invStd, float[] gamma,
                             double[] dGamma, double[] dBeta, boolean training, boolean needInput) {
        FloatBuffer xv = buf(x), g = buf(dy);
        int n = (int) x.size(0), hw = (int) (x.length() / n / channels);
        double m = (double) n * hw;
        INDArray dx = needInput ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
        FloatBuffer out = dx == null ? null : dx.data().asNioFloat();
        IntStream.range(0, channels).parallel().forEach(c -> {
            double sDy = 0, sDyXhat = 0;
            float mu = mean[c], is = invStd[c];
            for (int i = 0; i < n; i++)
                for (int k = 0, off = (i * channels + c) * hw; k < hw; k++) {
                    float d = g.get(off + k);
                    sDy += d;
                    sDyXhat += d * (xv.get(off + k) - mu) * is;
                }
            dGamma[c] += sDyXhat;
            dBeta[c] += sDy;
            if (out == null) return;
            float scale = gamma[c] * is;
            float k1 = training ? (float) (sDy / m) : 0f, k2 = training ? (float) (sDyXhat / m) : 0f;
            for (int i = 0; i < n; i++)
                for (int k = 0, off = (i * channels + c) * hw; k < hw; k++) {
                    float xhat = (xv.get(off + k) - mu) * is;
                    out.put(off + k, scale * (g.get(off + k) - k1 - xhat * k2));
                }
        });
        return dx;
    }
}
