package org.snnlab.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Param;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optimizers against values computed by hand, on both the fused float path and the in-place ND4J path
 * (double), state round trips and buffers.
 */
class OptimizerTest {
    static final DataType[] PATHS = {DataType.FLOAT, DataType.DOUBLE};

    static Param param(DataType dt, double... v) {
        return Param.trainable("w", Param.Role.WEIGHT, Nd4j.createFromArray(v).castTo(dt));
    }

    static void step(Optimizer o, Param p, double lr, double... g) {
        p.grad().assign(Nd4j.createFromArray(g).castTo(p.grad().dataType()));
        o.step(List.of(p), lr);
    }

    static double tol(DataType dt) {
        return dt == DataType.FLOAT ? 1e-6 : 1e-12;
    }

    @Test
    void adamMovesEachWeightByLrTimesSignOfAConstantGradient() {
        // constant g: m_hat = g and v_hat = g^2 exactly, so every step is lr g / (|g| + eps)
        for (DataType dt : PATHS) {
            Param p = param(dt, 1.0, -2.0);
            Adam a = new Adam(0.9, 0.999, 1e-8, 0);
            step(a, p, 0.1, 0.5, -3.0);
            assertArrayEquals(new double[]{0.9, -1.9}, p.value().toDoubleVector(), 1e-6, dt + " step 1");
            step(a, p, 0.1, 0.5, -3.0);
            step(a, p, 0.1, 0.5, -3.0);
            assertArrayEquals(new double[]{0.7, -1.7}, p.value().toDoubleVector(), 1e-6, dt + " step 3");
        }
    }

