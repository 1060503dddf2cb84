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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CUBA-LIF and recurrent LIF: hand-checked recurrences and finite-difference gradients. */
class CubaAndRecurrentTest {
    static final DataType D = DataType.DOUBLE;

    static void assertSmall(String what, Map<String, Double> e) {
        e.forEach((k, v) -> System.out.printf("gradcheck %s %s %.2e%n", what, k, v));
        e.forEach((k, v) -> assertTrue(v < 1e-6, what + " " + k + " " + v));
    }

    static LifConfig smooth(ResetMode r) {
        return LifConfig.of(0.7, 0.8).withReset(r).withSpikeFn(SpikeFn.SMOOTH).withSurrogate(Surrogates.sigmoid(3));
    }

    @Test
    void cubaRecurrenceByHand() {
        // alpha .5, beta .5, theta 1, zero reset; x = 1, 0, 0, 1
        // i = 1, .5, .25, 1.125 ; v0 = 1 (no spike: H(v - 1) needs v > 1), v1 = .5 + .5 = 1 (no), v2 = .5 + .25 = .75,
        // v3 = .375 + 1.125 = 1.5 (spike)
        CubaLif c = new CubaLif(1, 0.5, LifConfig.of(0.5, 1.0).withReset(ResetMode.ZERO).withOutput(LifConfig.Output.MEMBRANE), D);
        Seq x = Seq.of(Nd4j.createFromArray(1.0, 0, 0, 1).reshape(4, 1), 4);
        assertArrayEquals(new double[]{1, 1, 0.75, 1.5}, GradCheck.values(c.forward(x, Pass.eval()).output().data()), 1e-12);
    }

    @Test
    void cubaGradients() {
        for (boolean st : new boolean[]{false, true}) {
            CubaLif c = new CubaLif(3, 0.6, smooth(ResetMode.ZERO).withLearnThreshold(true), D);
            long[] shape = st ? new long[]{2, 3} : new long[]{10, 3};
            assertSmall("CubaLif" + (st ? " static" : ""), GradCheck.check(c, new Seq(GradCheck.random(shape, 3).addi(0.7), 5, st), 1, true));
        }
    }

    @Test
    void recurrentByHand() {
        // one neuron, V = [[0.5]], beta .5, theta 1, subtract: x = 1.2, 0, 0
        // u0 = 1.2 spike; u1 = .6 + 0 + .5 - 1 = .1; u2 = .05
        RecurrentLif r = new RecurrentLif(1, LifConfig.of(0.5, 1.0).withOutput(LifConfig.Output.MEMBRANE), D, new SplittableRandom(1));
        r.params().get(0).value().assign(0.5);
        Seq x = Seq.of(Nd4j.createFromArray(1.2, 0, 0).reshape(3, 1), 3);
        assertArrayEquals(new double[]{1.2, 0.1, 0.05}, GradCheck.values(r.forward(x, Pass.eval()).output().data()), 1e-12);
    }

    @Test
    void recurrentGradients() {
        for (ResetMode m : new ResetMode[]{ResetMode.SUBTRACT, ResetMode.ZERO})
            for (LifConfig.Output o : LifConfig.Output.values()) {
                RecurrentLif r = new RecurrentLif(3, smooth(m).withOutput(o), D, new SplittableRandom(2));
                assertSmall("RecurrentLif " + m + " " + o, GradCheck.check(r, Seq.of(GradCheck.random(new long[]{10, 3}, 4).addi(0.5), 5), 1, true));
            }
    }

