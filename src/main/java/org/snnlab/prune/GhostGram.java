package org.snnlab.prune;

import java.nio.FloatBuffer;

/**
 * The fused CPU loop of {@link GhostNorms}' Gram form for float32 rows: for each example, its T rows
 * of the output gradient e and of the input x are copied into two small scratch arrays and the
 * pairwise dot products {@code e_t . e_t'} and {@code x_t . x_t'} (t <= t') taken there, so that no
 * {@code [B, T, n]} copy and no batched product is made. Returns {@code ||G_i||^2} and, as a by-product,
 * the per-step norms {@code ||e_{t,i}||}. {@link GhostGramVector} is the same loop in SIMD; the ND4J form
 * in {@link GhostNorms} is the twin a test holds both equal to.
 */
class GhostGram {
    /** {@code sq[i] = ||G_i||_F^2}; {@code eNorm[t][i] = ||e_{t,i}||} when not null. */
    void squares(FloatBuffer g, FloatBuffer x, int T, int B, int out, int in, boolean bias, double[] sq, double[][] eNorm) {
        float[] ge = new float[T * out], gx = new float[T * in];
        double[] de = new double[T * T], dx = new double[T * T];
        for (int i = 0; i < B; i++) {
            for (int t = 0; t < T; t++) {
                g.get((t * B + i) * out, ge, t * out, out);
                x.get((t * B + i) * in, gx, t * in, in);
            }
            grams(ge, T, out, de);
            grams(gx, T, in, dx);
            double s = 0;
            for (int t = 0; t < T; t++) {
                s += de[t * T + t] * (dx[t * T + t] + (bias ? 1 : 0));
                for (int u = t + 1; u < T; u++) s += 2 * de[t * T + u] * (dx[t * T + u] + (bias ? 1 : 0));
                if (eNorm != null) eNorm[t][i] = Math.sqrt(de[t * T + t]);
            }
            sq[i] = Math.max(0, s);
        }
    }

    /** {@code d[t*T+u] = rows_t . rows_u} for t <= u of T rows of length n stored one after another. */
    void grams(float[] rows, int T, int n, double[] d) {
        for (int t = 0; t < T; t++)
            for (int u = t; u < T; u++) d[t * T + u] = dot(rows, t * n, u * n, n);
    }

    /** A dot product with four partial sums (instruction-level parallelism). */
    static double dot(float[] a, int oa, int ob, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[oa + j] * a[ob + j];
            s1 += a[oa + j + 1] * a[ob + j + 1];
            s2 += a[oa + j + 2] * a[ob + j + 2];
            s3 += a[oa + j + 3] * a[ob + j + 3];
        }
        for (; j < n; j++) s0 += a[oa + j] * a[ob + j];
        return (double) s0 + s1 + s2 + s3;
    }
}
