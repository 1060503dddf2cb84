package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.train.energy.OpCounter;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-pass binary check and spike count of {@link OpTally} against its ND4J twin. */
class OpTallyTest {

    private static INDArray spikes(int rows, int cols, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() < density ? 1f : 0f;
        return Nd4j.createFromArray(v).reshape('c', rows, cols);
    }

    @Test
    void fusedColumnSumsEqualTheNd4jTwinOnBinaryInput() {
        for (double density : new double[]{0, 0.02, 0.3, 1}) {
            INDArray x = spikes(37, 129, density, 7);
            double[] fused = OpTally.columnSums(x), twin = OpTally.columnSumsNd4j(x);
            assertArrayEquals(twin, fused, 0, "density " + density);
            assertEquals(x.sumNumber().doubleValue(), java.util.Arrays.stream(fused).sum(), 0);
        }
    }

    @Test
    void parallelRowBlocksEqualTheTwinAndStillRefuseNonBinary() {
        int rows = 2050, cols = 520; // >= PARALLEL_FROM elements: 9 row blocks of CHUNK after the first row
        org.junit.jupiter.api.Assertions.assertTrue((long) rows * cols >= OpTally.PARALLEL_FROM);
        INDArray x = spikes(rows, cols, 0.1, 13);
        assertArrayEquals(OpTally.columnSumsNd4j(x), OpTally.columnSums(x), 0);
        for (int at : new int[]{cols + 3, 1000 * cols + 7, rows * cols - 1}) { // first block, a middle one, the last element
            INDArray y = x.dup();
            y.data().put(at, 0.5f);
            assertNull(OpTally.columnSums(y), "0.5 at " + at);
        }
    }

    @Test
    void anyNonBinaryValueAnywhereMakesBothNull() {
        for (float bad : new float[]{0.5f, 2f, -1f, 1e-30f, 1.0000001f, Float.NaN, Float.POSITIVE_INFINITY}) {
            for (int at : new int[]{0, 17 * 64 + 5, 40 * 64 - 1}) { // first, middle, last element
                INDArray x = spikes(40, 64, 0.2, 3);
                x.data().put(at, bad);
                assertNull(OpTally.columnSums(x), "value " + bad + " at " + at);
                if (!Float.isNaN(bad)) assertNull(OpTally.columnSumsNd4j(x), "twin: value " + bad + " at " + at);
                assertFalse(OpTally.isBinary(x));
            }
        }
        assertTrue(OpTally.isBinary(spikes(5, 5, 0.5, 1)));
        assertTrue(OpTally.isBinary(Nd4j.create(DataType.FLOAT, 0, 4)));
    }

    @Test
    void aViewAndDoublesTakeTheTwinAndAgree() {
        INDArray x = spikes(20, 30, 0.3, 5);
        INDArray view = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 12), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertArrayEquals(view.sum(0).castTo(DataType.DOUBLE).toDoubleVector(), OpTally.columnSums(view), 0);
        INDArray d = x.castTo(DataType.DOUBLE);
        assertArrayEquals(OpTally.columnSums(x), OpTally.columnSums(d), 0);
    }

    @Test
    void aDenseLayerCountsTheSameAccumulatesOnEveryPath() {
        // 2 steps x 64 examples x 600 inputs: large enough for the sparse CSR path, which then supplies the count
        INDArray x = spikes(128, 600, 0.05, 11);
        double expected = x.sumNumber().doubleValue() * 10 / 64;
        for (ComputeOptions c : new ComputeOptions[]{ComputeOptions.defaults(), ComputeOptions.defaults().withSparse(true), ComputeOptions.defaults().withFused(false)}) {
            Dense d = new Dense(600, 10, true, DataType.FLOAT, new SplittableRandom(1));
            d.bindName("d");
            OpCounter counter = new OpCounter();
            d.forward(Seq.of(x, 2), Pass.eval().withStats(counter).withCompute(c));
            OpCounter.LayerOps ops = counter.layers().get(0);
            assertEquals(expected, ops.accumulates(), 1e-6, "compute " + c);
            assertEquals(0, ops.multiplyAccumulates());
            assertEquals(600 * 10, ops.annMultiplyAccumulates(), 1e-9);
        }
    }
}
