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
