package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.SpikeFn;
import org.snnlab.neuron.Surrogates;
import org.snnlab.testing.GradCheck;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier 2: every layer's backward against central finite differences, static and time-varying inputs. */
class LayerGradientTest {
    static final DataType D = DataType.DOUBLE;

    static Seq input(boolean isStatic, int T, long... perStep) {
        long[] shape = perStep.clone();
        if (!isStatic) shape[0] *= T;
        return new Seq(GradCheck.random(shape, 7), T, isStatic);
    }

    static void assertSmall(String layer, Map<String, Double> errs) {
        assertTrue(errs.size() >= 1);
        errs.forEach((k, v) -> System.out.printf("gradcheck %s %s %.2e%n", layer, k, v));
        errs.forEach((k, v) -> assertTrue(v < 1e-6, layer + " " + k + " rel error " + v));
    }

    static void checkBoth(String name, Layer l, long... perStepShape) {
        for (boolean st : new boolean[]{false, true})
            assertSmall(name + (st ? " static" : ""), GradCheck.check(l, input(st, 3, perStepShape), 5, true));
    }

    @Test
    void dense() {
        checkBoth("Dense", new Dense(5, 4, true, D, new SplittableRandom(1)), 2, 5);
        checkBoth("Dense no bias", new Dense(5, 4, false, D, new SplittableRandom(1)), 2, 5);
    }

    @Test
    void conv2d() {
        checkBoth("Conv2d", new Conv2d(2, 3, 3, 1, 0, true, D, new SplittableRandom(2)), 2, 2, 6, 6);
        checkBoth("Conv2d stride 2 pad 1", new Conv2d(2, 2, 3, 2, 1, false, D, new SplittableRandom(3)), 2, 2, 5, 5);
    }

    @Test
    void pooling() {
        checkBoth("AvgPool2d", new AvgPool2d(2), 2, 2, 6, 6);
        checkBoth("MaxPool2d", new MaxPool2d(2), 2, 2, 6, 6); // random doubles: no ties
        checkBoth("Flatten", new Flatten(), 2, 2, 3, 3);
    }

    @Test
    void batchNorm() {
        checkBoth("BatchNorm2d", new BatchNorm(2, 1e-5, 0.1, D), 3, 2, 4, 4);
        checkBoth("BatchNorm1d", new BatchNorm(3, 1e-5, 0.1, D), 4, 3);
    }

    @Test
    void dropoutSameMaskEveryStep() {
        checkBoth("Dropout", new Dropout(0.3), 4, 6);
        Seq x = Seq.of(Nd4j.ones(D, 5 * 4, 6), 5);
        INDArray y = new Dropout(0.5).forward(x, new Pass(true, new SplittableRandom(9), null)).output().data();
        for (int t = 1; t < 5; t++) assertEquals(Seq.of(y, 5).step(0), Seq.of(y, 5).step(t), "step " + t);
        for (double v : GradCheck.values(y)) assertTrue(v == 0 || v == 2, "inverted scale 1/(1-p): " + v);
        assertEquals(x.data(), new Dropout(0.5).forward(x, Pass.eval()).output().data(), "identity in eval");
    }

    @Test
    void wholeNetworkBackPropagatesThroughTime() {
        LifConfig lif = LifConfig.of(0.8, 0.5).withSpikeFn(SpikeFn.SMOOTH).withSurrogate(Surrogates.sigmoid(3));
        SplittableRandom r = new SplittableRandom(4);
        Sequential net = new Sequential(List.of(new Conv2d(1, 2, 3, 1, 0, true, D, r), new AvgPool2d(2),
                new BatchNorm(2, 1e-5, 0.1, D), new Lif(8, lif, D), new Flatten(), new Dense(8, 3, true, D, r), new Lif(3, lif, D)));
        assertSmall("conv net", GradCheck.check(net, input(true, 4, 2, 1, 6, 6), 3, true));
        assertSmall("conv net, time-varying input", GradCheck.check(net, input(false, 4, 2, 1, 6, 6), 3, true));
    }

    @Test
    void staticAndExpandedInputsAgree() {
        SplittableRandom r = new SplittableRandom(4);
        Sequential net = new Sequential(List.of(new Conv2d(1, 2, 3, 1, 0, true, D, r), new AvgPool2d(2),
                new BatchNorm(2, 1e-5, 0.1, D), new Flatten(), new Dense(8, 3, true, D, r)));
        Seq st = input(true, 4, 2, 1, 6, 6);
        Seq out1 = net.forward(st, Pass.eval()).output().expand(), out2 = net.forward(st.expand(), Pass.eval()).output();
        assertArrayEquals(GradCheck.values(out2.data()), GradCheck.values(out1.data()), 1e-12);
        var f1 = net.forward(st, Pass.train(1));
        var f2 = net.forward(st.expand(), Pass.train(1));
        INDArray g = GradCheck.random(f2.output().data().shape(), 3);
        Seq g1 = f1.backward(Seq.of(g.dup(), 4).sumOverTime(), true), g2 = f2.backward(Seq.of(g.dup(), 4), true);
        assertArrayEquals(GradCheck.values(g2.sumOverTime().data()), GradCheck.values(g1.data()), 1e-10);
    }

    @Test
    void avgPoolByHandAndBatchNormRunningStatistics() {
        INDArray x = Nd4j.createFromArray(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).reshape(1, 1, 4, 4);
        INDArray y = new AvgPool2d(2).forward(Seq.of(x, 1), Pass.eval()).output().data();
        assertArrayEquals(new double[]{3.5, 5.5, 11.5, 13.5}, GradCheck.values(y), 1e-12);
        BatchNorm bn = new BatchNorm(1, 1e-5, 0.1, D);
        bn.forward(Seq.of(Nd4j.createFromArray(new double[]{1, 2, 3, 6}).reshape(4, 1), 2), Pass.train(1));
        // mean 3, biased var 3.5, unbiased 14/3: running = 0.9*0 + 0.1*3, 0.9*1 + 0.1*14/3
        assertEquals(0.3, bn.params().get(2).value().getDouble(0), 1e-12);
        assertEquals(0.9 + 0.1 * 14 / 3.0, bn.params().get(3).value().getDouble(0), 1e-12);
    }
}
