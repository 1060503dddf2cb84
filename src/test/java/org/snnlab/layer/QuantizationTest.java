package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.QsnnConv;
import org.snnlab.core.Pass;
import org.snnlab.model.QuantizedExport;
import org.snnlab.core.Seq;
import org.snnlab.optim.lr.CosineRestartsLr;
import org.snnlab.testing.GradCheck;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k-bit QAT: level counts, the straight-through gradient, export, and the warm-restart schedule. */
class QuantizationTest {

    @Test
    void quantizedWeightsTakeAtMostTwoToTheKValues() {
        for (int k : new int[]{2, 4, 8}) {
            WeightQuantizer q = new WeightQuantizer(k);
            INDArray w = GradCheck.random(new long[]{64, 50}, k);
            long distinct = Arrays.stream(GradCheck.values(q.quantize(w))).map(v -> v + 0.0).distinct().count(); // -0.0 == 0.0
            assertTrue(distinct <= (1L << k), k + " bits: " + distinct + " values");
            assertEquals(k == 2 ? 3 : (1L << k) - 1, distinct, "narrow range uses 2^k - 1 levels");
            double maxErr = GradCheck.values(q.quantize(w).sub(w)).length == 0 ? 0 : q.quantize(w).sub(w).amaxNumber().doubleValue();
            assertTrue(maxErr <= q.scale(w) / 2 + 1e-12, "rounding error at most half a step");
        }
        assertThrows(IllegalArgumentException.class, () -> new WeightQuantizer(1));
    }

    @Test
    void straightThroughGradientEqualsTheFullPrecisionGradient() {
        for (boolean conv : new boolean[]{false, true}) {
            Layer fp = conv ? new Conv2d(2, 3, 3, 1, 0, false, DataType.DOUBLE, new SplittableRandom(1))
                    : new Dense(6, 4, false, DataType.DOUBLE, new SplittableRandom(1));
            Layer qt = conv ? new Conv2d(2, 3, 3, 1, 0, false, DataType.DOUBLE, new SplittableRandom(1)).quantized(new WeightQuantizer(4))
                    : new Dense(6, 4, false, DataType.DOUBLE, new SplittableRandom(1)).quantized(new WeightQuantizer(4));
            Seq x = Seq.of(GradCheck.random(conv ? new long[]{4, 2, 5, 5} : new long[]{4, 6}, 2), 2);
            var f1 = fp.forward(x, Pass.eval());
            var f2 = qt.forward(x, Pass.eval());
            assertNotEquals(GradCheck.values(f1.output().data())[0], GradCheck.values(f2.output().data())[0], "forward uses w_q");
            INDArray g = GradCheck.random(f1.output().data().shape(), 3);
            f1.backward(Seq.of(g.dup(), 2), false);
            f2.backward(Seq.of(g.dup(), 2), false);
            assertArrayEquals(GradCheck.values(fp.params().get(0).grad()), GradCheck.values(qt.params().get(0).grad()), 1e-12,
                    "STE: dL/dw = dL/dw_q (max-abs scale clips nothing)");
        }
    }

    @Test
    void exportGivesIntegerLevelsThatRebuildTheQuantizedWeights() {
        var net = QsnnConv.paper(10).withDropout(0).withQuantBits(4).build(DataType.FLOAT, new SplittableRandom(2));
        var export = QuantizedExport.export(net);
        assertEquals(3, export.size());
        Dense d = (Dense) net.layers().get(9);
        int[] levels = (int[]) export.get(2).get("levels");
        double scale = (double) export.get(2).get("scale");
        double[] wq = GradCheck.values(d.quantizer().quantize(d.weight().value()));
        for (int i = 0; i < levels.length; i++) {
            assertTrue(Math.abs(levels[i]) <= 7);
            assertEquals(wq[i], levels[i] * scale, 1e-6);
        }
    }

    @Test
    void warmRestartsEqualTheClosedForm() {
        CosineRestartsLr s = new CosineRestartsLr(0.1, 0.0, 10, 2, true);
        assertEquals(0.1, s.lr(0, 0), 1e-15);
        assertEquals(0.05, s.lr(0, 5), 1e-15);
        assertEquals(0.1, s.lr(0, 10), 1e-15, "restart after T_0");
        assertEquals(0.05, s.lr(0, 20), 1e-15, "second cycle lasts 20: halfway at 10 + 10");
        assertEquals(0.1, s.lr(0, 30), 1e-15, "third cycle starts at 10 + 20");
        assertEquals(0.1 * (1 + Math.cos(Math.PI * 7 / 40)) / 2, s.lr(0, 37), 1e-15);
        CosineRestartsLr e = new CosineRestartsLr(1e-2, 1e-5, 100, 1, false); // FastSpiker policy 1
        assertEquals(1e-5 + 0.5 * (1e-2 - 1e-5) * (1 + Math.cos(Math.PI * 30 / 100)), e.lr(130, 0), 1e-15);
    }
}
