package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Matrix products with a BINARY, sparse left operand (spike trains), the CPU fast path of
 * {@link Dense}: with {@code x} in {0,1} at density d, {@code y = x W} is a sum of the W rows picked
 * by each row's spikes (d * in row additions instead of in multiply-adds), and {@code dW = x^T dY}
 * scatters each dY row into the W rows of its spikes. Same results as the GEMMs (the pure ND4J twin,
 * held equal by a test), up to float summation order. Used, when enabled, if the input is binary
 * and sparse enough; anything else falls back to the GEMM.
 */
final class SpikeMatmul {
    /** Above this spike density a dense GEMM is faster. */
    static final double MAX_DENSITY = 0.25;
    /**
     * Opt-in with {@code -Dsnnlab.sparse=true}: measured on the development machine (2 cores, fc
     * benchmark shapes [3200 x 2312] x [2312 x 512], 10% input density) the blocked row gathers take
     * ~145 ms forward and ~140 ms for dW (+15 ms to build the CSR) against ~40 ms per product for the
     * OpenBLAS SkylakeX GEMM, so the GEMM stays the default.
     */
    static final boolean ENABLED = !"false".equals(System.getProperty("snnlab.fused"))
            && "true".equals(System.getProperty("snnlab.sparse"));
    private static final int ROWS_PER_TASK = 64;

    /** Compressed sparse rows of a binary matrix: the column of every 1, row by row. */
    record Csr(int rows, int cols, int[] rowStart, int[] colIndex) {
        int nnz() { return rowStart[rows]; }
    }

    private SpikeMatmul() { }

    /** The CSR form of {@code x} when the sparse path is enabled and applies; else null (use the GEMM). */
    static Csr binaryCsr(INDArray x) {
        return ENABLED ? csrOf(x) : null;
    }

    /** The CSR form of {@code x [rows, cols]} if it is float32, binary and sparse enough; else null. */
    static Csr csrOf(INDArray x) {
        if (x.dataType() != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || x.rank() != 2
                || !org.snnlab.util.Buffers.isDense(x) || x.length() < (1 << 16)) return null;
        int rows = (int) x.size(0), cols = (int) x.size(1);
        FloatBuffer v = x.data().asNioFloat();
        int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int[][] parts = new int[tasks][];
        int[] counts = new int[rows];
        int cap = (int) (MAX_DENSITY * cols * ROWS_PER_TASK) + 1;
        boolean ok = IntStream.range(0, tasks).parallel().allMatch(t -> {
            int[] idx = new int[cap];
            int n = 0;
            for (int r = t * ROWS_PER_TASK, end = Math.min(rows, r + ROWS_PER_TASK); r < end; r++) {
                int base = r * cols, before = n;
                for (int c = 0; c < cols; c++) {
                    float f = v.get(base + c);
                    if (f == 0f) continue;
                    if (f != 1f || n == cap) return false; // not binary, or too dense
                    idx[n++] = c;
                }
                counts[r] = n - before;
            }
            parts[t] = java.util.Arrays.copyOf(idx, n);
            return true;
        });
        if (!ok) return null;
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) start[r + 1] = start[r] + counts[r];
        int[] col = new int[start[rows]];
        for (int t = 0, pos = 0; t < tasks; t++) {
            System.arraycopy(parts[t], 0, col, pos, parts[t].length);
            pos += parts[t].length;
        }
        return new Csr(rows, cols, start, col);
    }

    /** Output columns per block: a W block of in x 128 floats stays in the core's L2 cache. */
    private static final int BLOCK = 128;

    /** {@code y = x W (+ b)} for binary x; W {@code [in, out]}, result {@code [rows, out]}. */
    static INDArray forward(Csr x, INDArray w, INDArray bias) {
        int out = (int) w.size(1), in = x.cols();
        float[] wh = heap(w), bh = bias == null ? new float[out] : heap(bias);
        float[] y = new float[x.rows() * out];
        int blocks = (out + BLOCK - 1) / BLOCK;
        float[][] wb = new float[blocks][];
        for (int k = 0; k < blocks; k++) wb[k] = columns(wh, in, out, k * BLOCK, Math.min(out, (k + 1) * BLOCK));
        int tasks = (x.rows() + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks * blocks).parallel().forEach(task -> {
            int k = task % blocks, t = task / blocks, j0 = k * BLOCK, width = Math.min(out, j0 + BLOCK) - j0;
            float[] blk = wb[k], acc = new float[width];
            for (int r = t * ROWS_PER_TASK, end = Math.min(x.rows(), r + ROWS_PER_TASK); r < end; r++) {
                System.arraycopy(bh, j0, acc, 0, width);
                for (int p = x.rowStart()[r]; p < x.rowStart()[r + 1]; p++) {
                    int off = x.colIndex()[p] * width;
                    for (int j = 0; j < width; j++) acc[j] += blk[off + j];
                }
                System.arraycopy(acc, 0, y, r * out + j0, width);
            }
        });
        return Nd4j.create(y, new long[]{x.rows(), out}, 'c');
    }

    /** Columns {@code [j0, j1)} of a row-major {@code [in, out]} matrix, row-major {@code [in, j1-j0]}. */
    private static float[] columns(float[] m, int in, int out, int j0, int j1) {
        int width = j1 - j0;
        float[] b = new float[in * width];
        for (int i = 0; i < in; i++) System.arraycopy(m, i * out + j0, b, i * width, width);
        return b;
    }

    /** {@code gradW += x^T g} for binary x; g {@code [rows, out]}. Tasks own disjoint column blocks. */
    static void accumulateWeightGrad(Csr x, INDArray g, INDArray gradW) {
        int out = (int) g.size(1), in = x.cols();
        float[] gh = heap(g);
        int blocks = (out + BLOCK - 1) / BLOCK;
        float[][] gwb = new float[blocks][];
        IntStream.range(0, blocks).parallel().forEach(k -> {
            int j0 = k * BLOCK, width = Math.min(out, j0 + BLOCK) - j0;
            float[] blk = new float[in * width];
            for (int r = 0; r < x.rows(); r++) {
                int gOff = r * out + j0;
                for (int p = x.rowStart()[r]; p < x.rowStart()[r + 1]; p++) {
                    int off = x.colIndex()[p] * width;
                    for (int j = 0; j < width; j++) blk[off + j] += gh[gOff + j];
                }
            }
            gwb[k] = blk;
        });
        float[] gw = new float[in * out];
        for (int k = 0; k < blocks; k++) {
            int j0 = k * BLOCK, width = Math.min(out, j0 + BLOCK) - j0;
            for (int i = 0; i < in; i++) System.arraycopy(gwb[k], i * width, gw, i * out + j0, width);
        }
        gradW.addi(Nd4j.create(gw, new long[]{in, out}, 'c'));
    }

    static float[] heap(INDArray a) {
        INDArray c = org.snnlab.util.Buffers.dense(a);
        float[] h = new float[(int) c.length()];
        c.data().asNioFloat().get(0, h);
        return h;
    }

}
