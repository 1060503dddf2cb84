package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;
import org.snnlab.util.Simd;

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

    /** The SIMD loops (tests run with the Vector API module) and the scalar ones. */
    static final boolean[] VECTOR = {true, false};

    @Test
    void sparseProductsEqualGemms() {
        assertTrue(Simd.AVAILABLE, "tests run with --add-modules jdk.incubator.vector (pom argLine)");
        for (boolean vector : VECTOR) {
            INDArray x = spikes(300, 700, 0.1, 1);
            INDArray w = GradCheck.random(new long[]{700, 33}, 2).castTo(DataType.FLOAT);
            INDArray b = GradCheck.random(new long[]{1, 33}, 3).castTo(DataType.FLOAT);
            SpikeMatmul.Csr csr = SpikeMatmul.csrOf(x, vector);
            assertNotNull(csr);
            INDArray expectY = x.mmul(w).addiRowVector(b);
            double ey = GradCheck.relError(SpikeMatmul.forward(csr, w, b, vector).castTo(DataType.DOUBLE), expectY.castTo(DataType.DOUBLE));
            INDArray g = GradCheck.random(new long[]{300, 33}, 4).castTo(DataType.FLOAT);
            INDArray gw = Nd4j.ones(DataType.FLOAT, 700, 33);
            SpikeMatmul.accumulateWeightGrad(csr, g, gw, vector);
            INDArray expectGw = x.transpose().mmul(g).addi(1);
            double eg = GradCheck.relError(gw.castTo(DataType.DOUBLE), expectGw.castTo(DataType.DOUBLE));
            assertTrue(ey < 1e-6 && eg < 1e-6, "vector=" + vector + ": forward " + ey + ", weight grad " + eg);
        }
    }

    @Test
    void denseOrNonBinaryInputsFallBackToGemm() {
        for (boolean vector : VECTOR) {
            assertNull(SpikeMatmul.csrOf(spikes(300, 700, 0.5, 1), vector), "too dense");
            INDArray x = spikes(300, 700, 0.1, 1);
            x.putScalar(5, 0.5f);
            assertNull(SpikeMatmul.csrOf(x, vector), "not binary");
            assertNull(SpikeMatmul.csrOf(spikes(300, 700, 0.1, 1).castTo(DataType.DOUBLE), vector), "double: GEMM");
        }
    }

    /** Dense takes the gathers only when its pass's options say sparse, and both paths agree. */
    @Test
    void denseChoosesTheSparsePathByThePassOptions() {
        INDArray x = spikes(300, 700, 0.1, 5);
        ComputeOptions dense = ComputeOptions.defaults(), sparse = dense.withSparse(true);
        assertNull(SpikeMatmul.binaryCsr(x, dense), "sparse is opt-in");
        assertNotNull(SpikeMatmul.binaryCsr(x, sparse));
        assertNull(SpikeMatmul.binaryCsr(x, sparse.withFused(false)), "no sparse path without the fused loops");
        Dense a = new Dense(700, 33, true, DataType.FLOAT, new SplittableRandom(6)), b = new Dense(700, 33, true, DataType.FLOAT, new SplittableRandom(6));
        Seq in = Seq.of(x, 3);
        var fa = a.forward(in, Pass.train(1).withCompute(dense));
        var fb = b.forward(in, Pass.train(1).withCompute(sparse));
        assertTrue(GradCheck.relError(fa.output().data().castTo(DataType.DOUBLE), fb.output().data().castTo(DataType.DOUBLE)) < 1e-6, "output");
        INDArray g = GradCheck.random(new long[]{300, 33}, 7).castTo(DataType.FLOAT);
        fa.backward(Seq.of(g.dup(), 3), false);
        fb.backward(Seq.of(g.dup(), 3), false);
        for (int i = 0; i < 2; i++)
            assertTrue(GradCheck.relError(a.params().get(i).grad().castTo(DataType.DOUBLE), b.params().get(i).grad().castTo(DataType.DOUBLE)) < 1e-6,
                    a.params().get(i).name());
    }
}
