package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RNN variant of the multi-receptive-field mixer: its window recurrence with the code's pairing
 * ((1,2), (1',2), (3,2'), (4,3')) against plain doubles on a 4x4 map (a binary input makes the Bernoulli
 * encoder deterministic; the LSTM's currents are taken from the LSTM on each window's tokens, which
 * {@code LstmTest} checks), for every Omega and grouping; and BPTT through the spikes and the handed-on
 * membrane against central finite differences (double, smooth spike function, the sample held fixed).
 */
class MultiReceptiveFieldRnnTest {
    static final DataType D = DataType.DOUBLE;
    static final double[][] X = {{1, 0, 1, 1}, {1, 1, 0, 0}, {0, 1, 1, 1}, {1, 0, 1, 1}};
    static final Map<String, DoubleBinaryOperator> OMEGA = Map.of("none", (a, b) -> Double.NaN, "mean", (a, b) -> (a + b) / 2,
            "sine:0.7853981633974483", (a, b) -> 2 * Math.sin(Math.PI / 4 * a * Math.cos(Math.PI / 4 * b)));

    static INDArray map() { return Nd4j.create(X).reshape(1, 1, 4, 4).castTo(D); }

    @Test
    void everyGroupingAndOmegaEqualsTheWindowRecurrenceWithTheCodesPairing() {
        INDArray m0 = GradCheck.random(new long[]{1, 2, 4, 4}, 3).muli(0.8);
        for (WindowGrouping g : WindowGrouping.values())
            for (Projection p : List.of(Projection.none(), Projection.mean(), Projection.sine(Math.PI / 4))) {
                MultiReceptiveFieldRnn l = new MultiReceptiveFieldRnn(1, 1, g, p, WindowLif.paper(), D, new SplittableRandom(2));
                MultiReceptiveFieldRnn.Step st = l.forward(map(), m0, Pass.eval());
                boolean plain = g == WindowGrouping.WHOLE || p.describe().equals("none");
                List<WindowGrouping.Window> wins = g.windows(4, 4);
                double[][][] u = new double[wins.size()][][];
                double[][][] sum = new double[2][4][4], memSum = new double[2][4][4];
                double[][] cnt = new double[4][4];
                for (int k = 0; k < wins.size(); k++) {
                    WindowGrouping.Window w = wins.get(k);
                    INDArray cur = current(l, w);
                    u[k] = new double[2][w.height() * w.width()];
                    for (int c = 0; c < 2; c++)
                        for (int i = 0; i < w.height(); i++)
                            for (int j = 0; j < w.width(); j++) {
                                int t = i * w.width() + j;
                                double own = m0.getDouble(0, c, w.row() + i, w.col() + j), carried;
                                if (plain) carried = own;
                                else {
                                    WindowGrouping.Window w1 = wins.get(1);
                                    double m2 = m0.getDouble(0, c, w1.row() + i, w1.col() + j);
                                    double a = k == 1 ? u[0][c][t] : own, b = k <= 1 ? m2 : u[k - 1][c][t];
                                    carried = OMEGA.get(p.describe()).applyAsDouble(a, b);
                                }
                                u[k][c][t] = 0.4 * carried + cur.getDouble(0, t, c);
                                double s = u[k][c][t] > 0.5 ? 1 : 0;
                                String at = g + " " + p.describe() + " window " + k + " channel " + c + " pixel " + i + "," + j;
                                assertEquals(u[k][c][t], st.states().get(k).u().getDouble(0, c, i, j), 1e-12, at + " u");
                                assertEquals(s, st.states().get(k).s().getDouble(0, c, i, j), at + " s");
                                sum[c][w.row() + i][w.col() + j] += s;
                                memSum[c][w.row() + i][w.col() + j] += u[k][c][t];
                                if (c == 0) cnt[w.row() + i][w.col() + j]++;
                            }
                }
                for (int c = 0; c < 2; c++)
                    for (int i = 0; i < 4; i++)
                        for (int j = 0; j < 4; j++) {
                            assertEquals(sum[c][i][j] / cnt[i][j], st.spikes().getDouble(0, c, i, j), 1e-12, g + " " + p.describe() + " merged spikes");
                            assertEquals(memSum[c][i][j] / cnt[i][j], st.membrane().getDouble(0, c, i, j), 1e-12, g + " " + p.describe() + " merged membrane");
                        }
            }
    }

    /** The LSTM's output on window {@code w}'s tokens of the binary map, row-major: {@code [1, L, 2]}. */
    static INDArray current(MultiReceptiveFieldRnn l, WindowGrouping.Window w) {
        INDArray tok = Nd4j.zeros(D, 1, w.height() * w.width(), 1);
        for (int i = 0; i < w.height(); i++)
            for (int j = 0; j < w.width(); j++) tok.putScalar(new long[]{0, i * w.width() + j, 0}, X[w.row() + i][w.col() + j]);
        return l.lstm().forward(Seq.of(tok, 1), Pass.eval()).output().data();
    }

    @Test
    void bpttThroughSpikesAndTheHandedOnMembraneMatchesFiniteDifferences() {
        WindowLif smooth = WindowLif.paper().withSurrogate(Surrogates.sigmoid(4)).withSpikeFn(SpikeFn.SMOOTH);
        for (WindowGrouping g : WindowGrouping.values())
            for (Projection p : List.of(Projection.none(), Projection.mean(), Projection.sine(Math.PI / 4))) {
                if (g == WindowGrouping.WHOLE && !p.describe().equals("none")) continue; // the whole map carries its own membrane whatever Omega
                MultiReceptiveFieldRnn l = new MultiReceptiveFieldRnn(2, 1, g, p, smooth, D, new SplittableRandom(5));
                INDArray x = GradCheck.random(new long[]{1, 2, 4, 4}, 6).muli(0.5).addi(0.5);
                INDArray m = GradCheck.random(new long[]{1, 2, 4, 4}, 7);
                INDArray r1 = GradCheck.random(new long[]{1, 2, 4, 4}, 8), r2 = GradCheck.random(new long[]{1, 2, 4, 4}, 9);
                ToDoubleFunction<INDArray> loss = any -> {
                    MultiReceptiveFieldRnn.Step s = l.forward(x, m, new Pass(true, new SplittableRandom(11), null));
                    return s.spikes().mul(r1).sumNumber().doubleValue() + s.membrane().mul(r2).sumNumber().doubleValue();
                };
                for (Param q : l.params()) q.zeroGrad();
                INDArray gm = l.forward(x, m, new Pass(true, new SplittableRandom(11), null)).backward(r1.dup(), r2.dup());
                String what = g + " " + p.describe();
                double e = GradCheck.relError(gm, GradCheck.numeric(m, loss));
                assertTrue(e < 1e-6, what + " membrane-in rel error " + e);
                for (Param q : l.params()) {
                    double eq = GradCheck.relError(q.grad(), GradCheck.numeric(q.value(), loss));
                    assertTrue(eq < 1e-6, what + " " + q.name() + " rel error " + eq);
                }
                assertTrue(gm.norm2Number().doubleValue() > 0, what + ": the membrane carries a gradient");
            }
        MultiReceptiveFieldRnn first = new MultiReceptiveFieldRnn(1, 1, WindowGrouping.NON_DILATED, Projection.mean(), WindowLif.paper(), D, new SplittableRandom(1));
        assertNull(first.forward(map(), null, Pass.eval()).backward(Nd4j.ones(D, 1, 2, 4, 4), null), "a first block has no membrane to send a gradient to");
    }
}
