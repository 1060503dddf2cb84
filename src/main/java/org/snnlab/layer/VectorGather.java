package org.snnlab.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loops of {@link SpikeMatmul}, written with the (incubating) Java Vector API so that
 * C2 emits AVX-512/AVX2 adds. Only loaded when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and {@link org.snnlab.core.ComputeOptions#vector()} is on;
 * otherwise the scalar loops run instead. Every routine is a "row gather": a destination row segment is the sum of table row
 * segments picked by an index list,
 * <pre>  dst[j0 .. j0+w) = init[j0 .. j0+w) + sum_{p in [p0, p1)} table[idx[p] * stride + j0 .. + w)</pre>
 * held in 8 vector registers per block of {@code 8 * lanes} columns, so each picked row costs 8
 * loads and 8 adds and the destination is written once.
 */
final class VectorGather {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per register block: 8 accumulators. */
    static final int BLOCK = 8 * L;

    private VectorGather() { }

    /**
     * {@code dst[dOff + j] = (init == null ? 0 : init[iOff + j]) + sum_p table[idx[p] * stride + col + j]}
     * for {@code j < width}.
     */
    static void gather(int[] idx, int p0, int p1, float[] table, int stride, int col, int width,
                       float[] init, int iOff, float[] dst, int dOff) {
        int j = 0;
        for (; j + BLOCK <= width; j += BLOCK) gather8(idx, p0, p1, table, stride, col + j, init, iOff + j, dst, dOff + j);
        for (; j + 4 * L <= width; j += 4 * L) gather4(idx, p0, p1, table, stride, col + j, init, iOff + j, dst, dOff + j);
        for (; j + L <= width; j += L) gather1(idx, p0, p1, table, stride, col + j, init, iOff + j, dst, dOff + j);
        for (; j < width; j++) {
            float s = init == null ? 0f : init[iOff + j];
            for (int p = p0; p < p1; p++) s += table[idx[p] * stride + col + j];
            dst[dOff + j] = s;
        }
    }

    private static FloatVector start(float[] init, int off) {
        return init == null ? FloatVector.zero(S) : FloatVector.fromArray(S, init, off);
    }

    private static void gather8(int[] idx, int p0, int p1, float[] t, int stride, int col,
                                float[] init, int iOff, float[] dst, int dOff) {
        FloatVector a0 = start(init, iOff), a1 = start(init, iOff + L), a2 = start(init, iOff + 2 * L),
                a3 = start(init, iOff + 3 * L), a4 = start(init, iOff + 4 * L), a5 = start(init, iOff + 5 * L),
                a6 = start(init, iOff + 6 * L), a7 = start(init, iOff + 7 * L);
        for (int p = p0; p < p1; p++) {
            int o = idx[p] * stride + col;
            a0 = a0.add(FloatVector.fromArray(S, t, o));
            a1 = a1.add(FloatVector.fromArray(S, t, o + L));
            a2 = a2.add(FloatVector.fromArray(S, t, o + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, t, o + 3 * L));
            a4 = a4.add(FloatVector.fromArray(S, t, o + 4 * L));
            a5 = a5.add(FloatVector.fromArray(S, t, o + 5 * L));
            a6 = a6.add(FloatVector.fromArray(S, t, o + 6 * L));
            a7 = a7.add(FloatVector.fromArray(S, t, o + 7 * L));
        }
        a0.intoArray(dst, dOff);
        a1.intoArray(dst, dOff + L);
        a2.intoArray(dst, dOff + 2 * L);
        a3.intoArray(dst, dOff + 3 * L);
        a4.intoArray(dst, dOff + 4 * L);
        a5.intoArray(dst, dOff + 5 * L);
        a6.intoArray(dst, dOff + 6 * L);
        a7.intoArray(dst, dOff + 7 * L);
    }

    private static void gather4(int[] idx, int p0, int p1, float[] t, int stride, int col,
                                float[] init, int iOff, float[] dst, int dOff) {
        FloatVector a0 = start(init, iOff), a1 = start(init, iOff + L), a2 = start(init, iOff + 2 * L),
                a3 = start(init, iOff + 3 * L);
        for (int p = p0; p < p1; p++) {
            int o = idx[p] * stride + col;
            a0 = a0.add(FloatVector.fromArray(S, t, o));
            a1 = a1.add(FloatVector.fromArray(S, t, o + L));
            a2 = a2.add(FloatVector.fromArray(S, t, o + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, t, o + 3 * L));
        }
        a0.intoArray(dst, dOff);
        a1.intoArray(dst, dOff + L);
        a2.intoArray(dst, dOff + 2 * L);
        a3.intoArray(dst, dOff + 3 * L);
    }

    private static void gather1(int[] idx, int p0, int p1, float[] t, int stride, int col,
                                float[] init, int iOff, float[] dst, int dOff) {
        FloatVector a = start(init, iOff);
        for (int p = p0; p < p1; p++) a = a.add(FloatVector.fromArray(S, t, idx[p] * stride + col));
        a.intoArray(dst, dOff);
    }

    /**
     * Appends to {@code idx} (from {@code n}) the column of every non-zero of {@code row[off .. off+cols)}
     * and returns the new count, or -1 when a value other than 0 and 1 occurs or more than
     * {@code cap - n} non-zeros would be needed.
     */
    static int nonZeros(float[] row, int off, int cols, int[] idx, int n, int cap) {
        int c = 0;
        for (; c + L <= cols; c += L) {
            FloatVector v = FloatVector.fromArray(S, row, off + c);
            VectorMask<Float> nz = v.compare(VectorOperators.NE, 0f);
            if (!nz.anyTrue()) continue;
            if (nz.and(v.compare(VectorOperators.NE, 1f)).anyTrue()) return -1;
            long bits = nz.toLong();
            if (n + Long.bitCount(bits) > cap) return -1;
            while (bits != 0) {
                idx[n++] = c + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        for (; c < cols; c++) {
            float f = row[off + c];
            if (f == 0f) continue;
            if (f != 1f || n == cap) return -1;
            idx[n++] = c;
        }
        return n;
    }
}