    @Test
    void cubaSpikesAndResetByHand() {
        // alpha .5, beta .5, theta 1, zero reset; x = 1.5, 0, 0, 1, 1
        // i = 1.5, .75, .375, 1.1875, 1.59375
        // v0 = 1.5 (spike); v1 = .5*1.5*(1-1) + .75 = .75; v2 = .375 + .375 = .75;
        // v3 = .375 + 1.1875 = 1.5625 (spike); v4 = 0 + 1.59375 = 1.59375 (spike)
        LifConfig cfg = LifConfig.of(0.5, 1.0).withReset(ResetMode.ZERO);
        Seq x = Seq.of(Nd4j.createFromArray(1.5, 0, 0, 1, 1).reshape(5, 1), 5);
        for (DataType dt : new DataType[]{D, DataType.FLOAT}) { // FLOAT runs the fused voltage kernel
            Seq xd = Seq.of(x.data().castTo(dt), 5);
            double[] v = GradCheck.values(new CubaLif(1, 0.5, cfg.withOutput(LifConfig.Output.MEMBRANE), dt).forward(xd, Pass.eval()).output().data());
            double[] s = GradCheck.values(new CubaLif(1, 0.5, cfg, dt).forward(xd, Pass.eval()).output().data());
            assertArrayEquals(new double[]{1.5, 0.75, 0.75, 1.5625, 1.59375}, v, 1e-12, dt + " voltage");
            assertArrayEquals(new double[]{1, 0, 0, 1, 1}, s, 0, dt + " spikes");
        }
    }

    @Test
    void cubaRouserParametersAndLavaDlDecays() {
        CubaLif r = CubaLif.rouser(4, true, D);
        assertEquals(0.75, r.alpha(), 1e-15);
        assertEquals(0.97, r.voltage().config().beta(), 1e-15);
        assertEquals(1.25, r.voltage().config().threshold(), 0);
        assertEquals(ResetMode.ZERO, r.voltage().config().reset());
        assertEquals("exponential(scale=1.5,tau=3.75)", r.voltage().config().surrogate().describe());
        assertEquals(List.of("threshold"), r.params().stream().map(p -> p.name()).toList());
        CubaLif d = CubaLif.fromDecays(2, 0.1, 0.2, 1, Surrogates.atan(2), false, D);
        assertEquals(0.9, d.alpha(), 1e-15);
        assertEquals(0.8, d.voltage().config().beta(), 1e-15);
        assertTrue(d.params().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new CubaLif(2, 1.5, smooth(ResetMode.ZERO), D));
        assertThrows(IllegalArgumentException.class, () -> CubaLif.fromDecays(2, -0.1, 0.2, 1, Surrogates.atan(2), false, D));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CubaLif(3, 0.5, smooth(ResetMode.ZERO), D).forward(Seq.of(Nd4j.zeros(D, 4, 2), 2), Pass.eval()));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void cubaStaticEqualsExpandedAndSkippedInputGradKeepsParamGrads() {
        INDArray x = GradCheck.random(new long[]{3, 4}, 5).addi(0.4);
        CubaLif c = new CubaLif(4, 0.7, smooth(ResetMode.ZERO).withLearnThreshold(true), D);
        var st = c.forward(Seq.constant(x, 6), Pass.eval());
        var ex = c.forward(Seq.constant(x, 6).expand(), Pass.eval());
        assertArrayEquals(GradCheck.values(ex.output().data()), GradCheck.values(st.output().data()), 1e-14);
        INDArray g = GradCheck.random(st.output().data().shape(), 6);
        c.params().get(0).zeroGrad();
        double[] gs = GradCheck.values(st.backward(Seq.of(g.dup(), 6), true).data());
        double[] thrWith = GradCheck.values(c.params().get(0).grad());
        assertArrayEquals(GradCheck.values(ex.backward(Seq.of(g.dup(), 6), true).sumOverTime().data()), gs, 1e-12);
        c.params().get(0).zeroGrad();
        assertNull(st.backward(Seq.of(g.dup(), 6), false));
        assertArrayEquals(thrWith, GradCheck.values(c.params().get(0).grad()), 0, "threshold gradient without input gradient");
    }