    @Test
    void parameterGroupsScaleTheRateByRole() {
        // constant gradients: each step moves a weight by its rate, so a group at 10x moves 10x as far
        for (DataType dt : PATHS) {
            Param w = Param.trainable("1_Dense.weight", Param.Role.WEIGHT, Nd4j.createFromArray(1.0, -2.0).castTo(dt));
            Param th = Param.trainable("2_Lif.threshold", Param.Role.THRESHOLD, Nd4j.createFromArray(1.25, 1.25).castTo(dt));
            Param frozen = Param.trainable("4_Lif.beta", Param.Role.LEAK, Nd4j.createFromArray(0.9).castTo(dt));
            for (Optimizer o : List.of(new Adam(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.THRESHOLD, 10).withLrScale(Param.Role.LEAK, 0),
                    Adam.adamW(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.THRESHOLD, 10).withLrScale(Param.Role.LEAK, 0))) {
                w.value().assign(Nd4j.createFromArray(1.0, -2.0));
                th.value().assign(1.25);
                frozen.value().assign(0.9);
                for (int i = 0; i < 2; i++) {
                    w.grad().assign(Nd4j.createFromArray(0.5, -3.0));
                    th.grad().assign(Nd4j.createFromArray(-1.0, 2.0));
                    frozen.grad().assign(1.0);
                    o.step(List.of(w, th, frozen), 0.01);
                }
                assertArrayEquals(new double[]{0.98, -1.98}, w.value().toDoubleVector(), 1e-6, dt + " weights at the base rate");
                assertArrayEquals(new double[]{1.45, 1.05}, th.value().toDoubleVector(), 1e-6, dt + " thresholds at 10x");
                assertEquals(0.9f, frozen.value().getFloat(0), 0, dt + " a 0x group never moves");
                assertTrue(o.describe().contains("lr_x10.0_for_*threshold"), o.describe());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, 0).withLrScale(null, 2));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.BUFFER, 2));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.THRESHOLD, -1));
    }

    @Test
    void adamSecondStepAfterASignChangeByHand() {
        for (DataType dt : PATHS) {
            Param p = param(dt, 1.0);
            Adam a = new Adam(0.9, 0.999, 1e-8, 0);
            step(a, p, 0.1, 1.0);
            step(a, p, 0.1, -1.0);
            // m = .9*.1 - .1 = -.01 -> m_hat = -.01/.19; v = .999*.001 + .001 = .001999 -> v_hat = 1
            double w1 = 1 - 0.1 / (1 + 1e-8);
            assertEquals(w1 - 0.1 * (-0.01 / 0.19) / (1 + 1e-8), p.value().getDouble(0), tol(dt), dt.toString());
        }
    }

    @Test
    void adamWeightDecayIsCoupledAndAdamWDecoupled() {
        for (DataType dt : PATHS) {
            // Adam: g = 0 + .1*1 = .1 -> first step is lr sign(.1) = .1
            Param p = param(dt, 1.0);
            Adam a = new Adam(0.9, 0.999, 1e-8, 0.1);
            step(a, p, 0.1, 0.0);
            assertEquals(0.9, p.value().getDouble(0), 1e-6, dt + " adam step 1");
            // step 2: w1 = 1 - .1*.1/(.1 + eps) ~ .9, g = .1 w1 ~ .09; m = .9*.01 + .1 g ~ .018; v = .999*1e-5 + .001 g^2 ~ 1.809e-5
            step(a, p, 0.1, 0.0);
            double w1 = 1 - 0.1 * 0.1 / (0.1 + 1e-8), g2 = 0.1 * w1;
            double mHat = (0.9 * 0.1 * 0.1 + 0.1 * g2) / 0.19, vHat = (0.999 * 0.001 * 0.01 + 0.001 * g2 * g2) / (1 - 0.999 * 0.999);
            assertEquals(w1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), p.value().getDouble(0), tol(dt), dt + " adam step 2");
            assertEquals(0.9 - 0.1 * (0.018 / 0.19) / Math.sqrt(1.809e-5 / 0.001999), p.value().getDouble(0), 1e-6, "rounded by hand");

            // AdamW with g = (1, -1): w = w (1 - lr wd) - lr sign(g) at every step
            Param q = param(dt, 1.0, 2.0);
            Adam aw = Adam.adamW(0.9, 0.999, 1e-8, 0.1);
            step(aw, q, 0.1, 1.0, -1.0);
            assertArrayEquals(new double[]{0.89, 2.08}, q.value().toDoubleVector(), 1e-6, dt + " adamw step 1");
            step(aw, q, 0.1, 1.0, -1.0);
            assertArrayEquals(new double[]{0.89 * 0.99 - 0.1, 2.08 * 0.99 + 0.1}, q.value().toDoubleVector(), 1e-6, dt + " adamw step 2");
            // decay alone: a zero gradient still shrinks the weight by (1 - lr wd), the moments stay 0
            Param z = param(dt, 2.0);
            Adam.adamW(0.9, 0.999, 1e-8, 0.1).step(List.of(z), 0.5);
            assertEquals(2.0 * (1 - 0.5 * 0.1), z.value().getDouble(0), tol(dt));
        }
    }

    @Test
    void fusedFloatPathAgreesWithTheNd4jPath() {
        INDArray w0 = org.snnlab.testing.GradCheck.random(new long[]{7, 5}, 1);
        for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(
                () -> new Adam(0.9, 0.99, 1e-8, 0.01), () -> Adam.adamW(0.8, 0.999, 1e-6, 0.05))) {
            Param f = Param.trainable("w", Param.Role.WEIGHT, w0.castTo(DataType.FLOAT)), d = Param.trainable("w", Param.Role.WEIGHT, w0.dup());
            Optimizer of = make.get(), od = make.get();
            for (int s = 0; s < 3; s++) {
                INDArray g = org.snnlab.testing.GradCheck.random(new long[]{7, 5}, 10 + s);
                f.grad().assign(g.castTo(DataType.FLOAT));
                d.grad().assign(g);
                of.step(List.of(f), 0.01);
                od.step(List.of(d), 0.01);
            }
            assertArrayEquals(org.snnlab.testing.GradCheck.values(d.value()),
                    org.snnlab.testing.GradCheck.values(f.value().castTo(DataType.DOUBLE)), 1e-5, of.describe());
        }
    }

    /** The SIMD loop and the scalar fused loop give the same floats, bit for bit (a vector tail and chunks included). */
    @Test
    void vectorAdamEqualsTheScalarLoopBitForBit() {
        ComputeOptions simd = ComputeOptions.defaults(), scalar = simd.withVector(false);
        assertTrue(simd.vector(), "tests run with the Vector API module");
        for (long[] shape : new long[][]{{7, 5}, {171, 233}})
            for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(
                    () -> new Adam(0.9, 0.99, 1e-8, 0.01), () -> Adam.adamW(0.8, 0.999, 1e-6, 0.05))) {
                INDArray w0 = org.snnlab.testing.GradCheck.random(shape, 3).castTo(DataType.FLOAT);
                Param a = Param.trainable("w", Param.Role.WEIGHT, w0.dup()), b = Param.trainable("w", Param.Role.WEIGHT, w0.dup());
                Optimizer oa = make.get(), ob = make.get();
                for (int s = 0; s < 3; s++) {
                    INDArray g = org.snnlab.testing.GradCheck.random(shape, 30 + s).castTo(DataType.FLOAT);
                    a.grad().assign(g);
                    b.grad().assign(g);
                    oa.step(List.of(a), 0.01, simd);
                    ob.step(List.of(b), 0.01, scalar);
                }
                assertArrayEquals(b.value().data().asFloat(), a.value().data().asFloat(), 0f, oa.describe() + " " + shape[0]);
                assertTrue(a.value().neq(w0).any(), "the weights moved");
            }
    }

    @Test
    void computeOptionsChooseTheFusedOrTheNd4jFloatPathAndBothAgree() {
        ComputeOptions on = ComputeOptions.defaults().withFused(true), off = on.withFused(false);
        INDArray w0 = org.snnlab.testing.GradCheck.random(new long[]{7, 5}, 2).castTo(DataType.FLOAT);
        assertTrue(Fused.applies(on, w0), "fused on: the float loop");
        assertFalse(Fused.applies(off, w0), "fused off: ND4J ops");
        assertFalse(Fused.applies(on, w0.castTo(DataType.DOUBLE)), "double always takes ND4J ops");
        for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(
                () -> new Adam(0.9, 0.99, 1e-8, 0.01), () -> Adam.adamW(0.8, 0.999, 1e-6, 0.05))) {
            Param f = Param.trainable("w", Param.Role.WEIGHT, w0.dup()), n = Param.trainable("w", Param.Role.WEIGHT, w0.dup());
            Optimizer of = make.get(), on4j = make.get();
            for (int s = 0; s < 3; s++) {
                INDArray g = org.snnlab.testing.GradCheck.random(new long[]{7, 5}, 20 + s).castTo(DataType.FLOAT);
                f.grad().assign(g);
                n.grad().assign(g);
                of.step(List.of(f), 0.01, on);
                on4j.step(List.of(n), 0.01, off);
            }
            assertArrayEquals(org.snnlab.testing.GradCheck.values(n.value().castTo(DataType.DOUBLE)),
                    org.snnlab.testing.GradCheck.values(f.value().castTo(DataType.DOUBLE)), 1e-6, of.describe());
        }
    }

    @Test
    void sgdByHand() {
        for (DataType dt : PATHS) {
            Param p = param(dt, 1.0, -2.0);
            step(new Sgd(0, 0, false), p, 0.1, 0.5, -3.0);
            assertArrayEquals(new double[]{0.95, -1.7}, p.value().toDoubleVector(), tol(dt), dt + " plain");

            Param d = param(dt, 1.0);
            step(new Sgd(0, 0.1, false), d, 0.1, 1.0); // w -= .1 (1 + .1)
            assertEquals(0.89, d.value().getDouble(0), tol(dt), dt + " plain + decay");

            // momentum .9, decay .1, g = 1: d = 1 + .1 w; b = .9 b + d; w -= .1 b
            Param m = param(dt, 1.0);
            Sgd s = new Sgd(0.9, 0.1, false);
            step(s, m, 0.1, 1.0); // d = 1.1, b = 1.1, w = .89
            assertEquals(0.89, m.value().getDouble(0), tol(dt), dt + " momentum 1");
            step(s, m, 0.1, 1.0); // d = 1.089, b = 2.079, w = .6821
            assertEquals(0.6821, m.value().getDouble(0), tol(dt), dt + " momentum 2");
            step(s, m, 0.1, 1.0); // d = 1.06821, b = 2.93931, w = .388169
            assertEquals(0.388169, m.value().getDouble(0), tol(dt), dt + " momentum 3");

            // Nesterov, no decay: w -= .1 (g + .9 b)
            Param n = param(dt, 1.0);
            Sgd sn = new Sgd(0.9, 0, true);
            step(sn, n, 0.1, 1.0); // b = 1, w = 1 - .19 = .81
            step(sn, n, 0.1, 1.0); // b = 1.9, w = .81 - .271 = .539
            assertEquals(0.539, n.value().getDouble(0), tol(dt), dt + " nesterov");
            // Nesterov with decay: d = 1.1, b = 1.1, w = 1 - .1 (1.1 + .99) = .791
            Param nd = param(dt, 1.0);
            step(new Sgd(0.9, 0.1, true), nd, 0.1, 1.0);
            assertEquals(0.791, nd.value().getDouble(0), tol(dt), dt + " nesterov + decay");
        }
    }

    @Test
    void restoredStateGivesBitIdenticalUpdates() {
        List<Supplier<Optimizer>> makers = List.of(() -> new Adam(0.9, 0.999, 1e-8, 0.01),
                () -> Adam.adamW(0.9, 0.999, 1e-8, 0.01), () -> new Sgd(0.9, 0.01, true));
        for (DataType dt : PATHS)
            for (Supplier<Optimizer> make : makers) {
                Optimizer a = make.get();
                Param p = param(dt, 0.3, -0.7, 1.1);
                step(a, p, 0.05, 0.2, -0.4, 0.9);
                step(a, p, 0.05, -0.1, 0.3, 0.5);
                Map<String, INDArray> saved = a.state();
                Optimizer b = make.get();
                b.loadState(saved);
                Param q = param(dt, p.value().toDoubleVector());
                for (double[] g : new double[][]{{0.7, 0.1, -0.2}, {-0.3, -0.6, 0.4}}) {
                    step(a, p, 0.05, g);
                    step(b, q, 0.05, g);
                }
                assertArrayEquals(p.value().toDoubleVector(), q.value().toDoubleVector(), 0, a.describe() + " " + dt);
                assertEquals(a.state().keySet(), b.state().keySet());
                for (String k : a.state().keySet())
                    assertArrayEquals(a.state().get(k).toDoubleVector(), b.state().get(k).toDoubleVector(), 0, k);
            }
    }

    @Test
    void stateKeysAreNamedAndExportedStateIsACopy() {
        Adam a = new Adam(0.9, 0.999, 1e-8, 0);
        Param p = param(DataType.DOUBLE, 1.0, 2.0);
        step(a, p, 0.1, 1.0, 1.0);
        step(a, p, 0.1, 1.0, 1.0);
        Map<String, INDArray> s = a.state();
        assertEquals(java.util.Set.of("step", "w.m", "w.v"), s.keySet());
        assertEquals(1, s.get("step").length());
        assertEquals(2, s.get("step").getLong(0));
        double[] m = s.get("w.m").toDoubleVector();
        step(a, p, 0.1, 5.0, 5.0);
        assertArrayEquals(m, s.get("w.m").toDoubleVector(), 0, "a later step does not change an exported state");
        assertEquals(java.util.Set.of("w.momentum"), stateOf(new Sgd(0.5, 0, false), p).keySet());
        assertTrue(stateOf(new Sgd(0, 0, false), p).isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, 0).loadState(Map.of("w.m", Nd4j.zeros(2))));
        assertTrue(e.getMessage().contains("w.v"), e.getMessage());
        Adam wrong = new Adam(0.9, 0.999, 1e-8, 0);
        wrong.loadState(Map.of("step", Nd4j.createFromArray(1L), "w.m", Nd4j.zeros(3), "w.v", Nd4j.zeros(3)));
        var e2 = assertThrows(IllegalArgumentException.class, () -> step(wrong, p, 0.1, 1.0, 1.0));
        assertTrue(e2.getMessage().contains("3 elements"), e2.getMessage());
    }

    static Map<String, INDArray> stateOf(Optimizer o, Param p) {
        step(o, p, 0.1, 1.0, 1.0);
        return o.state();
    }

    @Test
    void buffersAreNeverTouched() {
        for (Optimizer o : new Optimizer[]{new Adam(0.9, 0.999, 1e-8, 0.1), Adam.adamW(0.9, 0.999, 1e-8, 0.1), new Sgd(0.9, 0.1, false)}) {
            Param w = param(DataType.FLOAT, 1.0);
            Param buf = Param.buffer("running_mean", Nd4j.createFromArray(5.0f, -3.0f));
            w.grad().assign(1.0);
            o.step(List.of(w, buf), 0.5);
            o.step(List.of(w, buf), 0.5);
            assertArrayEquals(new double[]{5, -3}, buf.value().toDoubleVector(), 0, o.describe());
            assertFalse(o.state().keySet().stream().anyMatch(k -> k.startsWith("running_mean")), o.describe());
            assertTrue(w.value().getDouble(0) < 1.0, o.describe());
        }
    }

    @Test
    void hyperParametersAreValidated() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adam.adamW(0.9, -0.1, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Adam.adamW(0.9, 0.999, 1e-8, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(1.0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.9, -1, false));
        var n = assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0, true));
        assertTrue(n.getMessage().contains("nesterov"), n.getMessage());
    }

    @Test
    void clippingScalesToTheMaximumNormLikePyTorch() {
        Param a = param(DataType.DOUBLE, 0, 0), b = param(DataType.DOUBLE, 0);
        Param buf = Param.buffer("bn", Nd4j.createFromArray(100.0));
        a.grad().assign(Nd4j.createFromArray(3.0, 0.0));
        b.grad().assign(4.0);
        assertEquals(5.0, GradClip.clipGlobalNorm(List.of(a, b, buf), 1.0), 1e-12);
        assertEquals(3.0 / (5 + 1e-6), a.grad().getDouble(0), 1e-15);
        assertEquals(4.0 / (5 + 1e-6), b.grad().getDouble(0), 1e-15);
        // below the maximum: untouched
        b.grad().assign(0.5);
        a.grad().assign(0);
        assertEquals(0.5, GradClip.clipGlobalNorm(List.of(a, b), 1.0), 1e-15);
        assertEquals(0.5, b.grad().getDouble(0), 0);
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGlobalNorm(List.of(a), 0));
    }

    @Test
    void clampingBoundsTrainableWeightsOnly() {
        Param w = param(DataType.FLOAT, -2.0, 0.3, 5.0);
        Param buf = Param.buffer("bn", Nd4j.createFromArray(9.0f));
        GradClip.clampWeights(List.of(w, buf), -1, 1);
        assertArrayEquals(new double[]{-1, 0.3, 1}, w.value().toDoubleVector(), 1e-7);
        assertEquals(9.0, buf.value().getDouble(0), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> GradClip.clampWeights(List.of(w), 1, -1));
        assertTrue(e.getMessage().contains("min 1.0"), e.getMessage());
    }
}
