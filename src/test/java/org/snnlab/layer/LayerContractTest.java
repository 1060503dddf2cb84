package org.snnlab.layer;

import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
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
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of the convolutional-stack layers at the small shapes T=2, B=2, C=2, H=W=6 (double):
 * finite differences in both input modes, static inputs giving exactly what their expanded copies
 * give, hand-checkable values, running statistics and dropout masks.
 */
class LayerContractTest {
    static final DataType D = DataType.DOUBLE;
    static final int T = 2, B = 2;

    static Seq input(boolean isStatic, long... perStep) {
        long[] shape = perStep.clone();
        if (!isStatic) shape[0] *= T;
        return new Seq(GradCheck.random(shape, 11), T, isStatic);
    }

    static void gradCheck(String name, Layer l, boolean training, long... perStep) {
        for (boolean st : new boolean[]{false, true}) {
            Map<String, Double> errs = GradCheck.check(l, input(st, perStep), 5, training);
            assertEquals(1 + l.params().stream().filter(Param::isTrainable).count(), errs.size());
            errs.forEach((k, v) -> assertTrue(v < 1e-6, name + (st ? " static " : " ") + k + " rel error " + v));
        }
    }

    @Test
    void finiteDifferencesAtSmallShapes() {
        gradCheck("Conv2d", new Conv2d(2, 3, 3, 1, 0, true, D, new SplittableRandom(1)), true, B, 2, 6, 6);
        gradCheck("Conv2d s2 p1", new Conv2d(2, 2, 3, 2, 1, false, D, new SplittableRandom(2)), true, B, 2, 6, 6);
        gradCheck("AvgPool2d", new AvgPool2d(2), true, B, 2, 6, 6);
        gradCheck("AvgPool2d k3", new AvgPool2d(3), true, B, 2, 6, 6);
        gradCheck("MaxPool2d", new MaxPool2d(2), true, B, 2, 6, 6); // random doubles: no ties
        gradCheck("Flatten", new Flatten(), true, B, 2, 6, 6);
        gradCheck("BatchNorm2d", new BatchNorm(2, 1e-5, 0.1, D), true, B, 2, 6, 6);
        gradCheck("BatchNorm1d", new BatchNorm(3, 1e-5, 0.1, D), true, B, 3);
        gradCheck("Dropout", new Dropout(0.4), true, B, 2, 6, 6);
    }

    @Test
    void batchNormEvalModeGradients() {
        BatchNorm bn = new BatchNorm(2, 1e-5, 0.1, D);
        bn.forward(input(false, B, 2, 6, 6), Pass.train(1)); // non-trivial running statistics
        bn.params().get(0).value().assign(Nd4j.createFromArray(1.5, -0.7));
        gradCheck("BatchNorm2d eval", bn, false, B, 2, 6, 6);
    }

    /** Static output expanded equals the expanded input's output; static input gradient = summed gradient. */
    static void staticMatchesExpanded(String name, Supplier<Layer> make, Pass pass1, Pass pass2, long... perStep) {
        Layer a = make.get(), b = make.get();
        Seq st = input(true, perStep);
        Forward fa = a.forward(st, pass1), fb = b.forward(st.expand(), pass2);
        assertTrue(fa.output().isStatic(), name + " keeps a static input static");
        assertArrayEquals(GradCheck.values(fb.output().data()), GradCheck.values(fa.output().expand().data()), 1e-12, name + " output");
        INDArray g = GradCheck.random(fb.output().data().shape(), 3);
        Seq ga = fa.backward(Seq.of(g.dup(), T).sumOverTime(), true), gb = fb.backward(Seq.of(g.dup(), T), true);
        assertTrue(ga.isStatic(), name + " static gradient");
        assertArrayEquals(GradCheck.values(gb.sumOverTime().data()), GradCheck.values(ga.data()), 1e-10, name + " input gradient");
        for (int i = 0; i < a.params().size(); i++) {
            Param pa = a.params().get(i), pb = b.params().get(i);
            assertArrayEquals(GradCheck.values(pb.value()), GradCheck.values(pa.value()), 1e-12, name + " " + pa.name());
            if (pa.isTrainable())
                assertArrayEquals(GradCheck.values(pb.grad()), GradCheck.values(pa.grad()), 1e-10, name + " d" + pa.name());
        }
    }

