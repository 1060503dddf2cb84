package org.snnlab.optim;

import org.junit.jupiter.api.Test;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.optim.lr.ExponentialLr;
import org.snnlab.optim.lr.LinearRestartsLr;
import org.snnlab.optim.lr.OneCycleLr;
import org.snnlab.optim.lr.TriangularLr;
import org.snnlab.optim.lr.WarmupLr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The FastSpiker learning-rate policies against values worked out by hand. */
class LrPoliciesTest {
    static final double E = 1e-15;

    @Test
    void exponential() {
        assertEquals(1e-3 * 0.9 * 0.9 * 0.9, new ExponentialLr(1e-3, 0.9).lr(3, 0), E);
    }

    @Test
    void linearDecreasingWarmRestarts() {
        LinearRestartsLr s = new LinearRestartsLr(1e-2, 1e-5, 40);
        assertEquals(1e-2, s.lr(0, 0), E);
        assertEquals(1e-5, s.lr(39, 0), E);
        assertEquals(1e-2, s.lr(40, 0), E, "restart");
        assertEquals(1e-2 - (1e-2 - 1e-5) * 10 / 39.0, s.lr(50, 0), E);
    }

    @Test
    void triangularAndDecreasingTriangular() {
        TriangularLr t = new TriangularLr(1e-5, 1e-2, 25, false);
        assertEquals(1e-5, t.lr(0, 0), E);
        assertEquals(1e-2, t.lr(25, 0), E);
        assertEquals(1e-5 + (1e-2 - 1e-5) * 0.6, t.lr(35, 0), E); // 10 of 25 epochs down from the peak
        assertEquals(1e-5, t.lr(50, 0), E);
        TriangularLr d = new TriangularLr(1e-5, 1e-2, 50, true);
        assertEquals(1e-2, d.lr(50, 0), E);
        assertEquals(1e-5 + (1e-2 - 1e-5) / 2, d.lr(150, 0), E, "second peak halved");
    }

    @Test
    void oneCycle() {
        OneCycleLr o = new OneCycleLr(1e-5, 1e-2, 1e-6, 90, 180, 200);
        assertEquals(1e-5, o.lr(0, 0), E);
        assertEquals(1e-2, o.lr(90, 0), E);
        assertEquals(1e-5, o.lr(180, 0), E);
        assertEquals(1e-5 + (1e-6 - 1e-5) * 0.5, o.lr(190, 0), E);
        assertEquals(1e-6, o.lr(200, 0), E);
        assertThrows(IllegalArgumentException.class, () -> new OneCycleLr(1e-5, 1e-2, 1e-6, 100, 90, 200));
    }

    @Test
    void warmup() {
        WarmupLr w = new WarmupLr(4, new ConstantLr(0.1));
        assertEquals(0.025, w.lr(0, 0), E);
        assertEquals(0.1, w.lr(0, 3), E);
        assertEquals(0.1, w.lr(2, 100), E);
    }
}
