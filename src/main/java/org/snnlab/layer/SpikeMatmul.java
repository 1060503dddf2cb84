package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.util.Buffers;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Matrix products with a BINARY, sparse left operand (spike trains), the CPU fast path of
 * {@link Dense}. With {@code x} in {0,1} at density d,
 * <pre>  y[r, :]  = b + sum_{i : x[r,i] = 1} W[i, :]        (y = x W + b)
 *   dW[i, :] += sum_{r : x[r,i] = 1} dY[r, :]           (dW += x^T dY)</pre>
 * are row gathers: d * in additions per output element instead of in multiply-adds. The forward
 * walks x's compressed rows (CSR), the weight gradient its compressed columns (CSC), both as
 * gathers into registers (no scatter). Same results as the GEMMs (the pure ND4J twin, held equal by
 * a test) up to float summation order.
 *
 * <p>Opt-in: {@link ComputeOptions#sparse()} ({@code -Dsnnlab.sparse=true} on the command line); the
 * SIMD gathers of {@link VectorGather} run when {@link ComputeOptions#vector()}, else scalar loops. Measured on the development machine (2 vCPUs,
 * Sapphire Rapids, fc benchmark shapes [3200 x 2312] x [2312 x 512], 10% density): with the Vector
 * API ({@link VectorGather}) the forward gather takes ~46-50 ms and the weight gradient ~60 ms, the
 * same as OpenBLAS' SkylakeX GEMMs (~54 and ~62 ms), plus ~25 ms to build the CSR; the scalar loops
 * take ~250-300 ms each. The gathers are bound by L2 bandwidth (a randomly picked 512-byte W row
 * segment per spike), so they pay off only at lower densities than the benchmark's 10%.
 */
final class SpikeMatmul {
    /** Above this spike density a dense GEMM is faster. */
    static final double MAX_DENSITY = 0.25;
    private static final int ROWS_PER_TASK = 64;
    /** Output columns per block when scalar: a W block of in x 128 floats stays in the core's L2. */
    private static final int SCALAR_BLOCK = 128;

    /** Output columns per task block: the SIMD register block, or {@link #SCALAR_BLOCK}. */
    private static int block(boolean vector) {
        return vector ? VectorGather.BLOCK : SCALAR_BLOCK;
    }

    /** Compressed sparse rows of a binary matrix: the column of every 1, row by row. */
    record Csr(int rows, int cols, int[] rowStart, int[] colIndex) {
        int nnz() { return rowStart[rows]; }

        /** The same matrix by columns: for every column, the rows of its 1s (ascending). */
        Csr transpose() {
            int[] start = new int[cols + 1];
            for (int p = 0; p < nnz(); p++) start[colIndex[p] + 1]++;
            for (int c = 0; c < cols; c++) start[c + 1] += start[c];
            int[] fill = Arrays.copyOf(start, cols), rowIndex = new int[nnz()];
            for (int r = 0; r < rows; r++)
                for (int p = rowStart[r]; p < rowStart[r + 1]; p++) rowIndex[fill[colIndex[p]]++] = r;
            return new Csr(cols, rows, start, rowIndex);
        }
    }

    private SpikeMatmul() { }

    /** The CSR form of {@code x} when the options enable the sparse path and it applies; else null (use the GEMM). */
    static Csr binaryCsr(INDArray x, ComputeOptions compute) {
        return compute.sparse() ? csrOf(x, compute.vector()) : null;
    }

    /**
     * The CSR form of {@code x [rows, cols]} if it is float32, binary and sparse enough; else null.
     * {@code vector}: scan rows with SIMD loops (needs the Vector API module).
     */
    static Csr csrOf(INDArray x, boolean vector) {
        if (x.dataType() != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || x.rank() != 2
                || !Buffers.isDense(x) || x.length() < (1 << 16)) return null;
        int rows = (int) x.size(0), cols = (int) x.size(1);
        FloatBuffer v = x.data().asNioFloat();
        int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int[][] parts = new int[tasks][];
        int[] counts = new int[rows];
        int cap = (int) (MAX_DENSITY * cols * ROWS_PER_TASK) + 1;
        boolean ok = IntStream.range(0, tasks).parallel().allMatch(t -> {
            int r0 = t * ROWS_PER_TASK, r1 = Math.min(rows, r0 + ROWS_PER_TASK);
            float[] chunk = new float[(r1 - r0) * cols];
            v.get(r0 * cols, chunk, 0, chunk.length);
            int[] idx = new int[cap];
            int n = 0;
            for (int r = r0; r < r1; r++) {
                int before = n;
                n = nonZeros(chunk, (r - r0) * cols, cols, idx, n, cap, vector);
                if (n < 0) return false; // not binary, or too dense
                counts[r] = n - before;
            }
            parts[t] = Arrays.copyOf(idx, n);
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

    private static int nonZeros(float[] row, int off, int cols, int[] idx, int n, int cap, boolean vector) {
        if (vector) return VectorGather.nonZeros(row, off, cols, idx, n, cap);
        for (int c = 0; c < cols; c++) {
            float f = row[off + c];
            if (f == 0f) continue;
            if (f != 1f || n == cap) return -1;
            idx[n++] = c;
        }
        return n;
    }

    /** {@code y = x W (+ b)} for binary x; W {@code [in, out]}, result {@code [rows, out]}; SIMD when {@code vector}. */
    static INDArray forward(Csr x, INDArray w, INDArray bias, boolean vector) {
        int out = (int) w.size(1);
        float[] wh = heap(w), bh = bias == null ? null : heap(bias);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), out);
        FloatBuffer yb = y.data().asNioFloat();
        gatherAll(x, wh, out, bh, false, vector, (r, j0, seg, width) -> yb.put(r * out + j0, seg, 0, width));
        return y;
    }

    /** {@code gradW += x^T g} for binary x; g {@code [rows, out]}: a gather over x's columns; SIMD when {@code vector}. */
    static void accumulateWeightGrad(Csr x, INDArray g, INDArray gradW, boolean vector) {
        int out = (int) g.size(1), in = x.cols();
        Csr byColumn = x.transpose();
        float[] gh = heap(g);
        boolean inPlace = gradW.dataType() == DataType.FLOAT && Buffers.isDense(gradW);
        float[] gw = inPlace ? heap(gradW) : new float[in * out];
        gatherAll(byColumn, gh, out, gw, true, vector, (i, j0, seg, width) -> System.arraycopy(seg, 0, gw, i * out + j0, width));
        if (inPlace) gradW.data().asNioFloat().put(0, gw);
        else gradW.addi(Nd4j.create(gw, new long[]{in, out}, 'c').castTo(gradW.dataType()));
    }

    /** Receives one finished row segment {@code seg[0 .. width)} = destination row r, columns from j0. */
    private interface Sink {
        void put(int r, int j0, float[] seg, int width);
    }

    /**
     * For every row r of {@code m} and column block: {@code seg = init[r or 0] + sum_p table[idx[p], block]},
     * tasks over (row chunk, column block) so that a block of the table stays in cache.
     * {@code rowInit}: init is a full matrix indexed by r (else a bias row, or null for zeros).
     */
    private static void gatherAll(Csr m, float[] table, int out, float[] init, boolean rowInit, boolean vector, Sink sink) {
        int blockWidth = block(vector), blocks = (out + blockWidth - 1) / blockWidth, chunks = (m.rows() + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int tableRows = table.length / out;
        float[][] packed = new float[blocks][]; // column blocks, contiguous: no power-of-two-stride cache conflicts
        IntStream.range(0, blocks).parallel().forEach(k ->
                packed[k] = columns(table, tableRows, out, k * blockWidth, Math.min(out, (k + 1) * blockWidth)));
        IntStream.range(0, chunks * blocks).parallel().forEach(task -> {
            int k = task % blocks, j0 = k * blockWidth, width = Math.min(out, j0 + blockWidth) - j0;
            int r0 = (task / blocks) * ROWS_PER_TASK, r1 = Math.min(m.rows(), r0 + ROWS_PER_TASK);
            float[] seg = new float[width];
            for (int r = r0; r < r1; r++) {
                int iOff = rowInit ? r * out + j0 : j0;
                gatherRow(m.colIndex(), m.rowStart()[r], m.rowStart()[r + 1], packed[k], width, 0, width, init, iOff, seg, vector);
                sink.put(r, j0, seg, width);
            }
        });
    }

    /** Columns {@code [j0, j1)} of a row-major {@code [rows, out]} matrix, row-major {@code [rows, j1-j0]}. */
    private static float[] columns(float[] m, int rows, int out, int j0, int j1) {
        int width = j1 - j0;
        float[] b = new float[rows * width];
        for (int i = 0; i < rows; i++) System.arraycopy(m, i * out + j0, b, i * width, width);
        return b;
    }

    private static void gatherRow(int[] idx, int p0, int p1, float[] t, int stride, int col, int width,
                                  float[] init, int iOff, float[] seg, boolean vector) {
        if (vector) {
            VectorGather.gather(idx, p0, p1, t, stride, col, width, init, iOff, seg, 0);
            return;
        }
        if (init == null) Arrays.fill(seg, 0, width, 0f);
        else System.arraycopy(init, iOff, seg, 0, width);
        for (int p = p0; p < p1; p++) {
            int off = idx[p] * stride + col;
            for (int j = 0; j < width; j++) seg[j] += t[off + j];
        }
    }

    static float[] heap(INDArray a) {
        INDArray c = Buffers.dense(a);
        if (c.dataType() != DataType.FLOAT) c = c.castTo(DataType.FLOAT);
        float[] h = new float[(int) c.length()];
        c.data().asNioFloat().get(0, h);
        return h;
    }
}
