package org.snnlab.optim;

import org.junit.jupiter.api.Test;
import org.snnlab.optim.lr.CosineRestartsLr;
import org.snnlab.optim.lr.ExponentialLr;
import org.snnlab.optim.lr.LinearRestartsLr;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.optim.lr.OneCycleLr;
import org.snnlab.optim.lr.StepLr;
import org.snnlab.optim.lr.TriangularLr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FastSpiker's policies by name: the paper's periods, their stretch to shorter runs, '/' separators. */
class LrSchedulesParseTest {

    @Test
    void thePapersPoliciesAtPaperScale() {
        assertEquals(new StepLr(1e-3, 0.5, 20), LrSchedules.parse("step", 1e-3, 10, 1, 200));
        assertEquals(new CosineRestartsLr(1e-2, 1e-5, 100, 1, false), LrSchedules.parse("warm-restarts", 1e-2, 10, 1, 200));
        assertEquals(new LinearRestartsLr(1e-2, 1e-5, 40), LrSchedules.parse("linear-restarts", 1e-2, 10, 1, 200));
        assertEquals(new TriangularLr(1e-5, 1e-2, 25, false), LrSchedules.parse("triangular", 1e-2, 10, 1, 200));
        assertEquals(new TriangularLr(1e-5, 1e-2, 50, true), LrSchedules.parse("decreasing-triangular", 1e-2, 10, 1, 200));
        OneCycleLr oc = (OneCycleLr) LrSchedules.parse("one-cycle", 1e-2, 10, 1, 200);
        assertEquals(new OneCycleLr(1e-5, 1e-2, 1e-6, 90, 180, 200), oc);
        assertEquals(1e-5, oc.lr(180, 0), 1e-15, "back to 1e-5 by epoch 180");
        assertEquals(1e-6, oc.lr(200, 0), 1e-15, "then down to 1e-6");
    }

    @Test
    void periodsStretchWithTheRunAndArgumentsOverride() {
        // a 20-epoch run: stretch 0.1
        assertEquals(new StepLr(1e-3, 0.5, 2), LrSchedules.parse("step", 1e-3, 10, 0.1, 20));
        assertEquals(new OneCycleLr(1e-5, 1e-2, 1e-6, 9, 18, 20), LrSchedules.parse("onecycle", 1e-2, 10, 0.1, 20));
        assertEquals(new LinearRestartsLr(1e-2, 1e-5, 4), LrSchedules.parse("linear-restarts", 1e-2, 10, 0.1, 20));
        assertEquals(new ExponentialLr(1e-3, Math.pow(0.95, 10)), LrSchedules.parse("exponential", 1e-3, 10, 0.1, 20));
        assertEquals(new LinearRestartsLr(1e-2, 1e-5, 2), LrSchedules.parse("linear-restarts", 1e-2, 10, 0.001, 20), "at least 2");
        assertEquals(new StepLr(1e-3, 0.1, 5), LrSchedules.parse("step:0.1/5", 1e-3, 10, 0.1, 20), "'/' separates arguments");
        assertEquals(new OneCycleLr(1e-5, 1e-2, 1e-6, 3, 7, 20), LrSchedules.parse("one-cycle:3,7", 1e-2, 10, 0.1, 20));
        assertEquals(new StepLr(0.01, 0.5, 20), LrSchedules.parse("step", 0.01, 10), "the 3-argument form keeps the paper's periods");
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("step", 1e-3, 10, 0, 20));
        var e = assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("zigzag", 1e-3, 10, 1, 20));
        assertTrue(e.getMessage().contains("one-cycle"), e.getMessage());
    }
}
