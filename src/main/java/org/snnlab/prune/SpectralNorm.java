package org.snnlab.prune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The largest singular value {@code ||W||_2} of a weight matrix by power iteration on
 * {@code W^T W} ({@code v <- W^T W v / ||W^T W v||}, {@code sigma = ||W v||}), warm-started from the
 * previous call's vector so that tracking slowly changing weights costs a few matrix-vector products.
 * Iterates until sigma changes by less than {@code tol} (relative) or {@code maxIter} products.
 * Power iteration approaches sigma from below; {@code tol} keeps that shortfall negligible next to the
 * slack of the bound that uses it.
 */
final class SpectralNorm {
    private final double tol;
    private final int maxIter;
    private double[] v;

    SpectralNorm(double tol, int maxIter) {
        this.tol = tol;
        this.maxIter = maxIter;
    }

    /** {@code ||W||_2} of {@code w} ({@code [in, out]}, any float dtype). */
    double of(INDArray w) {
        int rows = (int) w.size(0), cols = (int) w.size(1);
        INDArray d = org.snnlab.util.Buffers.dense(w);
        double[] a = d.dataType() == DataType.DOUBLE ? d.data().asDouble() : toDouble(d.data().asFloat());
        if (v == null || v.length != cols) {
            v = new double[cols];
            for (int j = 0; j < cols; j++) v[j] = 1 + 0.01 * j; // deterministic, not orthogonal to anything in practice
        }
        if (Math.min(rows, cols) <= SMALL) return viaGram(a, rows, cols);
        double[] u = new double[rows];
        double sigma = 0;
        for (int it = 0; it < maxIter; it++) {
            normalize(v);
            for (int r = 0; r < rows; r++) { // u = W v
                double s = 0;
                int off = r * cols;
                for (int c = 0; c < cols; c++) s += a[off + c] * v[c];
                u[r] = s;
            }
            double next = Math.sqrt(dot(u, u));
            java.util.Arrays.fill(v, 0);
            for (int r = 0; r < rows; r++) { // v = W^T u
                int off = r * cols;
                double ur = u[r];
                for (int c = 0; c < cols; c++) v[c] += a[off + c] * ur;
            }
            boolean done = it > 0 && Math.abs(next - sigma) <= tol * next;
            sigma = next;
            if (done || sigma == 0) break;
        }
        return sigma;
    }

    /** Up to this smaller side the k x k Gram matrix is formed once and iterated on (cheap to converge fully). */
    static final int SMALL = 64;

    /** sigma^2 = the largest eigenvalue of the smaller Gram matrix ({@code W^T W} or {@code W W^T}), by power iteration to 1e-13. */
    private double viaGram(double[] a, int rows, int cols) {
        boolean byCols = cols <= rows;
        int k = byCols ? cols : rows;
        double[] g = new double[k * k];
        if (byCols) {
            for (int r = 0; r < rows; r++) {
                int off = r * cols;
                for (int i = 0; i < cols; i++) {
                    double ai = a[off + i];
                    for (int j = i; j < cols; j++) g[i * k + j] += ai * a[off + j];
                }
            }
        } else {
            for (int i = 0; i < rows; i++)
                for (int j = i; j < rows; j++) g[i * k + j] = dot(a, i * cols, j * cols, cols);
        }
        for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
        if (v == null || v.length != k) {
            v = new double[k];
            for (int j = 0; j < k; j++) v[j] = 1 + 0.01 * j;
        }
        double lambda = 0;
        double[] w = new double[k];
        for (int it = 0; it < 100_000; it++) {
            normalize(v);
            for (int i = 0; i < k; i++) w[i] = dot(g, i * k, v, k);
            double next = Math.sqrt(dot(w, w));
            System.arraycopy(w, 0, v, 0, k);
            boolean done = it > 0 && Math.abs(next - lambda) <= 1e-13 * next;
            lambda = next;
            if (done || lambda == 0) break;
        }
        return Math.sqrt(lambda);
    }

    private static double dot(double[] a, int oa, int ob, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[oa + i] * a[ob + i];
        return s;
    }

    private static double dot(double[] a, int oa, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[oa + i] * b[i];
        return s;
    }

    private static double[] toDouble(float[] f) {
        double[] a = new double[f.length];
        for (int i = 0; i < f.length; i++) a[i] = f[i];
        return a;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void normalize(double[] x) {
        double n = Math.sqrt(dot(x, x));
        if (n > 0) for (int i = 0; i < x.length; i++) x[i] /= n;
    }
}
