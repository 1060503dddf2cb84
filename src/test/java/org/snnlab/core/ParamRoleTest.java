package org.snnlab.core;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.model.Models;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.RecurrentLif;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every layer names the role of each parameter it creates; selection by role replaces selection by name. */
class ParamRoleTest {
    static final DataType D = DataType.FLOAT;

    static List<Param.Role> roles(Layer l) {
        return l.params().stream().map(Param::role).toList();
    }

    @Test
    void layersCreateTheirParamsWithTheirRoles() {
        SplittableRandom r = new SplittableRandom(1);
        LifConfig learn = LifConfig.of(0.9, 1.0).withLearnThreshold(true).withLearnBeta(true);
        assertEquals(List.of(Param.Role.WEIGHT, Param.Role.BIAS), roles(new Dense(3, 2, true, D, r)));
        assertEquals(List.of(Param.Role.WEIGHT, Param.Role.BIAS), roles(new Conv2d(1, 2, 3, 1, 0, true, D, r)));
        assertEquals(List.of(Param.Role.SCALE, Param.Role.SHIFT, Param.Role.BUFFER, Param.Role.BUFFER), roles(new BatchNorm(2, 1e-5, 0.1, D)));
        assertEquals(List.of(Param.Role.THRESHOLD, Param.Role.LEAK), roles(new Lif(4, learn, D)));
        assertEquals(List.of(), roles(new Lif(4, LifConfig.of(0.9, 1.0), D)));
        assertEquals(List.of(Param.Role.THRESHOLD, Param.Role.LEAK), roles(new CubaLif(4, 0.5, learn, D)));
        assertEquals(List.of(Param.Role.RECURRENT_WEIGHT, Param.Role.BIAS, Param.Role.THRESHOLD, Param.Role.LEAK),
                roles(new RecurrentLif(4, learn, true, D, r)));
    }

    /** Role WEIGHT picks exactly what the old name rule ("trainable, name ends with weight") picked. */
    @Test
    void weightRoleIsWhatTheNameRulePicked() {
        SplittableRandom r = new SplittableRandom(2);
        LifConfig learn = Models.QSNN_FMNIST_LIF.withLearnThreshold(true);
        for (Sequential net : List.of(Models.fc(784, 32, 10, learn, D, r), org.snnlab.model.QsnnConv.reference(10).withLif(learn).withDropout(0.1).build(D, r),
                Models.qsnnConv(learn, 0, 10, LifConfig.Output.MEMBRANE, 4, false, D, r), Models.carsnn(16, 16, 2, 0.4, 1, D, r))) {
            List<String> byName = net.params().stream().filter(p -> p.isTrainable() && p.name().endsWith("weight")).map(Param::name).toList();
            List<String> byRole = net.params().stream().filter(p -> p.role() == Param.Role.WEIGHT).map(Param::name).toList();
            assertFalse(byRole.isEmpty());
            assertEquals(byName, byRole);
        }
    }

    @Test
    void buffersHaveNoGradientAndPrefixingKeepsTheRole() {
        Param b = Param.buffer("running_mean", Nd4j.zeros(D, 2));
        assertFalse(b.isTrainable());
        assertEquals(Param.Role.BUFFER, b.role());
        var e = assertThrows(IllegalStateException.class, b::grad);
        assertTrue(e.getMessage().contains("running_mean"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Param.trainable("w", Param.Role.BUFFER, Nd4j.zeros(D, 2)));
        assertThrows(IllegalArgumentException.class, () -> Param.trainable("w", null, Nd4j.zeros(D, 2)));
        Param t = Param.trainable("threshold", Param.Role.THRESHOLD, Nd4j.ones(D, 2));
        Param p = t.prefixed("1_Lif.");
        assertEquals("1_Lif.threshold", p.name());
        assertEquals(Param.Role.THRESHOLD, p.role());
        assertSame(t.value(), p.value());
        assertSame(t.grad(), p.grad());
    }
}
