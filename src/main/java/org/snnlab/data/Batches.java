package org.snnlab.data;

import java.util.SplittableRandom;

/** Deterministic shuffles. */
public final class Batches {
    private Batches() { }

    /** A Fisher-Yates permutation of {@code 0..n-1} from {@code seed}: the same seed, the same order. */
    public static int[] permutation(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
