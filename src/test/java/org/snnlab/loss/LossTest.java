package org.snnlab.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;
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
        // MSE count (snnTorch): targets (int(0.2*2), int(0.8*2)) = (0, 1); mean sq err ((2-0)^2 + (1-1)^2)/2, divided by T
        assertEquals((4.0 + 0.0) / 2 / 2, new MseCount(0.8, 0.2).evaluate(out, y, null).value(), 1e-12);
        // T = 100 (QSNN): targets 80 and 20; int() truncation as in Python: int(100*0.29) = 28
        assertEquals(80, MseCount.targetCount(0.8, 100));
        assertEquals(20, MseCount.targetCount(0.2, 100));
        assertEquals(28, MseCount.targetCount(0.29, 100));
        // MSE rate: rates (1, .5) vs (0, 1): (1 + .25)/2
        assertEquals(0.625, new MseRate().evaluate(out, y, null).value(), 1e-12);
        assertArrayEquals(new int[]{0}, new CrossEntropyCount().predict(out));
        // CE count gradient: (softmax(2,1) - (0,1)) / B at both steps
        double p0 = Math.exp(2) / (Math.exp(2) + Math.exp(1));
        assertArrayEquals(new double[]{p0, -p0, p0, -p0}, // softmax = (p0, 1 - p0)
                GradCheck.values(new CrossEntropyCount().evaluate(out, y, null).gradient().data()), 1e-12);
        // MSE rate gradient: 2 (r - onehot) / (B C) / T = (2*1/2/2, 2*(-.5)/2/2) at both steps
        assertArrayEquals(new double[]{0.5, -0.25, 0.5, -0.25},
                GradCheck.values(new MseRate().evaluate(out, y, null).gradient().data()), 1e-12);
    }

    @Test
    void crossEntropyMembraneSumsPerStepLossesByHand() {
        // u_0 = (1, 0), u_1 = (0, 2), label 0: l = [log(e + 1) - 1] + [log(1 + e^2) - 0]
        Seq mem = Seq.of(Nd4j.createFromArray(new double[][]{{1, 0}, {0, 2}}), 2);
        LossResult r = new CrossEntropyMembrane().evaluate(mem, new int[]{0}, null);
        double expect = Math.log(Math.E + 1) - 1 + Math.log(1 + Math.exp(2));
        assertEquals(expect, r.value(), 1e-12);
        assertArrayEquals(new double[]{expect}, r.perExample(), 1e-12);
        double s0 = Math.E / (Math.E + 1), s1 = 1 / (1 + Math.exp(2));
        assertArrayEquals(new double[]{s0 - 1, 1 - s0, s1 - 1, 1 - s1}, GradCheck.values(r.gradient().data()), 1e-12);
        assertArrayEquals(new int[]{1}, new CrossEntropyMembrane().predict(mem), "argmax of summed membrane (1, 2)");
        assertTrue(new CrossEntropyMembrane().readsMembrane());
    }

    @Test
    void weightTwoOnOneExampleDoublesItsContribution() {
        INDArray out = GradCheck.random(new long[]{T * B, C}, 5);
        double[] w = {1, 2, 1, 1};
        for (Loss loss : all()) {
            LossResult plain = loss.evaluate(Seq.of(out, T), LABELS, null);
            LossResult weighted = loss.evaluate(Seq.of(out, T), LABELS, w);
            assertEquals(plain.value() + plain.perExample()[1] / B, weighted.value(), 1e-12, loss.describe());
            INDArray gp = plain.gradient().data(), gw = weighted.gradient().data();
            for (int t = 0; t < T; t++)
                for (int i = 0; i < B; i++)
                    for (int j = 0; j < C; j++)
                        assertEquals((i == 1 ? 2 : 1) * gp.getDouble(t * B + i, j), gw.getDouble(t * B + i, j), 1e-12, loss.describe());
        }
    }

    @Test
    void staticOutputIsTheSameAtEveryStep() {
        INDArray once = GradCheck.random(new long[]{B, C}, 11);
        for (Loss loss : all()) {
            LossResult s = loss.evaluate(Seq.constant(once, T), LABELS, W);
            LossResult e = loss.evaluate(Seq.constant(once, T).expand(), LABELS, W);
            assertEquals(e.value(), s.value(), 1e-12, loss.describe());
            assertArrayEquals(new long[]{T * B, C}, s.gradient().data().shape(), loss.describe());
            assertEquals(0, GradCheck.relError(e.gradient().data(), s.gradient().data()), 1e-12, loss.describe());
            assertArrayEquals(loss.predict(Seq.constant(once, T).expand()), loss.predict(Seq.constant(once, T)));
        }
    }

    @Test
    void predictionTakesTheFirstMaximumOnTies() {
        Seq out = Seq.of(Nd4j.createFromArray(new double[][]{{0, 1, 1}, {2, 0, 2}, {1, 1, 0}, {0, 0, 0}}), 2);
        for (Loss loss : all()) assertArrayEquals(new int[]{1, 0}, loss.predict(out), loss.describe());
    }

    @Test
    void floatOutputsGiveFloatGradients() {
        INDArray out = GradCheck.random(new long[]{T * B, C}, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        for (Loss loss : all()) {
            Seq g = loss.evaluate(Seq.of(out, T), LABELS, null).gradient();
            assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, g.data().dataType(), loss.describe());
            assertArrayEquals(new long[]{T * B, C}, g.data().shape());
        }
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
        var neg = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyMembrane().evaluate(out, new int[]{0, -1, 2, 2}, null));
        assertTrue(neg.getMessage().contains("label[1] = -1"), neg.getMessage());
        var len = assertThrows(IllegalArgumentException.class, () -> new MseRate().evaluate(out, new int[]{0, 1}, null));
        assertTrue(len.getMessage().contains("expected 4 labels, got 2"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MseCount(0.8, 0.2).evaluate(out, null, null));
        var wl = assertThrows(IllegalArgumentException.class, () -> new MseCount(0.8, 0.2).evaluate(out, LABELS, new double[]{1}));
        assertTrue(wl.getMessage().contains("got 1"), wl.getMessage());
        var rate = assertThrows(IllegalArgumentException.class, () -> new MseCount(1.5, 0.2));
        assertTrue(rate.getMessage().contains("1.5"), rate.getMessage());
    }

    @Test
    void lossesByName() {
        assertTrue(Losses.parse("ce-count") instanceof CrossEntropyCount);
        assertTrue(Losses.parse(" CE-MEM ") instanceof CrossEntropyMembrane);
        assertTrue(Losses.parse("mse-rate") instanceof MseRate);
        assertEquals("mse-count(correct=0.8,incorrect=0.2)", Losses.parse("mse-count").describe());
        assertEquals("mse-count(correct=0.9,incorrect=0.1)", Losses.parse("mse-count:0.9,0.1").describe());
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("hinge"));
        assertTrue(e.getMessage().contains("hinge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.parse("mse-count:0.9"));
        assertThrows(IllegalArgumentException.class, () -> Losses.parse("mse-count:a,b"));
    }

    /** The buffer-copy repeat of a gradient over time equals ND4J's tile (its twin), float and double. */
    @Test
    void everyStepEqualsTheTileTwin() {
        INDArray g = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 4);
        Seq fast = Outputs.everyStep(g, 5), twin = Outputs.everyStepNd4j(g, 5);
        assertEquals(5, fast.steps());
        assertArrayEquals(new long[]{15, 4}, fast.data().shape());
        assertEquals(twin.data(), fast.data());
        assertEquals(g.getFloat(2, 3), fast.data().getFloat(4 * 3 + 2, 3), 0f); // step 4, example 2
        INDArray d = g.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertEquals(Outputs.everyStepNd4j(d, 5).data(), Outputs.everyStep(d, 5).data());
        INDArray view = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 6).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)); // not dense: the twin's path
        assertEquals(Outputs.everyStepNd4j(view, 2).data(), Outputs.everyStep(view, 2).data());
    }

    /** The raw-buffer counts over time equal the ND4J product (their twin): spikes exactly, real values closely, static outputs. */
    @Test
    void countsOverTimeEqualTheNd4jTwin() {
        var F = org.nd4j.linalg.api.buffer.DataType.FLOAT;
        INDArray spikes = Nd4j.rand(F, 6 * 4, 3).lt(0.4).castTo(F);
        assertArrayEquals(Outputs.countsOverTimeNd4j(Seq.of(spikes, 6)), Outputs.countsOverTime(Seq.of(spikes, 6)), 0.0);
        INDArray mem = Nd4j.rand(F, 6 * 4, 3).subi(0.5);
        assertArrayEquals(Outputs.countsOverTimeNd4j(Seq.of(mem, 6)), Outputs.countsOverTime(Seq.of(mem, 6)), 1e-5);
        Seq still = Seq.constant(Nd4j.rand(F, 4, 3), 6);
        assertArrayEquals(Outputs.countsOverTimeNd4j(still), Outputs.countsOverTime(still), 0.0);
        double[] c = Outputs.countsOverTime(Seq.of(spikes, 6));
        double byHand = 0;
        for (int t = 0; t < 6; t++) byHand += spikes.getDouble(t * 4 + 2, 1); // example 2, class 1, every step
        assertEquals(byHand, c[2 * 3 + 1], 0.0);
        double[] g = {0.25, -1.5, 3, 0.125, 7, -2};
        Seq fast = Outputs.everyStep(g, 2, 3, 4, F);
        Seq twin = Outputs.everyStep(Nd4j.createFromArray(g).reshape(2, 3).castTo(F), 4);
        assertEquals(twin.data(), fast.data());
        assertEquals(4, fast.steps());
    }
}
