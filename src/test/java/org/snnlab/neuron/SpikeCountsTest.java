package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.ComputeOptions;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The one-pass spike counts (SIMD and scalar) equal hand counts and their pure-ND4J twin, on dense arrays, views and odd widths. */
class SpikeCountsTest {
    static final ComputeOptions FUSED = ComputeOptions.defaults(), SCALAR = FUSED.withVector(false), ND4J = FUSED.withFused(false);

    static INDArray spikes(int rows, int n, double rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * n];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() < rate ? 1f : 0f;
        return Nd4j.createFromArray(v).reshape(rows, n);
    }

    static void assertSame(SpikeCounts a, SpikeCounts b) {
        assertArrayEquals(a.perNeuron().toDoubleVector(), b.perNeuron().toDoubleVector(), 0.0, "per neuron");
        assertArrayEquals(a.perStep().reshape(a.perStep().length()).toDoubleVector(), b.perStep().reshape(b.perStep().length()).toDoubleVector(), 0.0, "per step");
        assertArrayEquals(a.perExample().toDoubleVector(), b.perExample().toDoubleVector(), 0.0, "per example");
        assertArrayEquals(a.perStep().shape(), b.perStep().shape());
    }

    @Test
    void handCountedExample() {
        // T = 2, B = 2, N = 3: rows (t0,b0) (t0,b1) (t1,b0) (t1,b1)
        INDArray s = Nd4j.createFromArray(new float[][]{{1, 0, 1}, {0, 0, 0}, {1, 1, 1}, {0, 1, 0}});
        for (ComputeOptions c : new ComputeOptions[]{FUSED, SCALAR, ND4J}) {
            SpikeCounts k = SpikeCounts.of(s, 2, 2, c);
            assertArrayEquals(new double[]{2, 2, 2}, k.perNeuron().toDoubleVector(), 0.0);
            assertArrayEquals(new double[]{2, 0, 3, 1}, k.perStep().reshape(4).toDoubleVector(), 0.0);
            assertArrayEquals(new double[]{5, 1}, k.perExample().toDoubleVector(), 0.0);
        }
    }

    @Test
    void fusedEqualsNd4jTwin() {
        org.junit.jupiter.api.Assertions.assertTrue(FUSED.vector(), "the tests run with the Vector API module: the SIMD loop is the one checked");
        int[][] shapes = {{4, 5, 13}, {3, 7, 1000}, {1, 1, 1}, {6, 32, 130}, {2, 3, 4}};
        long seed = 1;
        for (int[] sh : shapes)
            for (double rate : new double[]{0, 0.05, 0.5, 1}) {
                int T = sh[0], B = sh[1], n = sh[2];
                INDArray s = spikes(T * B, n, rate, seed++);
                assertSame(SpikeCounts.ofNd4j(s, T, B), SpikeCounts.of(s, T, B, FUSED));
                assertSame(SpikeCounts.ofNd4j(s, T, B), SpikeCounts.of(s, T, B, SCALAR));
            }
    }

    @Test
    void viewsAndDoublesTakeTheTwinAndAgree() {
        INDArray wide = spikes(12, 40, 0.3, 9);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 30)); // not dense
        assertSame(SpikeCounts.ofNd4j(view.dup(), 3, 4), SpikeCounts.of(view, 3, 4, FUSED));
        INDArray offsetRows = wide.get(NDArrayIndex.interval(4, 12), NDArrayIndex.all()); // dense, with an offset
        assertSame(SpikeCounts.ofNd4j(offsetRows.dup(), 2, 4), SpikeCounts.of(offsetRows, 2, 4, FUSED));
        INDArray d = wide.castTo(DataType.DOUBLE);
        assertSame(SpikeCounts.ofNd4j(wide, 4, 3), SpikeCounts.of(d, 4, 3, FUSED));
    }
}
