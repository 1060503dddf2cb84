package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused float BatchNorm equals its pure ND4J twin (chosen by the pass's compute options): outputs,
 * input and parameter gradients, running stats.
 */
class FusedBatchNormTest {

    static void close(INDArray a, INDArray b, String what) {
        double e = GradCheck.relError(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE));
        assertTrue(e < 1e-5, what + " rel error " + e);
    }

    @Test
    void fusedEqualsNd4j() {
        for (boolean training : new boolean[]{true, false})
            for (boolean st : new boolean[]{false, true})
                for (long[] shape : new long[][]{{12, 5, 4, 4}, {12, 7}}) {
                    int c = (int) shape[1];
                    BatchNorm fused = new BatchNorm(c, 1e-5, 0.1, DataType.FLOAT), twin = new BatchNorm(c, 1e-5, 0.1, DataType.FLOAT);
                    INDArray x = GradCheck.random(shape, 3).muli(2).addi(0.5).castTo(DataType.FLOAT);
                    Seq in = new Seq(x, st ? 3 : 4, st);
                    Pass p = training ? Pass.train(1) : Pass.eval();
                    assertTrue(FusedBatchNorm.applies(x, p.compute()), "the default options fuse float32 on a CPU");
                    assertFalse(FusedBatchNorm.applies(x, p.compute().withFused(false)), "fused off: the ND4J twin");
                    var f = fused.forward(in, p);
                    var t = twin.forward(in, p.withCompute(p.compute().withFused(false)));
                    String w = "training=" + training + " static=" + st + " rank=" + shape.length;
                    close(t.output().data(), f.output().data(), w + " output");
                    INDArray g = GradCheck.random(shape, 5).castTo(DataType.FLOAT);
                    close(t.backward(new Seq(g.dup(), in.steps(), st), true).data(), f.backward(new Seq(g.dup(), in.steps(), st), true).data(), w + " dx");
                    for (int i = 0; i < 4; i++) {
                        var pf = fused.params().get(i);
                        var pt = twin.params().get(i);
                        close(pt.value(), pf.value(), w + " " + pt.name());
                        if (pt.isTrainable()) close(pt.grad(), pf.grad(), w + " d" + pt.name());
                    }
                }
    }
}
