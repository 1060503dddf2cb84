package org.snnlab.prune;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GhostGram} with its dot products in SIMD (Java's incubating Vector API): touched only when
 * the compute options ask for vector loops ({@link org.snnlab.core.ComputeOptions#vector()}).
 */
final class GhostGramVector extends GhostGram {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    void grams(float[] rows, int T, int n, double[] d) {
        for (int t = 0; t < T; t++)
            for (int u = t; u < T; u++) {
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S); // two chains: the FMAs overlap
                int j = 0, ot = t * n, ou = u * n;
                for (; j + 2 * L <= n; j += 2 * L) {
                    a0 = FloatVector.fromArray(S, rows, ot + j).fma(FloatVector.fromArray(S, rows, ou + j), a0);
                    a1 = FloatVector.fromArray(S, rows, ot + j + L).fma(FloatVector.fromArray(S, rows, ou + j + L), a1);
                }
                for (; j + L <= n; j += L) a0 = FloatVector.fromArray(S, rows, ot + j).fma(FloatVector.fromArray(S, rows, ou + j), a0);
                double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
                for (; j < n; j++) s += rows[ot + j] * rows[ou + j];
                d[t * T + u] = s;
            }
    }
}
