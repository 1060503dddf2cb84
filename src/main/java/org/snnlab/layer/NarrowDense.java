package org.snnlab.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.util.Buffers;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * SIMD loops (the incubating Java Vector API) for the products of a {@link Dense} layer with a NARROW
 * side, {@code n = out <= }{@link #MAX_NARROW} (a classifier head: 512 -> 10), where BLAS's packed
 * GEMM kernels spend more time packing than multiplying (OpenBLAS takes ~20 ms for each of the three
 * 3200 x 512 x 10 products on the development machine, 16 M multiply-adds each). With
 * {@code x [M, K]}, {@code W [K, n]}, {@code g = dL/dy [M, n]} and {@code W^T} held as n rows of K:
 * <pre>
 *   forward   y[r, c]  = b[c] + x[r, :] . W^T[c, :]              (n dot products per row)
 *   weights   dW^T[c, :] += sum_r g[r, c] x[r, :]                (n AXPYs per row, per-task partial sums)
 *   input     dx[r, :] = sum_c g[r, c] W^T[c, :]                 (summed in registers)
 *   bias      db      += sum_r g[r, :]                           (any width: BLAS runs it as a slow 1 x M GEMM)
 * </pre>
 * Rows are split across cores in chunks of {@link #ROWS}. The GEMMs of {@link Dense} are the pure ND4J
 * twin that a test holds these equal to (up to float summation order). Only loaded when
 * {@link org.snnlab.core.ComputeOptions#vector()} is on (the Vector API module is present).
 */
final class NarrowDense {
    /** The widest narrow side these loops take. */
    static final int MAX_NARROW = 32;
    private static final int ROWS = 64;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private NarrowDense() { }

    /** Whether the loops take {@code x [M, K] x W [K, n]}: float32, dense, {@code n <= MAX_NARROW}. */
    static boolean applies(INDArray x, INDArray w) {
        return x.dataType() == DataType.FLOAT && w.dataType() == DataType.FLOAT && x.rank() == 2 && w.rank() == 2
                && w.size(1) <= MAX_NARROW && Nd4j.getEnvironment().isCPU() && x.length() < Integer.MAX_VALUE;
    }

    /** {@code W^T} as n rows of K floats. */
    private static float[] transposed(INDArray w) {
        int k = (int) w.size(0), n = (int) w.size(1);
        float[] wh = new float[k * n], wt = new float[k * n];
        Buffers.dense(w).data().asNioFloat().get(0, wh);
        for (int i = 0; i < k; i++) for (int c = 0; c < n; c++) wt[c * k + i] = wh[i * n + c];
        return wt;
    }

    private static float[] heap(INDArray a) {
        float[] out = new float[(int) a.length()];
        Buffers.dense(a).data().asNioFloat().get(0, out);
        return out;
    }

    /** {@code y = x W + b} ({@code b} may be null): {@code [M, n]}. */
    static INDArray forward(INDArray x, INDArray w, INDArray bias) {
        int m = (int) x.size(0), k = (int) x.size(1), n = (int) w.size(1);
        float[] wt = transposed(w), b = bias == null ? new float[n] : heap(bias);
        FloatBuffer xb = Buffers.dense(x).data().asNioFloat();
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, m, n);
        FloatBuffer yb = y.data().asNioFloat();
        chunks(m, (r0, r1) -> {
            float[] xr = new float[k], yr = new float[n];
            for (int r = r0; r < r1; r++) {
                xb.get(r * k, xr, 0, k);
                int c = 0;
                for (; c + 4 <= n; c += 4) dot4(xr, wt, c, k, b, yr); // the row read once per 4 columns
                for (; c < n; c++) yr[c] = b[c] + dot(xr, wt, c * k, k);
                yb.put(r * n, yr, 0, n);
            }
        });
        return y;
    }

    /** {@code grad = beta grad + x^T g} ({@code grad [K, n]}; beta 0 overwrites). */
    static void weightGrad(INDArray x, INDArray g, INDArray grad, double beta) {
        int m = (int) x.size(0), k = (int) x.size(1), n = (int) g.size(1);
        FloatBuffer xb = Buffers.dense(x).data().asNioFloat();
        float[] gh = heap(g);
        int tasks = (m + ROWS - 1) / ROWS;
        float[][] parts = new float[tasks][];
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int r0 = t * ROWS, r1 = Math.min(m, r0 + ROWS);
            float[] acc = new float[n * k], xr = new float[k];
            for (int r = r0; r < r1; r++) {
                xb.get(r * k, xr, 0, k);
                for (int c = 0; c < n; c++) axpy(gh[r * n + c], xr, 0, acc, c * k, k);
            }
            parts[t] = acc;
        });
        float[] sum = parts[0];
        for (int t = 1; t < tasks; t++) for (int i = 0; i < sum.length; i++) sum[i] += parts[t][i];
        float[] dw = new float[k * n];
        for (int c = 0; c < n; c++) for (int i = 0; i < k; i++) dw[i * n + c] = sum[c * k + i];
        INDArray d = Nd4j.create(dw, new long[]{k, n}, 'c');
        if (beta == 0) grad.assign(d);
        else grad.addi(d);
    }

    /** {@code dx = g W^T}: {@code [M, K]}; each output vector is summed over the n columns in a register. */
    static INDArray inputGrad(INDArray g, INDArray w) {
        int m = (int) g.size(0), n = (int) g.size(1), k = (int) w.size(0);
        float[] wt = transposed(w), gh = heap(g);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, m, k);
        FloatBuffer db = dx.data().asNioFloat();
        chunks(m, (r0, r1) -> {
            float[] row = new float[k];
            for (int r = r0; r < r1; r++) {
                int go = r * n, j = 0;
                for (; j + 4 * L <= k; j += 4 * L) {
                    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                    for (int c = 0; c < n; c++) {
                        FloatVector gc = FloatVector.broadcast(S, gh[go + c]);
                        int o = c * k + j;
                        a0 = FloatVector.fromArray(S, wt, o).fma(gc, a0);
                        a1 = FloatVector.fromArray(S, wt, o + L).fma(gc, a1);
                        a2 = FloatVector.fromArray(S, wt, o + 2 * L).fma(gc, a2);
                        a3 = FloatVector.fromArray(S, wt, o + 3 * L).fma(gc, a3);
                    }
                    a0.intoArray(row, j);
                    a1.intoArray(row, j + L);
                    a2.intoArray(row, j + 2 * L);
                    a3.intoArray(row, j + 3 * L);
                }
                for (; j < k; j++) {
                    float acc = 0f;
                    for (int c = 0; c < n; c++) acc += gh[go + c] * wt[c * k + j];
                    row[j] = acc;
                }
                db.put(r * k, row, 0, k);
            }
        });
        return dx;
    }

    /** {@code grad = beta grad + 1^T g}: the column sums of {@code g [M, K]} (a bias gradient; beta 0 overwrites). */
    static void columnSums(INDArray g, INDArray grad, double beta) {
        int m = (int) g.size(0), k = (int) g.size(1);
        FloatBuffer gb = Buffers.dense(g).data().asNioFloat();
        int tasks = (m + ROWS - 1) / ROWS;
        float[][] parts = new float[tasks][];
        IntStream.range(0, tasks).parallel().forEach(t -> {
            float[] acc = new float[k], row = new float[k];
            for (int r = t * ROWS, r1 = Math.min(m, r + ROWS); r < r1; r++) {
                gb.get(r * k, row, 0, k);
                axpy(1f, row, 0, acc, 0, k);
            }
            parts[t] = acc;
        });
        float[] sum = parts[0];
        for (int t = 1; t < tasks; t++) axpy(1f, parts[t], 0, sum, 0, k);
        INDArray d = Nd4j.create(sum, grad.shape(), 'c');
        if (beta == 0) grad.assign(d);
        else grad.addi(d);
    }

    /** {@code y[r, :] += b} for every row, in place ({@code y} dense {@code [M, K]}): the bias of a wide Dense. */
    static void addRow(INDArray y, INDArray bias) {
        int m = (int) y.size(0), k = (int) y.size(1);
        float[] b = heap(bias);
        FloatBuffer yb = y.data().asNioFloat();
        chunks(m, (r0, r1) -> {
            float[] row = new float[k];
            for (int r = r0; r < r1; r++) {
                yb.get(r * k, row, 0, k);
                axpy(1f, b, 0, row, 0, k);
                yb.put(r * k, row, 0, k);
            }
        });
    }

    /**
     * {@code y[c + j] = bias[c + j] + a . wt[(c + j) k ..]} for j < 4: four independent FMA chains on one load of
     * {@code a}; each column sums in the same order as {@link #dot} (bit-equal to it).
     */
    private static void dot4(float[] a, float[] wt, int c, int k, float[] bias, float[] y) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int o0 = c * k, o1 = o0 + k, o2 = o1 + k, o3 = o2 + k, i = 0;
        for (; i + L <= k; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            s0 = x.fma(FloatVector.fromArray(S, wt, o0 + i), s0);
            s1 = x.fma(FloatVector.fromArray(S, wt, o1 + i), s1);
            s2 = x.fma(FloatVector.fromArray(S, wt, o2 + i), s2);
            s3 = x.fma(FloatVector.fromArray(S, wt, o3 + i), s3);
        }
        float r0 = s0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD), r1 = s1.reduceLanes(jdk.incubator.vector.VectorOperators.ADD),
                r2 = s2.reduceLanes(jdk.incubator.vector.VectorOperators.ADD), r3 = s3.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < k; i++) {
            r0 += a[i] * wt[o0 + i];
            r1 += a[i] * wt[o1 + i];
            r2 += a[i] * wt[o2 + i];
            r3 += a[i] * wt[o3 + i];
        }
        y[c] = bias[c] + r0;
        y[c + 1] = bias[c + 1] + r1;
        y[c + 2] = bias[c + 2] + r2;
        y[c + 3] = bias[c + 3] + r3;
    }

    private static float dot(float[] a, float[] b, int bOff, int k) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= k; i += L) acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        float s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < k; i++) s += a[i] * b[bOff + i];
        return s;
    }

    /** {@code y[yOff ..] += alpha x[xOff ..]} over k floats. */
    private static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int k) {
        FloatVector a = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + L <= k; i += L)
            FloatVector.fromArray(S, x, xOff + i).fma(a, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        for (; i < k; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    private interface Range { void run(int from, int to); }

    private static void chunks(int m, Range body) {
        int tasks = (m + ROWS - 1) / ROWS;
        IntStream.range(0, tasks).parallel().forEach(t -> body.run(t * ROWS, Math.min(m, (t + 1) * ROWS)));
    }
}
