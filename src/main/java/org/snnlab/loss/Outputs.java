package org.snnlab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;
import org.snnlab.util.Buffers;

import java.nio.FloatBuffer;

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
     * {@link #sumOverTime} as doubles, row-major {@code [B * C]}: for a dense float32 CPU output a sum in
     * double over the raw buffer (spike counts are exact either way); otherwise the ND4J product cast
     * to double ({@link #countsOverTimeNd4j}, the twin a test holds it equal to).
     */
    static double[] countsOverTime(Seq out) {
        INDArray d = out.data();
        if (d.dataType() != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || !Buffers.isDense(d) || d.length() > Integer.MAX_VALUE)
            return countsOverTimeNd4j(out);
        float[] v = new float[(int) d.length()];
        d.data().asNioFloat().get(0, v);
        int rows = out.isStatic() ? 1 : out.steps(), n = v.length / rows;
        double[] sum = new double[n];
        for (int t = 0; t < rows; t++)
            for (int i = 0, o = t * n; i < n; i++) sum[i] += v[o + i];
        if (out.isStatic()) for (int i = 0; i < n; i++) sum[i] = (float) (v[i] * (float) out.steps()); // as the twin: a float product
        return sum;
    }

    /** {@link #countsOverTime} by ND4J ops: any dtype and backend. */
    static double[] countsOverTimeNd4j(Seq out) {
        return sumOverTime(out).castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * A {@code [B, C]} gradient given as row-major doubles, in {@code dtype}, repeated at every step
     * ({@link #everyStep(INDArray, int)}); a float32 CPU gradient is written straight into the new buffer.
     */
    static Seq everyStep(double[] g, int batch, int classes, int steps, DataType dtype) {
        if (dtype != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || (long) g.length * steps > Integer.MAX_VALUE)
            return everyStep(Nd4j.createFromArray(g).reshape(batch, classes).castTo(dtype), steps);
        float[] row = new float[g.length];
        for (int i = 0; i < g.length; i++) row[i] = (float) g[i];
        return repeated(row, batch, classes, steps);
    }

    /** {@code [B, C]} floats (row-major) written {@code steps} times into a new {@code [T*B, C]} array. */
    private static Seq repeated(float[] g, long batch, long classes, int steps) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, batch * steps, classes);
        FloatBuffer b = out.data().asNioFloat();
        for (int t = 0; t < steps; t++) b.put(t * g.length, g, 0, g.length);
        return Seq.of(out, steps);
    }

    /**
     * A {@code [B, C]} gradient repeated at every step as a time-varying {@code [T*B, C]} gradient (the T
     * blocks of B rows are the time-major steps). A dense float32 CPU gradient is copied T times
     * straight into the new buffer ({@code Nd4j.tile} took ~0.6 ms for 25 x 128 x 10 floats, a third of a
     * step's loss); otherwise one native tile op ({@link #everyStepNd4j}, the twin a test holds it equal to).
     */
    static Seq everyStep(INDArray g, int steps) {
        if (steps == 1) return Seq.of(g, 1);
        if (g.dataType() != DataType.FLOAT || !Nd4j.getEnvironment().isCPU() || !Buffers.isDense(g)
                || g.length() * steps > Integer.MAX_VALUE) return everyStepNd4j(g, steps);
        float[] row = new float[(int) g.length()];
        g.data().asNioFloat().get(0, row);
        return repeated(row, g.size(0), g.size(1), steps);
    }

    /** {@link #everyStep} by ND4J's tile op: any dtype and backend. */
    static Seq everyStepNd4j(INDArray g, int steps) {
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
        return argmax(m.castTo(DataType.DOUBLE).data().asDouble(), (int) m.size(0), (int) m.size(1));
    }

    /** Row-wise argmax of row-major {@code v [b * c]} (first maximum on ties). */
    static int[] argmax(double[] v, int b, int c) {
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
