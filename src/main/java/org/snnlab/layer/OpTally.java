package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SynapticOps;
import org.snnlab.util.Buffers;

import java.nio.FloatBuffer;

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
        return spikeCount(x) >= 0;
    }

    /** The number of ones in {@code x} when every value is 0 or 1, else -1 (one pass, {@link #columnSums}). */
    public static double spikeCount(INDArray x) {
        if (x.length() == 0) return 0;
        double[] sums = columnSums(x.rank() == 2 ? x : x.reshape('c', 1, x.length()));
        return sums == null ? -1 : java.util.Arrays.stream(sums).sum();
    }

    /**
     * The column sums of {@code x2d [rows, cols]} when every value is 0 or 1 (then the sums count the
     * spikes per column), else null. One pass over a dense float32 CPU array (the first row checked
     * on its own: a real-valued input costs one row); otherwise ND4J reductions
     * ({@link #columnSumsNd4j}, the twin it is tested against).
     */
    public static double[] columnSums(INDArray x2d) {
        if (x2d.rank() != 2) throw new IllegalArgumentException("columnSums needs a 2-D array, got rank " + x2d.rank());
        if (x2d.dataType() != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || !Buffers.isDense(x2d) || x2d.length() > Integer.MAX_VALUE)
            return columnSumsNd4j(x2d);
        int rows = (int) x2d.size(0), cols = (int) x2d.size(1);
        FloatBuffer v = x2d.data().asNioFloat();
        float[] acc = new float[cols], bad = new float[cols];
        accumulate(v, cols, 0, Math.min(1, rows), acc, bad);
        if (!binarySoFar(bad)) return null; // a real-valued input costs one row
        int tasks = (rows - 1 + CHUNK - 1) / CHUNK;
        if (tasks <= 1 || (long) rows * cols < PARALLEL_FROM) {
            accumulate(v, cols, 1, rows, acc, bad);
        } else { // row blocks on the common pool, merged: sums of 0/1 counts are exact in any order
            float[][] accs = new float[tasks][], bads = new float[tasks][];
            java.util.stream.IntStream.range(0, tasks).parallel().forEach(t -> {
                accs[t] = new float[cols];
                bads[t] = new float[cols];
                accumulate(v, cols, 1 + t * CHUNK, Math.min(rows, 1 + (t + 1) * CHUNK), accs[t], bads[t]);
            });
            for (int t = 0; t < tasks; t++)
                for (int c = 0; c < cols; c++) {
                    acc[c] += accs[t][c];
                    bad[c] += bads[t][c];
                }
        }
        if (!binarySoFar(bad)) return null;
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) out[c] = acc[c];
        return out;
    }

    /** Rows per parallel block of {@link #columnSums}, and the array size from which blocks run in parallel. */
    static final int CHUNK = 256, PARALLEL_FROM = 1 << 20;

    /** Rows {@code [r0, r1)}: {@code acc[c] += x[r, c]}, {@code bad[c] += |x - x^2|}. */
    private static void accumulate(FloatBuffer v, int cols, int r0, int r1, float[] acc, float[] bad) {
        float[] row = new float[cols];
        for (int r = r0; r < r1; r++) {
            v.get(r * cols, row, 0, cols);
            for (int c = 0; c < cols; c++) { // no reduction in the loop: the JIT vectorises it
                float a = row[c];
                bad[c] += Math.abs(a - a * a); // 0 exactly when a is 0 or 1; non-negative terms (NaN stays NaN)
                acc[c] += a;                   // exact: counts below 2^24 per column
            }
        }
    }

    private static boolean binarySoFar(float[] bad) {
        float s = 0;
        for (float b : bad) s += b;
        return s == 0;
    }

    /** {@link #columnSums} with ND4J reductions only: min, max, the non-zero count against the sum, then the column sums. */
    static double[] columnSumsNd4j(INDArray x2d) {
        if (x2d.length() == 0) return new double[(int) x2d.size(1)];
        if (x2d.minNumber().doubleValue() < 0 || x2d.maxNumber().doubleValue() > 1) return null;
        double nnz = x2d.scan(Conditions.notEquals(0.0)).doubleValue();
        if (Math.abs(x2d.sumNumber().doubleValue() - nnz) >= 0.5) return null;
        return x2d.sum(0).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * Records a dense layer's operations when the pass's sink counts them; {@code knownSpikes >= 0} is
     * the input's spike count when the caller already knows it is binary (its sparse CSR form), so it
     * is not scanned again, else -1; the pass's {@link org.snnlab.core.SpikeLedger} knows it when a
     * spiking layer produced the input.
     */
    static void dense(Pass pass, String name, Seq input, INDArray x2d, int out, long knownSpikes) {
        if (!pass.stats().countsOps()) return;
        double rows = x2d.size(0), in = x2d.size(1), full = rows * in * out;
        double ann = input.isStatic() ? full : full / input.steps();
        double spikes = knownSpikes >= 0 ? knownSpikes : pass.ledger().count(x2d); // a spiking layer's output: counted already
        if (spikes < 0) spikes = spikeCount(x2d);
        SynapticOps ops = spikes >= 0
                ? new SynapticOps(spikes * out, 0, ann, input.batch())
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
        double[] m = x.length() == 0 ? new double[h * w] : columnSums(x.reshape('c', n * c, (long) h * w)); // spikes per position [H*W]
        if (m == null) return new SynapticOps(0, full, ann, batch);
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