    @Test
    void staticInputsAgreeWithTheirExpandedCopies() {
        long[] img = {B, 2, 6, 6};
        staticMatchesExpanded("Conv2d", () -> new Conv2d(2, 3, 3, 1, 1, true, D, new SplittableRandom(4)), Pass.train(1), Pass.train(1), img);
        staticMatchesExpanded("AvgPool2d", () -> new AvgPool2d(2), Pass.train(1), Pass.train(1), img);
        staticMatchesExpanded("MaxPool2d", () -> new MaxPool2d(3), Pass.train(1), Pass.train(1), img);
        staticMatchesExpanded("Flatten", Flatten::new, Pass.train(1), Pass.train(1), img);
        staticMatchesExpanded("BatchNorm2d train", () -> new BatchNorm(2, 1e-5, 0.1, D), Pass.train(1), Pass.train(1), img);
        staticMatchesExpanded("BatchNorm1d train", () -> new BatchNorm(5, 1e-5, 0.1, D), Pass.train(1), Pass.train(1), B, 5);
        staticMatchesExpanded("BatchNorm2d eval", () -> new BatchNorm(2, 1e-5, 0.1, D), Pass.eval(), Pass.eval(), img);
        staticMatchesExpanded("Dropout", () -> new Dropout(0.5), Pass.train(8), Pass.train(8), img); // same seed: same [B,F] mask
        staticMatchesExpanded("Dropout eval", () -> new Dropout(0.5), Pass.eval(), Pass.eval(), img);
    }

    @Test
    void batchNormStaticGradientIsTheTimeSummedFormula() {
        // dL/dx_static = sum_t dL/dx_t = gamma invStd / m (m G - sum G - xhat sum(G xhat)), G = sum_t dy_t, m = B*H*W
        BatchNorm bn = new BatchNorm(1, 1e-5, 0.1, D);
        INDArray x = Nd4j.createFromArray(1.0, 2, 4, 9).reshape(4, 1);
        INDArray g = Nd4j.createFromArray(0.5, -1, 2, 0.25).reshape(4, 1);
        Seq dx = bn.forward(Seq.constant(x, 3), Pass.train(1)).backward(Seq.constant(g.dup(), 3), true);
        double mean = 4, var = (9 + 4 + 0 + 25) / 4.0, is = 1 / Math.sqrt(var + 1e-5);
        double sumG = 1.75, sumGx = 0;
        double[] xv = {1, 2, 4, 9}, gv = {0.5, -1, 2, 0.25}, want = new double[4];
        for (int i = 0; i < 4; i++) sumGx += gv[i] * (xv[i] - mean) * is;
        for (int i = 0; i < 4; i++) want[i] = is / 4 * (4 * gv[i] - sumG - (xv[i] - mean) * is * sumGx);
        assertArrayEquals(want, GradCheck.values(dx.data()), 1e-12);
    }

    @Test
    void convolutionByHand() {
        // 1 channel 3x3 input, 2x2 kernel [[1,2],[3,4]] (weights [kH,kW,iC,oC]), bias 0.5: cross-correlation
        Conv2d conv = new Conv2d(1, 1, 2, 1, 0, true, D, new SplittableRandom(1));
        conv.weight().value().assign(Nd4j.createFromArray(1.0, 2, 3, 4).reshape(2, 2, 1, 1));
        conv.bias().value().assign(0.5);
        INDArray x = Nd4j.createFromArray(1.0, 2, 3, 4, 5, 6, 7, 8, 9).reshape(1, 1, 3, 3);
        INDArray y = conv.forward(Seq.of(x, 1), Pass.eval()).output().data();
        assertArrayEquals(new double[]{37.5, 47.5, 67.5, 77.5}, GradCheck.values(y), 1e-12);
        assertArrayEquals(new long[]{1, 1, 2, 2}, y.shape());
        Conv2d s2 = new Conv2d(2, 4, 3, 2, 1, false, D, new SplittableRandom(1));
        assertArrayEquals(new long[]{4, 3, 3}, s2.outputShape(new long[]{2, 6, 6}));
        assertArrayEquals(new long[]{T * B, 4, 3, 3}, s2.forward(input(false, B, 2, 6, 6), Pass.eval()).output().data().shape());
        assertNull(s2.bias());
        assertEquals(List.of(s2.weight()), s2.params());
        assertEquals(Map.of("in_channels", 2, "out_channels", 4, "kernel", 3, "stride", 2, "padding", 1, "bias", false), s2.spec());
        double bound = 1 / Math.sqrt(2 * 9);
        for (double w : GradCheck.values(s2.weight().value())) assertTrue(Math.abs(w) <= bound, "PyTorch init bound: " + w);
    }

