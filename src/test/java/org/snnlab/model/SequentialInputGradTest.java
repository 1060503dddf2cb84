package org.snnlab.model;

import org.snnlab.core.Seq;
import org.snnlab.core.Pass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.testing.GradCheck;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers below the first trainable one get no input gradient, and the parameter gradients do not change. */
class SequentialInputGradTest {

    static Sequential net() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(List.of(new AvgPool2d(2), new Conv2d(2, 4, 3, 1, 1, false, DataType.DOUBLE, rng),
                new Lif(4 * 4 * 4, LifConfig.of(0.5, 0.2), DataType.DOUBLE), new Flatten(),
                new Dense(64, 3, false, DataType.DOUBLE, rng)));
    }

    @Test
    void leadingParameterFreeLayersAreSkipped() {
        INDArray x = GradCheck.random(new long[]{5 * 2, 2, 8, 8}, 1).addi(0.5);
        INDArray g = GradCheck.random(new long[]{5 * 2, 3}, 2);
        Sequential a = net(), b = net();
        assertEquals(1, a.forward(Seq.of(x, 5), Pass.eval()).firstTrainable());
        Sequential.Trace ta = a.forward(Seq.of(x, 5), Pass.eval()), tb = b.forward(Seq.of(x, 5), Pass.eval());
        assertNull(ta.backward(Seq.of(g.dup(), 5), false), "no gradient for the data");
        Seq full = tb.backward(Seq.of(g.dup(), 5), true);
        assertNotNull(full);
        assertEquals(x.length(), full.data().length());
        for (int i = 0; i < a.params().size(); i++) {
            INDArray ga = a.params().get(i).grad(), gb = b.params().get(i).grad();
            assertTrue(ga.norm2Number().doubleValue() > 0, "gradient reached " + a.params().get(i).name());
            assertEquals(0, GradCheck.relError(ga, gb), 1e-12, a.params().get(i).name());
        }
    }
}
