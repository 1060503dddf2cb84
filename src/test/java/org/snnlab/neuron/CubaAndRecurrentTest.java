package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Pass;
import org.snnlab.model.Seq;
import org.snnlab.testing.GradCheck;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