    @Test
    void cubaGradientsEveryOutputAndLearnableBetaAndThreshold() {
        for (LifConfig.Output o : LifConfig.Output.values())
            for (ResetMode m : new ResetMode[]{ResetMode.ZERO, ResetMode.SUBTRACT})
                for (boolean st : new boolean[]{false, true}) {
                    LifConfig v = smooth(m).withLearnThreshold(true).withLearnBeta(true).withOutput(o);
                    CubaLif c = new CubaLif(3, 0.75, v, D);
                    long[] shape = st ? new long[]{2, 3} : new long[]{12, 3};
                    assertSmall("CubaLif " + o + " " + m + (st ? " static" : ""),
                            GradCheck.check(c, new Seq(GradCheck.random(shape, 8).addi(0.3), 6, st), 1, true));
                }
    }

    @Test
    void recurrentTwoNeuronsWithBiasByHand() {
        // beta .5, theta 1, zero reset, V = [[0, .5], [.25, 0]] (row = presynaptic), b = [.1, 0]
        // x[0] = [1, .2], x[1] = x[2] = 0
        // t0: u = x + b = [1.1, .2]                    s = [1, 0]
        // t1: u = [.5*1.1*(1-1) + .1 + 1*0,  .5*.2 + 0 + 1*.5] = [.1, .6]       s = [0, 0]
        // t2: u = [.5*.1 + .1, .5*.6] = [.15, .3]
        LifConfig cfg = LifConfig.of(0.5, 1.0).withReset(ResetMode.ZERO);
        Seq x = Seq.of(Nd4j.createFromArray(new double[][]{{1, 0.2}, {0, 0}, {0, 0}}), 3);
        double[][] out = new double[2][];
        int i = 0;
        for (LifConfig.Output o : new LifConfig.Output[]{LifConfig.Output.MEMBRANE, LifConfig.Output.SPIKES}) {
            RecurrentLif r = new RecurrentLif(2, cfg.withOutput(o), true, D, new SplittableRandom(1));
            r.recurrent().value().assign(Nd4j.createFromArray(new double[][]{{0, 0.5}, {0.25, 0}}));
            r.bias().value().assign(Nd4j.createFromArray(new double[][]{{0.1, 0}}));
            out[i++] = GradCheck.values(r.forward(x, Pass.eval()).output().data());
        }
        assertArrayEquals(new double[]{1.1, 0.2, 0.1, 0.6, 0.15, 0.3}, out[0], 1e-12);
        assertArrayEquals(new double[]{1, 0, 0, 0, 0, 0}, out[1], 0);
    }

    @Test
    void recurrentGradientsBiasLearnableThresholdBetaEveryResetStaticInput() {
        for (ResetMode m : ResetMode.values())
            for (LifConfig.Output o : LifConfig.Output.values())
                for (boolean st : new boolean[]{false, true}) {
                    LifConfig cfg = smooth(m).withOutput(o).withLearnThreshold(true).withLearnBeta(true);
                    RecurrentLif r = new RecurrentLif(3, cfg, true, D, new SplittableRandom(3));
                    long[] shape = st ? new long[]{2, 3} : new long[]{10, 3};
                    Map<String, Double> e = GradCheck.check(r, new Seq(GradCheck.random(shape, 4).addi(0.5), 5, st), 1, true);
                    assertEquals(List.of("input", "recurrent", "bias", "threshold", "beta"), List.copyOf(e.keySet()));
                    assertSmall("RecurrentLif " + m + " " + o + (st ? " static" : "") + " bias+theta+beta", e);
                }
    }

    @Test
    void recurrentDetachedResetIsNotTheTrueGradient() {
        LifConfig cfg = smooth(ResetMode.SUBTRACT).withDetachReset(true);
        double err = GradCheck.check(new RecurrentLif(3, cfg, D, new SplittableRandom(2)),
                Seq.of(GradCheck.random(new long[]{10, 3}, 4).addi(0.5), 5), 1, true).get("input");
        assertTrue(err > 1e-3, "detaching the reset changes the gradient, error " + err);
    }
}
