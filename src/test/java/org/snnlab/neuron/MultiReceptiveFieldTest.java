package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-receptive-field layer: a hand-checkable window recurrence on a 4x4 map (1 channel, 3x3
 * kernels with only the centre set, so each window-local pixel is a scalar recurrence; a binary input
 * makes the Bernoulli encoder deterministic) for every Omega and grouping, and BPTT against central
 * finite differences (double, smooth spike function, the encoder's sample held fixed by the seed).
 */
class MultiReceptiveFieldTest {
    static final double W1 = 0.6, W2 = 1.0;
    /** Window-local pixel (0,0) sees 1, 1, 0, 1 in the windows TL, TR, BL, BR. */
    static final double[][] X = {
            {1, 0, 1, 1},
            {1, 1, 0, 0},
            {0, 1, 1, 1},
            {1, 0, 1, 1}};

    static MultiReceptiveField handLayer(WindowGrouping g, Projection omega) {
        MultiReceptiveField l = new MultiReceptiveField(1, 1, g, omega, WindowLif.paper(), DataType.DOUBLE, new SplittableRandom(1));
        l.conv1().weight().value().assign(0).putScalar(new long[]{1, 1, 0, 0}, W1);
        l.conv2().weight().value().assign(0).putScalar(new long[]{1, 1, 0, 0}, W2);
        l.conv1().bias().value().assign(0);
        l.conv2().bias().value().assign(0);
        return l;
    }

    static Seq map() {
        return Seq.of(Nd4j.create(X).reshape(1, 1, 4, 4).castTo(DataType.DOUBLE), 1);
    }

    @Test
    void pixelZeroOfTheNonDilatedQuadrantsByHand() {
        // u1 = 0.6, 0.84, 0.336, 0.7344 (0.4 u1 + 0.6 e); u2 = decay * Omega(u1(k-1), u2(k-1)) + s1(k)
        double[] u1 = {0.6, 0.84, 0.336, 0.7344};
        Map<String, double[]> u2 = Map.of(
                "none", new double[]{1, 1.4, 0.56, 1.224},
                "mean", new double[]{1, 1.32, 0.432, 1.1536},
                "sine:0.7853981633974483", new double[]{1, 1.261667, 0.282932, 1.203658});
        for (Projection p : List.of(Projection.none(), Projection.mean(), Projection.sine(Math.PI / 4))) {
            List<MultiReceptiveField.WindowState> st = handLayer(WindowGrouping.NON_DILATED, p).forward(map(), Pass.eval()).states();
            assertEquals(4, st.size());
            for (int k = 0; k < 4; k++) {
                assertEquals(u1[k], st.get(k).u1().getDouble(0, 0, 0, 0), 1e-6, p.describe() + " u1 window " + k);
                assertEquals(u2.get(p.describe())[k], st.get(k).u2().getDouble(0, 0, 0, 0), 1e-6, p.describe() + " u2 window " + k);
                assertEquals(u2.get(p.describe())[k] > 0.5 ? 1 : 0, st.get(k).s2().getDouble(0, 0, 0, 0), p.describe() + " s2 window " + k);
            }
        }
        assertEquals(List.of(new WindowGrouping.Window(0, 0, 2, 2), new WindowGrouping.Window(0, 2, 2, 2),
                new WindowGrouping.Window(2, 0, 2, 2), new WindowGrouping.Window(2, 2, 2, 2)), WindowGrouping.NON_DILATED.windows(4, 4));
        assertEquals(List.of(new WindowGrouping.Window(0, 0, 3, 3), new WindowGrouping.Window(0, 1, 3, 3),
                new WindowGrouping.Window(1, 0, 3, 3), new WindowGrouping.Window(1, 1, 3, 3)), WindowGrouping.DILATED.windows(4, 4));
        assertArrayEquals(new double[]{1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1}, WindowGrouping.DILATED.coverage(4, 4));
    }

    @Test
    void everyGroupingAndOmegaEqualsTheScalarRecurrence() {
        Map<String, DoubleBinaryOperator> om = Map.of("none", (a, b) -> b, "mean", (a, b) -> (a + b) / 2,
                "sine:0.5", (a, b) -> 2 * Math.sin(0.5 * a * Math.cos(0.5 * b)));
        for (WindowGrouping g : WindowGrouping.values())
            for (Projection p : List.of(Projection.none(), Projection.mean(), Projection.sine(0.5))) {
                MultiReceptiveField.Trace tr = handLayer(g, p).forward(map(), Pass.eval());
                double[][] expected = reference(g, om.get(p.describe()), tr.states(), p.describe());
                INDArray out = tr.output().data();
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++)
                        assertEquals(expected[i][j], out.getDouble(0, 0, i, j), 1e-9, g + " " + p.describe() + " output " + i + "," + j);
            }
    }

    /** The recurrence in plain doubles, pixel by pixel; checks the membranes and spikes of every window; returns the merged map. */
    static double[][] reference(WindowGrouping g, DoubleBinaryOperator omega, List<MultiReceptiveField.WindowState> st, String what) {
        List<WindowGrouping.Window> wins = g.windows(4, 4);
        int h = wins.get(0).height(), w = wins.get(0).width();
        double[][] m1 = new double[h][w], m2 = new double[h][w], sum = new double[4][4], cnt = new double[4][4];
        for (int k = 0; k < wins.size(); k++) {
            WindowGrouping.Window win = wins.get(k);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    double e = X[win.row() + i][win.col() + j];
                    double u1 = W1 * e + (k == 0 ? 0 : 0.4 * m1[i][j]);
                    double s1 = u1 > 0.5 ? 1 : 0;
                    double u2 = W2 * s1 + (k == 0 ? 0 : 0.4 * omega.applyAsDouble(m1[i][j], m2[i][j]));
                    double s2 = u2 > 0.5 ? 1 : 0;
                    String at = g + " " + what + " window " + k + " pixel " + i + "," + j;
                    assertEquals(u1, st.get(k).u1().getDouble(0, 0, i, j), 1e-9, at + " u1");
                    assertEquals(s1, st.get(k).s1().getDouble(0, 0, i, j), at + " s1");
                    assertEquals(u2, st.get(k).u2().getDouble(0, 0, i, j), 1e-9, at + " u2");
                    assertEquals(s2, st.get(k).s2().getDouble(0, 0, i, j), at + " s2");
                    m1[i][j] = u1;
                    m2[i][j] = u2;
                    sum[win.row() + i][win.col() + j] += s2;
                    cnt[win.row() + i][win.col() + j]++;
                }
        }
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) sum[i][j] /= cnt[i][j];
        return sum;
    }

    @Test
    void aMapTheGroupingCannotSplitIsRefusedInOneLine() {
        MultiReceptiveField l = handLayer(WindowGrouping.NON_DILATED, Projection.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(Seq.of(Nd4j.zeros(DataType.DOUBLE, 1, 1, 5, 5), 1), Pass.eval()));
        assertEquals("non-dilated grouping needs an even map side >= 2, got 5x5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.outputShape(new long[]{1, 3, 4}));
        e = assertThrows(IllegalArgumentException.class, () -> WindowGrouping.DILATED.windows(1, 1));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains("1x1"));
        assertEquals("--omega must be sine[:THETA], mean or none, got 'sin'",
                assertThrows(IllegalArgumentException.class, () -> Projection.parse("sin")).getMessage());
        assertEquals("sine:0.3", Projection.parse("sine:0.3").describe());
        assertEquals("sine:" + Math.PI / 4, Projection.parse("sine").describe());
    }

    @Test
    void bpttMatchesFiniteDifferencesForEveryOmegaAndGrouping() {
        WindowLif smooth = WindowLif.paper().withSurrogate(Surrogates.sigmoid(4)).withSpikeFn(SpikeFn.SMOOTH);
        for (WindowGrouping g : WindowGrouping.values())
            for (Projection p : List.of(Projection.none(), Projection.mean(), Projection.sine(Math.PI / 4)))
                for (int T : new int[]{1, 2}) {
                    if (T == 2 && g == WindowGrouping.DILATED) continue; // the step-boundary reset is the same code for every grouping
                    MultiReceptiveField l = new MultiReceptiveField(2, 2, g, p, smooth, DataType.DOUBLE, new SplittableRandom(3));
                    INDArray x = GradCheck.random(new long[]{(long) T * 2, 2, 4, 4}, 5).muli(0.5).addi(0.5);
                    Map<String, Double> errs = GradCheck.check(l, Seq.of(x, T), 7, true);
                    assertEquals(5, errs.size(), "input and the four convolution tensors");
                    errs.forEach((k, v) -> assertTrue(v < 1e-6, g + " " + p.describe() + " T=" + T + " " + k + " rel error " + v));
                }
    }
}
