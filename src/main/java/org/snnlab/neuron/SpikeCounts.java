package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.util.Buffers;

import java.nio.FloatBuffer;

/**
 * The three spike counts a neuron layer reports per pass, from its spikes {@code s [T*B, N]} (row
 * {@code t*B + b}): per neuron {@code c_j = sum_{t,b} s[t,b,j]}, per step and example
 * {@code n[t,b] = sum_j s[t,b,j]}, per example {@code e_b = sum_t n[t,b]}. With
 * {@link ComputeOptions#fused()} on a dense float32 CPU array, one pass over the spikes in Java
 * (each row read once, in cache, for both its sum and the neuron accumulators; SIMD with
 * {@link ComputeOptions#vector()}, {@link SpikeCountsVector}); otherwise ND4J
 * reductions ({@link #ofNd4j}, the twin a test holds it equal to). Float sums of 0/1 spikes are exact
 * below 2^24 per count.
 *
 * @param perNeuron  {@code [N]}
 * @param perStep    {@code [T, B]}
 * @param perExample {@code [B]}
 */
record SpikeCounts(INDArray perNeuron, INDArray perStep, INDArray perExample) {

    /** The counts of {@code spikes [T*B, N]}. */
    static SpikeCounts of(INDArray spikes, int T, int B, ComputeOptions compute) {
        if (!compute.fused() || spikes.dataType() != DataType.FLOAT || spikes.rank() != 2 || !Buffers.isDense(spikes)
                || !Nd4j.getEnvironment().isCPU() || spikes.length() > Integer.MAX_VALUE)
            return ofNd4j(spikes, T, B);
        int rows = (int) spikes.size(0), n = (int) spikes.size(1);
        if (rows != T * B) throw new IllegalArgumentException("spikes have " + rows + " rows, expected T*B = " + T * B);
        FloatBuffer v = spikes.data().asNioFloat();
        long off = spikes.offset();
        float[] row = new float[n], neuron = new float[n], step = new float[rows], example = new float[B];
        for (int r = 0; r < rows; r++) {
            v.get((int) (off + (long) r * n), row, 0, n);
            step[r] = compute.vector() ? SpikeCountsVector.accumulate(row, neuron, n) : accumulate(row, neuron, n);
            example[r % B] += step[r];
        }
        return new SpikeCounts(Nd4j.createFromArray(neuron), Nd4j.createFromArray(step).reshape(T, B), Nd4j.createFromArray(example));
    }

    /** {@code neuron[j] += row[j]} for j < n (a loop the JIT vectorises); returns the row's sum. */
    static float accumulate(float[] row, float[] neuron, int n) {
        for (int j = 0; j < n; j++) neuron[j] += row[j];
        return rowSum(row, n);
    }

    /** Four independent partial sums: the adds pipeline instead of waiting on one another. */
    private static float rowSum(float[] a, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < n; j++) s0 += a[j];
        return (s0 + s1) + (s2 + s3);
    }

    /** {@link #of} with ND4J ops only: a ones-vector GEMV for the neurons, a row sum, a GEMV over the steps. */
    static SpikeCounts ofNd4j(INDArray spikes, int T, int B) {
        int n = (int) spikes.size(1);
        INDArray ones = Nd4j.ones(spikes.dataType(), 1, spikes.size(0));
        INDArray perNeuron = ones.mmul(spikes).reshape(n);
        INDArray perStep = spikes.sum(1).reshape(T, B);
        INDArray perExample = Nd4j.ones(spikes.dataType(), 1, T).mmul(perStep).reshape(B);
        return new SpikeCounts(perNeuron, perStep, perExample);
    }
}
