package org.snnlab.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row loop of {@link SpikeCounts} in SIMD (Java's incubating Vector API): adds a spike row to the
 * per-neuron counts and returns its sum, 16 (AVX-512) or 8 (AVX2) neurons at a time. Touched only
 * when the compute options ask for vector loops ({@link org.snnlab.core.ComputeOptions#vector()}).
 */
final class SpikeCountsVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SpikeCountsVector() { }

    /** {@code neuron[j] += row[j]} for j < n; returns {@code sum_j row[j]}. */
    static float accumulate(float[] row, float[] neuron, int n) {
        FloatVector sum = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector x = FloatVector.fromArray(S, row, j);
            FloatVector.fromArray(S, neuron, j).add(x).intoArray(neuron, j);
            sum = sum.add(x);
        }
        float s = sum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            neuron[j] += row[j];
            s += row[j];
        }
        return s;
    }
}
