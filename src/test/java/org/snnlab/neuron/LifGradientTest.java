package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Pass;
import org.snnlab.model.Seq;
import org.snnlab.testing.GradCheck;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 2: BPTT of the LIF layer against central finite differences (double, smooth spike function so
 * that the surrogate IS the derivative), and the fused kernel against its pure-ND4J twin.
 */
class LifGradientTest {
    static final Surrogate SMOOTH = Surrogates.sigmoid(4);

    static LifConfig smooth(ResetMode r) {
        return LifConfig.of(0.8, 1.0).withReset(r).withSurrogate(SMOOTH).withSpikeFn(SpikeFn.SMOOTH)
                .withLearnThreshold(true).withLearnBeta(true);
    }

    static Seq input(boolean isStatic, int T, int B, int N, long seed) {
        INDArray x = GradCheck.random(isStatic ? new long[]{B, N} : new long[]{(long) T * B, N}, seed).muli(1.5).addi(0.5);
        return new Seq(x, T, isStatic);
    }

    static void assertSmall(Map<String, Double> errs) {
        errs.forEach((k, v) -> System.out.printf("gradcheck Lif %s %.2e%n", k, v));
        errs.forEach((k, v) -> assertTrue(v < 1e-6, k + " rel error " + v));
    }

    @Test
    void everyResetModeOutputAndInputLayoutMatchesFiniteDifferences() {
        for (ResetMode r : ResetMode.values())
            for (LifConfig.Output o : LifConfig.Output.values())
                for (boolean st : new boolean[]{false, true}) {
                    Lif lif = new Lif(3, smooth(r).withOutput(o), DataType.DOUBLE);
                    Map<String, Double> e = GradCheck.check(lif, input(st, 5, 2, 3, 11), 3, true);
                    assertEquals(3, e.size(), "input, threshold and beta checked");
                    assertSmall(e);
                }
    }

    @Test
    void fastSigmoidSurrogateAlsoChecks() {
        LifConfig cfg = smooth(ResetMode.SUBTRACT).withSurrogate(Surrogates.fastSigmoid(2));
        assertSmall(GradCheck.check(new Lif(3, cfg, DataType.DOUBLE), input(false, 6, 2, 3, 5), 1, true));
    }

    @Test
    void detachedResetIsNotTheTrueGradientSoTheCheckBites() {
        LifConfig cfg = smooth(ResetMode.SUBTRACT).withDetachReset(true).withLearnBeta(false).withLearnThreshold(false);
        double err = GradCheck.check(new Lif(3, cfg, DataType.DOUBLE), input(false, 6, 2, 3, 5), 1, true).get("input");
        assertTrue(err > 1e-3, "detaching the reset changes the gradient, error " + err);
    }

    @Test
    void fusedKernelEqualsNd4jTwin() {
        int T = 7, B = 37, N = 50;
        for (ResetMode r : ResetMode.values())
            for (boolean detach : new boolean[]{false, true})
                for (boolean st : new boolean[]{false, true})
                    for (SpikeFn f : SpikeFn.values())
                        for (LifConfig.Output o : LifConfig.Output.values()) {
                            LifConfig cfg = LifConfig.of(0.85, 0.7).withReset(r).withDetachReset(detach).withSpikeFn(f)
                                    .withOutput(o).withSurrogate(Surrogates.fastSigmoid(5)).withLearnBeta(true).withLearnThreshold(true);
                            compare(cfg, input(st, T, B, N, 17).data().castTo(DataType.FLOAT), T, st, r + "/" + detach + "/" + st + "/" + f + "/" + o);
                        }
    }

    static void compare(LifConfig cfg, INDArray x, int T, boolean st, String what) {
        Seq in = new Seq(x, T, st);
        Lif fused = new Lif(50, cfg, DataType.FLOAT).withKernel(new FusedLifKernel());
        Lif twin = new Lif(50, cfg, DataType.FLOAT).withKernel(new Nd4jLifKernel());
        var ff = fused.forward(in, Pass.eval());
        var ft = twin.forward(in, Pass.eval());
        assertClose(ft.output().data(), ff.output().data(), what + " output");
        INDArray g = GradCheck.random(ff.output().data().shape(), 4).castTo(DataType.FLOAT);
        Seq gf = ff.backward(Seq.of(g.dup(), T), true), gt = ft.backward(Seq.of(g.dup(), T), true);
        assertClose(gt.data(), gf.data(), what + " input grad");
        for (int i = 0; i < 2; i++)
            assertClose(twin.params().get(i).grad(), fused.params().get(i).grad(), what + " " + twin.params().get(i).name());
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        double err = GradCheck.relError(actual.castTo(DataType.DOUBLE), expected.castTo(DataType.DOUBLE));
        assertTrue(err < 1e-5, what + ": rel error " + err);
    }

    @Test
    void surrogatesMatchTheirPrimitivesAndTheirNd4jForm() {
        Surrogate[] all = {Surrogates.fastSigmoid(25), Surrogates.atan(2), Surrogates.sigmoid(5), Surrogates.triangle(1),
                Surrogates.rectangle(0.4, 1), Surrogates.exponential(1.5, 3.75), Surrogates.straightThrough()};
        double[] xs = {-2.1, -0.73, -0.31, -0.05, 0.07, 0.29, 0.77, 1.9};
        for (Surrogate s : all) {
            INDArray nd = s.grad(Nd4j.createFromArray(xs));
            for (int i = 0; i < xs.length; i++) {
                double h = 1e-6, fd = (s.primitive(xs[i] + h) - s.primitive(xs[i] - h)) / (2 * h);
                assertEquals(s.grad(xs[i]), fd, 1e-6 * Math.max(1, Math.abs(fd)), s.describe() + " at " + xs[i]);
                assertEquals(s.grad(xs[i]), nd.getDouble(i), 1e-12, s.describe() + " ND4J form at " + xs[i]);
            }
        }
    }

    @Test
    void surrogateNamesParseAndBadOnesAreNamed() {
        assertEquals("fast_sigmoid(k=5.5565)", Surrogates.parse("fast_sigmoid:5.5565").describe());
        assertEquals("rectangle(width=0.4,height=1.0)", Surrogates.parse("rectangle:0.4").describe());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Surrogates.parse("tanh"));
        assertTrue(e.getMessage().contains("tanh"));
        assertThrowsNamed(() -> Surrogates.fastSigmoid(-1), "-1");
    }

    static void assertThrowsNamed(Runnable r, String value) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
