package org.snnlab.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Seq;
import org.snnlab.testing.GradCheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Losses: finite-difference gradients, hand-computed values, example weights, label validation. */
class LossTest {
    static final int T = 3, B = 4, C = 5;
    static final int[] LABELS = {0, 3, 4, 1};
    static final double[] W = {1, 2, 0.5, 1};

    static Loss[] all() {
        return new Loss[]{new CrossEntropyCount(), new CrossEntropyMembrane(), new MseCount(0.8, 0.2), new MseRate()};
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (Loss loss : all())
            for (double[] w : new double[][]{null, W}) {
                INDArray out = GradCheck.random(new long[]{T * B, C}, 3).muli(2);
                Seq g = loss.evaluate(Seq.of(out, T), LABELS, w).gradient();
                INDArray num = GradCheck.numeric(out, x -> loss.evaluate(Seq.of(x, T), LABELS, w).value());
                double err = GradCheck.relError(g.data(), num);
                System.out.printf("gradcheck %s weights=%s %.2e%n", loss.describe(), w != null, err);
                assertTrue(err < 1e-6, loss.describe() + " rel error " + err);
            }
    }

    @Test
    void handComputedValues() {
        // one example, C = 2, T = 2: spikes (1,0) then (1,1): counts (2,1)
        Seq out = Seq.of(Nd4j.createFromArray(new double[][]{{1, 0}, {1, 1}}), 2);
        int[] y = {1};
        double ce = Math.log(Math.exp(2) + Math.exp(1)) - 1;
        assertEquals(ce, new CrossEntropyCount().evaluate(out, y, null).value(), 1e-12);
        // MSE count (snnTorch): targets (0.2*2, 0.8*2) = (0.4, 1.6); mean sq err ((1.6)^2 + (0.6)^2)/2, divided by T
        assertEquals((1.6 * 1.6 + 0.6 * 0.6) / 2 / 2, new MseCount(0.8, 0.2).evaluate(out, y, null).value(), 1e-12);
        // MSE rate: rates (1, .5) vs (0, 1): (1 + .25)/2
        assertEquals(0.625, new MseRate().evaluate(out, y, null).value(), 1e-12);
        assertArrayEquals(new int[]{0}, new CrossEntropyCount().predict(out));
    }

    @Test
    void weightsScaleEachExampleAndPerExampleValuesAreUnweighted() {
        INDArray out = GradCheck.random(new long[]{T * B, C}, 9);
        for (Loss loss : all()) {
            LossResult plain = loss.evaluate(Seq.of(out, T), LABELS, null);
            LossResult weighted = loss.evaluate(Seq.of(out, T), LABELS, W);
            double expect = 0;
            for (int i = 0; i < B; i++) expect += W[i] * plain.perExample()[i] / B;
            assertEquals(expect, weighted.value(), 1e-12, loss.describe());
            assertArrayEquals(plain.perExample(), weighted.perExample(), 1e-12);
        }
    }

    @Test
    void badLabelsAreNamed() {
        Seq out = Seq.of(Nd4j.zeros(T * B, C), T);
        var e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyCount().evaluate(out, new int[]{0, 1, 7, 2}, null));
        assertTrue(e.getMessage().contains("label[2] = 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MseRate().evaluate(out, new int[]{0, 1}, null));
        assertThrows(IllegalArgumentException.class, () -> Losses.parse("hinge"));
        assertEquals("mse-count(correct=0.9,incorrect=0.1)", Losses.parse("mse-count:0.9,0.1").describe());
    }
}
