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
 * The bias of a {@link Dense} layer on its {@code [M, K]} rows, as raw-buffer loops (the column sums in
 * SIMD, the incubating Java Vector API), for dense float32 CPU arrays:
 * <pre>
 *   forward   y[r, :] = b           then sgemm with beta = 1 adds x W: the bias costs one write of y,
 *                                   instead of BLAS zeroing y (beta = 0) and a second read-and-write pass
 *   backward  db     += sum_r g[r, :]   (BLAS runs it as a 1 x M GEMM, slowly)
 * </pre>
 * Rows are split across cores in chunks of {@link #ROWS}. The ND4J ops in {@link Dense} (a row-vector
 * add after the GEMM, a GEMM with a row of ones) are the twin a test holds these equal to. Only loaded
 * when {@link org.snnlab.core.ComputeOptions#vector()} is on (the Vector API module is present).
 */
final class BiasRows {
    private static final int ROWS = 64;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BiasRows() { }

    /** Whether these loops take {@code y}: float32 on the CPU ({@link #fill} needs it dense too: a new array). */
    static boolean applies(INDArray y) {
        return y.dataType() == DataType.FLOAT && y.rank() == 2 && Nd4j.getEnvironment().isCPU()
                && y.length() < Integer.MAX_VALUE;
    }

    /** Every row of {@code y [M, K]} set to {@code bias} (K floats). */
    static void fill(INDArray y, INDArray bias) {
        int m = (int) y.size(0), k = (int) y.size(1);
        float[] b = new float[k];
        Buffers.dense(bias).data().asNioFloat().get(0, b);
        FloatBuffer yb = y.data().asNioFloat();
        chunks(m, (r0, r1) -> {
            for (int r = r0; r < r1; r++) yb.put(r * k, b, 0, k);
        });
    }

    /** {@code grad = beta grad + 1^T g}: the column sums of {@code g [M, K]} (beta 0 overwrites). */
    static void columnSums(INDArray g, INDArray grad, double beta) {
        int m = (int) g.size(0), k = (int) g.size(1);
        FloatBuffer gb = Buffers.dense(g).data().asNioFloat();
        int tasks = (m + ROWS - 1) / ROWS;
        float[][] parts = new float[tasks][];
        IntStream.range(0, tasks).parallel().forEach(t -> {
            float[] acc = new float[k], row = new float[k];
            for (int r = t * ROWS, r1 = Math.min(m, r + ROWS); r < r1; r++) {
                gb.get(r * k, row, 0, k);
                add(row, acc, k);
            }
            parts[t] = acc;
        });
        float[] sum = parts[0];
        for (int t = 1; t < tasks; t++) add(parts[t], sum, k);
        INDArray d = Nd4j.create(sum, grad.shape(), 'c');
        if (beta == 0) grad.assign(d);
        else grad.addi(d);
    }

    /** {@code y[0..k) += x[0..k)}. */
    private static void add(float[] x, float[] y, int k) {
        int i = 0;
        for (; i + L <= k; i += L) FloatVector.fromArray(S, x, i).add(FloatVector.fromArray(S, y, i)).intoArray(y, i);
        for (; i < k; i++) y[i] += x[i];
    }

    private interface Range { void run(int from, int to); }

    private static void chunks(int m, Range body) {
        int tasks = (m + ROWS - 1) / ROWS;
        IntStream.range(0, tasks).parallel().forEach(t -> body.run(t * ROWS, Math.min(m, (t + 1) * ROWS)));
    }
}
