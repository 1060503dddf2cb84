package org.snnlab.prune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ghost norms' three paths agree: the ND4J twin (explicit and Gram forms), the fused scalar loop
 * and the SIMD loop, in float, with and without bias; and all equal per-example gradients formed
 * explicitly in double.
 */
class GhostNormsTest {
    static INDArray random(DataType dt, long rows, long cols, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        INDArray a = Nd4j.create(dt, rows, cols);
        for (long i = 0; i < a.length(); i++) a.putScalar(i, density < 1 ? (r.nextDouble() < density ? 1 : 0) : r.nextDouble() - 0.5);
        return a;
    }

    /** {@code ||sum_t e_t [x_t;1]^T||} of example i formed explicitly. */
    static double explicit(INDArray e, INDArray x, int T, int B, int i, boolean bias) {
        INDArray g = Nd4j.zeros(DataType.DOUBLE, e.size(1), x.size(1) + (bias ? 1 : 0));
        for (int t = 0; t < T; t++) {
            INDArray et = e.getRow(t * B + i).castTo(DataType.DOUBLE).reshape(e.size(1), 1);
            INDArray xt = x.getRow(t * B + i).castTo(DataType.DOUBLE).reshape(1, x.size(1));
            if (bias) xt = Nd4j.hstack(xt, Nd4j.ones(DataType.DOUBLE, 1, 1));
            g.addi(et.mmul(xt));
        }
        return g.norm2Number().doubleValue();
    }

    @Test
    void fusedScalarSimdAndNd4jAgreeAndEqualTheExplicitNorms() {
        int T = 5, B = 9;
        for (int[] shape : new int[][]{{3, 40}, {40, 3}, {17, 33}, {5, 56}}) // Gram form, explicit form, either; 56: every SIMD loop branch
            for (boolean bias : new boolean[]{true, false}) {
                INDArray e = random(DataType.FLOAT, T * B, shape[0], 1, 1), x = random(DataType.FLOAT, T * B, shape[1], 0.3, 2);
                double[] nd4j = GhostNorms.norms(Seq.of(e, T), Seq.of(x, T), bias);
                double[][] en = new double[T][B];
                double[] fused = GhostNorms.norms(Seq.of(e, T), Seq.of(x, T), bias, ComputeOptions.defaults().withFused(true).withVector(false), en);
                double[] simd = org.snnlab.util.Simd.AVAILABLE
                        ? GhostNorms.norms(Seq.of(e, T), Seq.of(x, T), bias, ComputeOptions.defaults().withFused(true).withVector(true), null) : fused;
                for (int i = 0; i < B; i++) {
                    double ex = explicit(e, x, T, B, i, bias);
                    assertEquals(ex, nd4j[i], 1e-5 * ex, "nd4j " + java.util.Arrays.toString(shape));
                    assertEquals(ex, fused[i], 1e-5 * ex, "fused " + java.util.Arrays.toString(shape));
                    assertEquals(ex, simd[i], 1e-5 * ex, "simd " + java.util.Arrays.toString(shape));
                    for (int t = 0; t < T; t++) assertEquals(e.getRow(t * B + i).norm2Number().doubleValue(), en[t][i], 1e-5);
                }
            }
    }

    @Test
    void rowSquaresEqualNd4jOnOddAndEvenWidths() {
        for (int n : new int[]{1, 2, 7, 784}) {
            INDArray x = random(DataType.FLOAT, 6, n, 0.5, 3);
            double[] want = x.castTo(DataType.DOUBLE).mul(x.castTo(DataType.DOUBLE)).sum(1).toDoubleVector();
            assertArrayEquals(want, GhostNorms.rowSquares(x), 1e-9, "width " + n);
            assertArrayEquals(want, GhostNorms.rowSquares(x.castTo(DataType.DOUBLE)), 1e-12, "double, width " + n);
        }
    }
}
