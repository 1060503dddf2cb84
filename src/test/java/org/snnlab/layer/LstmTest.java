package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LSTM: its recurrence against a plain-double reference (both directions), and BPTT against central finite differences. */
class LstmTest {
    static final DataType D = DataType.DOUBLE;

    @Test
    void bothDirectionsEqualTheScalarRecurrence() {
        Lstm l = new Lstm(3, 2, true, D, new SplittableRandom(11));
        INDArray x = GradCheck.random(new long[]{2, 4, 3}, 12);
        INDArray y = l.forward(Seq.of(x, 1), Pass.eval()).output().data();
        assertEquals(4, y.size(2));
        for (int d = 0; d < 2; d++) {
            double[][] wih = l.params().get(3 * d).value().toDoubleMatrix(), whh = l.params().get(3 * d + 1).value().toDoubleMatrix();
            double[] b = l.params().get(3 * d + 2).value().toDoubleVector();
            for (int row = 0; row < 2; row++) {
                double[] h = new double[2], c = new double[2];
                for (int k = 0; k < 4; k++) {
                    int t = d == 0 ? k : 3 - k;
                    double[] z = b.clone();
                    for (int q = 0; q < 8; q++) {
                        for (int i = 0; i < 3; i++) z[q] += x.getDouble(row, t, i) * wih[i][q];
                        for (int j = 0; j < 2; j++) z[q] += h[j] * whh[j][q];
                    }
                    for (int j = 0; j < 2; j++) {
                        double ig = sig(z[j]), fg = sig(z[2 + j]), gg = Math.tanh(z[4 + j]), og = sig(z[6 + j]);
                        c[j] = fg * c[j] + ig * gg;
                        h[j] = og * Math.tanh(c[j]);
                    }
                    for (int j = 0; j < 2; j++) assertEquals(h[j], y.getDouble(row, t, 2 * d + j), 1e-12, "dir " + d + " row " + row + " token " + t);
                }
            }
        }
    }

    static double sig(double v) { return 1 / (1 + Math.exp(-v)); }

    @Test
    void bpttMatchesFiniteDifferences() {
        for (boolean bi : new boolean[]{false, true}) {
            Lstm l = new Lstm(3, 2, bi, D, new SplittableRandom(2));
            Map<String, Double> errs = GradCheck.check(l, Seq.of(GradCheck.random(new long[]{4, 4, 3}, 3).muli(1.5), 2), 4, true);
            assertEquals(bi ? 7 : 4, errs.size());
            errs.forEach((k, v) -> assertTrue(v < 1e-7, "bidirectional=" + bi + " " + k + " rel error " + v));
            Map<String, Double> st = GradCheck.check(l, Seq.constant(GradCheck.random(new long[]{2, 1, 3}, 5), 3), 6, true);
            st.forEach((k, v) -> assertTrue(v < 1e-7, "one token, static, bidirectional=" + bi + " " + k + " rel error " + v));
        }
    }

    @Test
    void theFusedCellEqualsTheNd4jPath() {
        for (boolean bi : new boolean[]{false, true}) {
            Lstm l = new Lstm(3, 5, bi, DataType.FLOAT, new SplittableRandom(8));
            INDArray x = GradCheck.random(new long[]{4, 6, 3}, 9).castTo(DataType.FLOAT), g = GradCheck.random(new long[]{4, 6, bi ? 10 : 5}, 10).castTo(DataType.FLOAT);
            INDArray[] out = new INDArray[2], gx = new INDArray[2];
            java.util.List<INDArray[]> grads = new java.util.ArrayList<>();
            for (int f = 0; f < 2; f++) {
                for (var p : l.params()) p.zeroGrad();
                Pass pass = new Pass(true, new SplittableRandom(1), null, org.snnlab.core.ComputeOptions.defaults().withFused(f == 0));
                var fw = l.forward(Seq.of(x, 1), pass);
                out[f] = fw.output().data().dup();
                gx[f] = fw.backward(Seq.of(g.dup(), 1), true).data();
                grads.add(l.params().stream().map(p -> p.grad().dup()).toArray(INDArray[]::new));
            }
            assertTrue(out[0].equalsWithEps(out[1], 1e-5), "outputs");
            assertTrue(gx[0].equalsWithEps(gx[1], 1e-5), "input gradients");
            for (int i = 0; i < grads.get(0).length; i++)
                assertTrue(grads.get(0)[i].equalsWithEps(grads.get(1)[i], 1e-4), l.params().get(i).name());
        }
    }

    @Test
    void countsAccumulatesOnSpikesAndMacsOnTheRecurrence() {
        Lstm l = new Lstm(3, 2, true, D, new SplittableRandom(1));
        INDArray spikes = GradCheck.random(new long[]{4 * 2, 3}, 2).gt(0).castTo(D); // L=4 tokens, N=2 rows
        var o = l.ops(spikes, 2, 4);
        double nnz = spikes.sumNumber().doubleValue();
        assertEquals(nnz * 8 * 2, o.accumulates(), 1e-9);
        assertEquals(2 * (3 * 2 * 2 * 8 + 3 * 4 * 2 * 2), o.multiplyAccumulates(), 1e-9);
        assertEquals(2 * (4 * 2 * 3 * 8) + o.multiplyAccumulates(), o.annMultiplyAccumulates(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> l.forward(Seq.of(GradCheck.random(new long[]{2, 4, 5}, 1), 1), Pass.eval()));
    }
}
