package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.testing.GradCheck;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sparse binary-input products of Dense equal the dense GEMMs (their pure ND4J twin). */
class SpikeMatmulTest {

    static INDArray spikes(int rows, int cols, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() < density ? 1f : 0f;
        return Nd4j.create(v, new long[]{rows, cols}, 'c');
    }

    @Test
    void sparseProductsEqualGemms() {
        INDArray x = spikes(300, 700, 0.1, 1);
        INDArray w = GradCheck.random(new long[]{700, 33}, 2).castTo(DataType.FLOAT);
        INDArray b = GradCheck.random(new long[]{1, 33}, 3).castTo(DataType.FLOAT);
        SpikeMatmul.Csr csr = SpikeMatmul.csrOf(x);
        assertNotNull(csr);
        INDArray expectY = x.mmul(w).addiRowVector(b);
        double ey = GradCheck.relError(SpikeMatmul.forward(csr, w, b).castTo(DataType.DOUBLE), expectY.castTo(DataType.DOUBLE));
        INDArray g = GradCheck.random(new long[]{300, 33}, 4).castTo(DataType.FLOAT);
        INDArray gw = Nd4j.ones(DataType.FLOAT, 700, 33);
        SpikeMatmul.accumulateWeightGrad(csr, g, gw);
        INDArray expectGw = x.transpose().mmul(g).addi(1);
        double eg = GradCheck.relError(gw.castTo(DataType.DOUBLE), expectGw.castTo(DataType.DOUBLE));
        assertTrue(ey < 1e-6 && eg < 1e-6, "forward " + ey + ", weight grad " + eg);
    }

    @Test
    void denseOrNonBinaryInputsFallBackToGemm() {
        assertNull(SpikeMatmul.csrOf(spikes(300, 700, 0.5, 1)), "too dense");
        INDArray x = spikes(300, 700, 0.1, 1);
        x.putScalar(5, 0.5f);
        assertNull(SpikeMatmul.csrOf(x), "not binary");
        assertNull(SpikeMatmul.csrOf(spikes(300, 700, 0.1, 1).castTo(DataType.DOUBLE)), "double: GEMM");
    }
}
