package org.snnlab.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.model.Param;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.optim.lr.CosineLr;
import org.snnlab.optim.lr.LrSchedules;
import org.snnlab.optim.lr.StepLr;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Optimizers and schedules against values computed by hand. */
class OptimizerTest {

    static Param param(DataType dt, double... v) {
        Param p = Param.trainable("w", Nd4j.createFromArray(v).castTo(dt));
        return p;
    }

    @Test
    void adamFirstStepMovesEachWeightByLrTimesSignOfGradient() {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) { // fused and ND4J paths
            Param p = param(dt, 1.0, -2.0);
            p.grad().assign(Nd4j.createFromArray(0.5, -3.0).castTo(dt));
            new Adam(0.9, 0.999, 1e-8, 0).step(List.of(p), 0.1);
            assertArrayEquals(new double[]{0.9, -1.9}, p.value().toDoubleVector(), 1e-6, dt.toString());
        }
    }

    @Test
    void adamSecondStepByHandAndStateRoundTrip() {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            Param p = param(dt, 1.0);
            Adam a = new Adam(0.9, 0.999, 1e-8, 0);
            p.grad().assign(1.0);
            a.step(List.of(p), 0.1);
            Adam copy = new Adam(0.9, 0.999, 1e-8, 0);
            copy.loadState(a.state());
            Param q = param(dt, p.value().getDouble(0));
            p.grad().assign(-1.0);
            q.grad().assign(-1.0);
            a.step(List.of(p), 0.1);
            copy.step(List.of(q), 0.1);
            // m = .9*.1 - .1 = -.01 -> mhat = -.01/.19; v = .999*.001 + .001 = .001999 -> vhat = .001999/.001999 = 1
            double expect = 0.9 - 0.1 * (-0.01 / 0.19) / (1 + 1e-8);
            assertEquals(expect, p.value().getDouble(0), 1e-6);
            assertEquals(p.value().getDouble(0), q.value().getDouble(0), 0, "restored state gives the identical update");
        }
    }

    @Test
    void adamWDecouplesWeightDecayAndBuffersAreUntouched() {
        Param p = param(DataType.DOUBLE, 2.0);
        Param buf = Param.buffer("running_mean", Nd4j.createFromArray(5.0));
        p.grad().assign(0.0);
        new AdamW(0.9, 0.999, 1e-8, 0.1).step(List.of(p, buf), 0.5);
        assertEquals(2.0 * (1 - 0.5 * 0.1), p.value().getDouble(0), 1e-12);
        assertEquals(5.0, buf.value().getDouble(0));
    }

    @Test
    void sgdMomentumByHand() {
        Param p = param(DataType.DOUBLE, 1.0);
        Sgd s = new Sgd(0.9, 0, false);
        p.grad().assign(1.0);
        s.step(List.of(p), 0.1); // b = 1, w = .9
        s.step(List.of(p), 0.1); // b = 1.9, w = .71
        assertEquals(0.71, p.value().getDouble(0), 1e-12);
    }

    @Test
    void clippingScalesToTheMaximumNorm() {
        Param a = param(DataType.DOUBLE, 0, 0), b = param(DataType.DOUBLE, 0);
        a.grad().assign(Nd4j.createFromArray(3.0, 0.0));
        b.grad().assign(4.0);
        assertEquals(5.0, GradClip.clipGlobalNorm(List.of(a, b), 1.0), 1e-12);
        assertEquals(3.0 / (5 + 1e-6), a.grad().getDouble(0), 1e-12);
        assertEquals(4.0 / (5 + 1e-6), b.grad().getDouble(0), 1e-12);
    }

    @Test
    void schedulesEqualTheirClosedForms() {
        CosineLr c = new CosineLr(0.1, 0.001, 100);
        assertEquals(0.1, c.lr(0, 0), 1e-15);
        assertEquals(0.001 + 0.099 / 2, c.lr(0, 50), 1e-15);
        assertEquals(0.001, c.lr(0, 100), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.37)) / 2, c.lr(3, 37), 1e-15);
        assertEquals(c.lr(0, 50), c.lr(0, 150), 1e-15, "periodic past T_max, as PyTorch's recursion");
        StepLr s = new StepLr(1e-3, 0.5, 20);
        assertEquals(1e-3, s.lr(19, 0), 0);
        assertEquals(5e-4, s.lr(20, 0), 0);
        assertEquals(2.5e-4, s.lr(45, 0), 1e-18);
        assertEquals(1.25e-4, s.lr(60, 0), 1e-18);
        assertEquals(0.01, new ConstantLr(0.01).lr(99, 9999));
        assertEquals("cosine(lr=0.002,eta_min=0.0,t_max=790)", LrSchedules.parse("cosine", 0.002, 79).describe());
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.parse("linear", 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 0, 0));
    }
}
