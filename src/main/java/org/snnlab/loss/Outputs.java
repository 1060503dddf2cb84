package org.snnlab.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;

/** Shared helpers for losses on multi-step outputs. */
final class Outputs {
    private Outputs() { }

    /** Sum over the T steps of a {@code [T*B, C]} output: {@code [B, C]} (a GEMV, not a slow column sum). */
    static INDArray sumOverTime(Seq out) {
        INDArray d = out.data();
        long c = d.size(d.rank() - 1);
        if (out.isStatic()) return d.reshape('c', d.size(0), c).mul(out.steps());
        int b = out.batch(), t = out.steps();
        INDArray flat = d.reshape('c', t, (long) b * c);
        return Nd4j.ones(d.dataType(), 1, t).mmul(flat).reshape('c', b, c);
    }

    /**
     * A {@code [B, C]} gradient repeated at every step as a time-varying {@code [T*B, C]} gradient: one
     * native tile op (the T blocks of B rows are the time-major steps), no Java loop.
     */
    static Seq everyStep(INDArray g, int steps) {
        return Seq.of(steps == 1 ? g : Nd4j.tile(g, steps, 1), steps);
    }

    /** Validates labels against batch size and class count, naming the bad index and value. */
    static void checkLabels(int[] labels, int batch, long classes) {
        if (labels == null || labels.length != batch)
            throw new IllegalArgumentException("expected " + batch + " labels, got " + (labels == null ? "null" : labels.length));
        for (int i = 0; i < labels.length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new IllegalArgumentException("label[" + i + "] = " + labels[i] + " is outside [0, " + classes + ")");
    }

    static void checkWeights(double[] w, int batch) {
        if (w != null && w.length != batch)
            throw new IllegalArgumentException("expected " + batch + " example weights, got " + w.length);
    }

    static double weight(double[] w, int i) {
        return w == null ? 1.0 : w[i];
    }

    /** Row-wise argmax (first maximum on ties). */
    static int[] argmax(INDArray m) {
        int b = (int) m.size(0), c = (int) m.size(1);
        double[] v = m.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        int[] out = new int[b];
        for (int i = 0; i < b; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (v[i * c + j] > v[i * c + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /** Numerically stable softmax cross-entropy of each row: returns {loss per row, dL/dz per row}. */
    static double[] softmaxCe(double[] z, int c, int label, double[] gradOut, int off, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) max = Math.max(max, z[off + j]);
        double sum = 0;
        for (int j = 0; j < c; j++) sum += Math.exp(z[off + j] - max);
        double logSum = Math.log(sum) + max;
        for (int j = 0; j < c; j++)
            gradOut[off + j] = scale * (Math.exp(z[off + j] - logSum) - (j == label ? 1 : 0));
        return new double[]{logSum - z[off + label]};
    }
}
