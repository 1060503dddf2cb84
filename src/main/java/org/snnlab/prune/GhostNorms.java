package org.snnlab.prune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Seq;
import org.snnlab.util.Buffers;
import org.snnlab.util.Simd;

/**
 * Exact per-example gradient norms of a Dense layer from one batched backward pass, without
 * materialising per-example gradients unless that is the cheaper way ("ghost norms": Goodfellow 2015,
 * arXiv 1510.01799; Li et al. 2022, arXiv 2110.05679). For example i with input rows {@code x_t} and
 * output-gradient rows {@code e_t = dl/dy_t} over the T steps, the layer's gradient is
 * {@code G_i = sum_t e_t [x_t ; 1]^T} (the 1 for the bias), and
 * <pre>
 *   ||G_i||_F^2 = sum_{t,t'} (e_t . e_t') (x_t . x_t' + 1)                 (Gram form, B T^2 (in+out) flops)
 *               = ||E_i^T X_i||_F^2 + ||E_i^T 1||^2                          (explicit form, B T in out flops)
 *   static input (x_t = x): ||G_i|| = ||sum_t e_t|| sqrt(||x||^2 + 1)
 * </pre>
 * whichever form costs fewer flops is computed, with batched matrix products.
 */
public final class GhostNorms {
    private GhostNorms() { }

    /**
     * {@code ||G_i||_F} for each of the B examples.
     *
     * @param grad  dL/d(output) of the layer: {@code [T*B, out]} time-major, or {@code [B, out]} (summed
     *              over time) when the input is static
     * @param input the layer's input, the same layout
     * @param bias  whether the layer has a bias (the {@code + 1} terms)
     */
    public static double[] norms(Seq grad, Seq input, boolean bias) {
        return norms(grad, input, bias, org.snnlab.core.ComputeOptions.defaults().withFused(false), null);
    }

    /**
     * As {@link #norms(Seq, Seq, boolean)}, with the fused CPU loop ({@link GhostGram}, SIMD when
     * {@code compute.vector()}) for float32 time-varying rows when {@code compute.fused()}, else ND4J ops;
     * {@code eNorm[t][i] = ||e_{t,i}||} filled when not null (time-varying gradients only).
     */
    public static double[] norms(Seq grad, Seq input, boolean bias, org.snnlab.core.ComputeOptions compute, double[][] eNorm) {
        int B = input.batch(), T = input.steps();
        if (compute.fused() && !input.isStatic() && grad.data().dataType() == DataType.FLOAT && input.data().dataType() == DataType.FLOAT
                && org.nd4j.linalg.factory.Nd4j.getEnvironment().isCPU()) {
            INDArray g = Buffers.dense(grad.data()), x = Buffers.dense(input.data());
            int out = (int) (g.length() / g.size(0)), in = (int) (x.length() / x.size(0));
            double[] sq = new double[B];
            GhostGram k = compute.vector() && Simd.AVAILABLE ? new GhostGramVector() : new GhostGram();
            k.squares(g.data().asNioFloat(), x.data().asNioFloat(), T, B, out, in, bias, sq, eNorm);
            double[] n = new double[B];
            for (int i = 0; i < B; i++) n[i] = Math.sqrt(sq[i]);
            return n;
        }
        if (eNorm != null && !grad.isStatic()) {
            double[][] r = rowNorms(grad.data(), T, B);
            for (int t = 0; t < T; t++) System.arraycopy(r[t], 0, eNorm[t], 0, B);
        }
        long out = grad.data().length() / grad.data().size(0);
        INDArray g = grad.data().reshape('c', grad.data().size(0), out);
        INDArray x = input.data().reshape('c', input.data().size(0), input.data().length() / input.data().size(0));
        long in = x.size(1);
        double[] sq;
        if (input.isStatic()) {
            double[] ge = g.mul(g).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            double[] xx = x.mul(x).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            sq = new double[B];
            for (int i = 0; i < B; i++) sq[i] = ge[i] * (xx[i] + (bias ? 1 : 0));
        } else {
            INDArray g3 = byExample(g, T, B), x3 = byExample(x, T, B); // [B, T, .]
            if ((double) in * out <= (double) T * (in + out)) {
                INDArray G = Nd4j.matmul(g3, x3, true, false, false); // [B, out, in]
                INDArray s = G.mul(G).sum(1, 2);
                if (bias) {
                    INDArray gs = g3.sum(1);
                    s.addi(gs.mul(gs).sum(1));
                }
                sq = s.castTo(DataType.DOUBLE).toDoubleVector();
            } else {
                INDArray ge = Nd4j.matmul(g3, g3, false, true, false); // [B, T, T]
                INDArray gx = Nd4j.matmul(x3, x3, false, true, false);
                if (bias) gx.addi(1);
                sq = ge.muli(gx).sum(1, 2).castTo(DataType.DOUBLE).toDoubleVector();
            }
        }
        double[] n = new double[B];
        for (int i = 0; i < B; i++) n[i] = Math.sqrt(Math.max(0, sq[i]));
        return n;
    }

    /** {@code [T*B, n]} time-major rows as a C-ordered {@code [B, T, n]} array. */
    static INDArray byExample(INDArray rows, int T, int B) {
        return rows.reshape('c', T, B, rows.size(1)).permute(1, 0, 2).dup('c');
    }

    /** Per (step, example) row norms {@code ||e_{t,i}||} of {@code [T*B, n]} rows as {@code [T][B]}. */
    static double[][] rowNorms(INDArray rows, int T, int B) {
        double[] v = rowSquares(rows);
        double[][] out = new double[T][B];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < B; i++) out[t][i] = Math.sqrt(v[t * B + i]);
        return out;
    }

    /** The squared norm of every row of {@code a} ({@code [rows, ...]}), read straight from its buffer on the CPU. */
    static double[] rowSquares(INDArray a) {
        int rows = (int) a.size(0), n = (int) (a.length() / rows);
        if (!org.nd4j.linalg.factory.Nd4j.getEnvironment().isCPU() || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE))
            return a.reshape('c', rows, n).mul(a.reshape('c', rows, n)).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
        INDArray d = Buffers.dense(a);
        double[] out = new double[rows];
        if (d.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer f = d.data().asNioFloat();
            float[] row = new float[n];
            for (int r = 0; r < rows; r++) {
                f.get(r * n, row, 0, n); // one bulk copy per row, then a loop the JIT keeps in registers
                double s0 = 0, s1 = 0;
                int j = 0;
                for (; j + 1 < n; j += 2) {
                    double p = row[j], q = row[j + 1];
                    s0 += p * p;
                    s1 += q * q;
                }
                if (j < n) s0 += (double) row[j] * row[j];
                out[r] = s0 + s1;
            }
        } else {
            java.nio.DoubleBuffer f = d.data().asNioDouble();
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = r * n, e = j + n; j < e; j++) { double v = f.get(j); s += v * v; }
                out[r] = s;
            }
        }
        return out;
    }
}
