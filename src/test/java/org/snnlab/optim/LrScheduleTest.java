package org.snnlab.optim;

import org.junit.jupiter.api.Test;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.optim.lr.CosineLr;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.optim.lr.StepLr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constant, step and cosine schedules against values worked out by hand; parsing and validation. */
class LrScheduleTest {

    @Test
    void constant() {
        assertEquals(0.01, new ConstantLr(0.01).lr(0, 0));
        assertEquals(0.01, new ConstantLr(0.01).lr(99, 9999));
    }

    @Test
    void stepDecaysPerEpoch() {
        StepLr s = new StepLr(1e-3, 0.5, 20); // FastSpiker's baseline
        assertEquals(1e-3, s.lr(0, 0), 0);
        assertEquals(1e-3, s.lr(19, 123456), 0, "per epoch: the iteration does not matter");
        assertEquals(5e-4, s.lr(20, 0), 0);
        assertEquals(2.5e-4, s.lr(45, 0), 1e-18);
        assertEquals(1.25e-4, s.lr(60, 0), 1e-18);
        assertEquals(0.1 * Math.pow(0.1, 3), new StepLr(0.1, 0.1, 1).lr(3, 0), 1e-18);
    }

    @Test
    void cosinePerIterationAndPeriodicPastTMax() {
        CosineLr c = new CosineLr(0.1, 0.001, 100);
        assertEquals(0.1, c.lr(0, 0), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.sqrt(0.5)) / 2, c.lr(0, 25), 1e-15);
        assertEquals(0.001 + 0.099 / 2, c.lr(0, 50), 1e-15);
        assertEquals(0.001, c.lr(0, 100), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.37)) / 2, c.lr(3, 37), 1e-15);
        // PyTorch's recursion stepped past T_max climbs back: cos(pi it / T_max) without wrapping, period 2 T_max
        assertEquals(c.lr(0, 50), c.lr(0, 150), 1e-15);
        assertEquals(c.lr(0, 75), c.lr(0, 125), 1e-15, "symmetric about T_max");
        assertEquals(0.1, c.lr(0, 200), 1e-15, "back at the maximum after 2 T_max");
        assertEquals(c.lr(0, 37), c.lr(9, 237), 1e-15, "the epoch does not matter");
        // QSNN MNIST: T_max = 4690 iterations (10 epochs of 469), eta_min 0
        CosineLr q = new CosineLr(5.4e-3, 0, 4690);
        assertEquals(5.4e-3 / 2, q.lr(5, 2345), 1e-15);
    }

    @Test
    void parsedByName() {
        assertInstanceOf(ConstantLr.class, LrSchedules.parse("constant", 0.01, 10));
        assertEquals(new StepLr(0.01, 0.5, 20), LrSchedules.parse("step", 0.01, 10));
        assertEquals(new StepLr(0.01, 0.1, 5), LrSchedules.parse("step:0.1,5", 0.01, 10));
        assertEquals(new CosineLr(0.002, 0, 790), LrSchedules.parse("cosine", 0.002, 79), "default T_max: 10 epochs");
        assertEquals(new CosineLr(0.002, 0, 300), LrSchedules.parse(" COSINE:300 ", 0.002, 79));
        assertEquals("cosine(lr=0.002,eta_min=0.0,t_max=790)", LrSchedules.parse("cosine", 0.002, 79).describe());
        var e = assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("linear", 0.1, 1));
        assertTrue(e.getMessage().contains("linear"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("step:half", 0.1, 1));
        assertTrue(n.getMessage().contains("step:half"), n.getMessage());
    }

    @Test
    void validationNamesTheBadValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConstantLr(0)).getMessage().contains("0.0"));
        assertThrows(IllegalArgumentException.class, () -> new ConstantLr(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepLr(0.1, 1.5, 10)).getMessage().contains("1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepLr(0.1, 0.5, 0)).getMessage().contains("got 0"));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(-0.1, 0.5, 10));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 0, 0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 0.2, 10)).getMessage().contains("0.2"));
        assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 0, 10).lr(0, -1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("cosine", 0.1, 0));
    }
}