    @Test
    void convolutionWithoutInputGradientStillAccumulatesParameterGradients() {
        Conv2d a = new Conv2d(2, 3, 3, 1, 0, true, D, new SplittableRandom(6)), b = new Conv2d(2, 3, 3, 1, 0, true, D, new SplittableRandom(6));
        Seq x = input(false, B, 2, 6, 6);
        Forward fa = a.forward(x, Pass.train(1)), fb = b.forward(x, Pass.train(1));
        INDArray g = GradCheck.random(fa.output().data().shape(), 2);
        assertNull(fa.backward(Seq.of(g.dup(), T), false));
        assertThrows(IllegalStateException.class, () -> fa.backward(Seq.of(g.dup(), T).sumOverTime(), true), "layout mismatch");
        fb.backward(Seq.of(g.dup(), T), true);
        fb.backward(Seq.of(g.dup(), T), true); // accumulates: twice the gradient
        assertArrayEquals(GradCheck.values(b.weight().grad().div(2)), GradCheck.values(a.weight().grad()), 1e-12);
        assertArrayEquals(GradCheck.values(b.bias().grad().div(2)), GradCheck.values(a.bias().grad()), 1e-12);
    }

    @Test
    void poolingByHand() {
        INDArray x = Nd4j.createFromArray(1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16).reshape(1, 1, 4, 4);
        Forward avg = new AvgPool2d(2).forward(Seq.of(x, 1), Pass.eval()), max = new MaxPool2d(2).forward(Seq.of(x, 1), Pass.eval());
        assertArrayEquals(new double[]{3.5, 5.5, 11.5, 13.5}, GradCheck.values(avg.output().data()), 1e-12);
        assertArrayEquals(new double[]{6, 8, 14, 16}, GradCheck.values(max.output().data()), 1e-12);
        INDArray g = Nd4j.createFromArray(1.0, 2, 3, 4).reshape(1, 1, 2, 2);
        assertArrayEquals(new double[]{.25, .25, .5, .5, .25, .25, .5, .5, .75, .75, 1, 1, .75, .75, 1, 1},
                GradCheck.values(avg.backward(Seq.of(g.dup(), 1), true).data()), 1e-12);
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4},
                GradCheck.values(max.backward(Seq.of(g.dup(), 1), true).data()), 1e-12);
        // 5x5 with k=2: the last row and column are dropped (floor), as in PyTorch
        INDArray x5 = Nd4j.arange(25).castTo(D).reshape(1, 1, 5, 5);
        assertArrayEquals(new double[]{3, 5, 13, 15}, GradCheck.values(new AvgPool2d(2).forward(Seq.of(x5, 1), Pass.eval()).output().data()), 1e-12);
        assertArrayEquals(new long[]{3, 2, 2}, new MaxPool2d(2).outputShape(new long[]{3, 5, 5}));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0));
    }

    @Test
    void flattenIsACOrderReshape() {
        Seq x = input(false, B, 2, 3, 3);
        Forward f = new Flatten().forward(x, Pass.eval());
        assertArrayEquals(new long[]{T * B, 18}, f.output().data().shape());
        assertArrayEquals(GradCheck.values(x.data()), GradCheck.values(f.output().data()), 0);
        assertArrayEquals(new long[]{18}, new Flatten().outputShape(new long[]{2, 3, 3}));
        assertArrayEquals(x.data().shape(), f.backward(f.output(), true).data().shape());
    }

    @Test
    void batchNormRunningStatisticsLikePyTorch() {
        long[] shape = {T * B, 2, 3, 3};
        INDArray x = GradCheck.random(shape, 21).muli(3).addi(1);
        double[] v = GradCheck.values(x);
        BatchNorm bn = new BatchNorm(2, 1e-5, 0.2, D);
        bn.forward(Seq.of(x, T), Pass.train(1));
        bn.forward(Seq.of(x, T), Pass.train(2));
        int n = T * B * 9;
        for (int c = 0; c < 2; c++) {
            double s = 0, s2 = 0;
            for (int r = 0; r < T * B; r++) for (int k = 0; k < 9; k++) s += v[(r * 2 + c) * 9 + k];
            double mean = s / n;
            for (int r = 0; r < T * B; r++) for (int k = 0; k < 9; k++) s2 += Math.pow(v[(r * 2 + c) * 9 + k] - mean, 2);
            double unbiased = s2 / (n - 1);
            // two updates with momentum 0.2: r = 0.8^2 r0 + (1 - 0.8^2) stat
            assertEquals(0.36 * mean, bn.params().get(2).value().getDouble(c), 1e-12, "running_mean " + c);
            assertEquals(0.64 + 0.36 * unbiased, bn.params().get(3).value().getDouble(c), 1e-12, "running_var " + c);
        }
        // a static input counts its T copies: unbiased factor n/(n-1) with n = T*B*H*W
        BatchNorm st = new BatchNorm(1, 1e-5, 0.1, D);
        st.forward(Seq.constant(Nd4j.createFromArray(1.0, 3).reshape(2, 1), 3), Pass.train(1));
        assertEquals(0.2, st.params().get(2).value().getDouble(0), 1e-12);
        assertEquals(0.9 + 0.1 * 1.0 * 6 / 5, st.params().get(3).value().getDouble(0), 1e-12);
        assertEquals(List.of("gamma", "beta", "running_mean", "running_var"), bn.params().stream().map(Param::name).toList());
        assertTrue(!bn.params().get(2).isTrainable() && !bn.params().get(3).isTrainable());
    }

    @Test
    void batchNormEvalUsesRunningStatistics() {
        BatchNorm bn = new BatchNorm(2, 1e-5, 0.1, D);
        bn.params().get(0).value().assign(Nd4j.createFromArray(2.0, 3));
        bn.params().get(1).value().assign(Nd4j.createFromArray(0.5, -1));
        bn.params().get(2).value().assign(Nd4j.createFromArray(1.0, -2));
        bn.params().get(3).value().assign(Nd4j.createFromArray(4.0, 0.25));
        INDArray x = Nd4j.createFromArray(3.0, 0, 5, -1).reshape(2, 2);
        INDArray y = bn.forward(Seq.of(x, 1), Pass.eval()).output().data();
        double[] want = {2 * 2 / Math.sqrt(4 + 1e-5) + 0.5, 3 * 2 / Math.sqrt(0.25 + 1e-5) - 1,
                2 * 4 / Math.sqrt(4 + 1e-5) + 0.5, 3 * 1 / Math.sqrt(0.25 + 1e-5) - 1};
        assertArrayEquals(want, GradCheck.values(y), 1e-12);
        assertArrayEquals(new double[]{1, -2}, GradCheck.values(bn.params().get(2).value()), 0, "eval leaves running stats");
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0, 1e-5, 0.1, D));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 0, 0.1, D));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 1e-5, 1.5, D));
        assertThrows(IllegalArgumentException.class, () -> bn.forward(input(false, B, 3, 2, 2), Pass.eval()));
    }

    @Test
    void dropoutMasksAreDeterministicPerSeedAndConstantOverTime() {
        Seq x = Seq.of(Nd4j.ones(D, T * 3 * B, 2, 6, 6), 3 * T);
        Dropout d = new Dropout(0.25);
        INDArray y1 = d.forward(x, Pass.train(42)).output().data(), y2 = d.forward(x, Pass.train(42)).output().data();
        assertEquals(y1, y2, "same Pass seed, same mask");
        assertNotEquals(y1, d.forward(x, Pass.train(43)).output().data(), "another seed, another mask");
        Seq y = Seq.of(y1, 3 * T);
        for (int t = 1; t < 3 * T; t++) assertEquals(y.step(0), y.step(t), "step " + t);
        long kept = 0;
        for (double v : GradCheck.values(y.step(0))) {
            assertTrue(v == 0 || Math.abs(v - 4 / 3.0) < 1e-12, "inverted scale 1/(1-p): " + v);
            if (v != 0) kept++;
        }
        assertTrue(kept > 0.6 * B * 72 && kept < 0.9 * B * 72, "about 75% kept: " + kept);
        Seq st = Seq.constant(Nd4j.ones(D, B, 2, 6, 6), T);
        Seq ys = d.forward(st, Pass.train(42)).output();
        assertTrue(ys.isStatic());
        assertEquals(y.step(0), ys.data(), "a static input gets the same [B,F] mask");
        assertEquals(x.data(), d.forward(x, Pass.eval()).output().data(), "identity in eval");
        assertNull(d.forward(x, Pass.train(1)).backward(x, false));
        for (double p : new double[]{-0.1, 1, Double.NaN}) assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
    }
}
