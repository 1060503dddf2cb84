package org.snnlab.data;

import java.util.SplittableRandom;

/**
 * Deterministic shuffling and batching: an epoch visits {@code permutation(n, seed)} in slices of
 * {@code batchSize}, the last one possibly shorter, so (data, seed) fixes every batch.
 */
public final class Batches {
    private Batches() { }

    /**
     * A uniform random permutation of {@code 0..n-1} (Fisher-Yates / Durstenfeld: for i = n-1..1 swap
     * p[i] with p[j], j uniform in [0, i]) drawn from {@code new SplittableRandom(seed)}: the same seed
     * gives the same order on every JVM.
     */
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

    /** Number of batches of {@code batchSize} covering {@code n} examples: {@code ceil(n / batchSize)}. */
    public static int count(int n, int batchSize) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        return (int) (((long) n + batchSize - 1) / batchSize);
    }

    /**
     * Batch {@code k} of the epoch that visits {@code order} in slices of {@code batchSize}:
     * examples {@code order[k*batchSize .. min(n, (k+1)*batchSize))}.
     */
    public static Batch batch(Dataset data, int[] order, int batchSize, int k) {
        return batch(data, order, batchSize, k, false);
    }

    /** As {@link #batch(Dataset, int[], int, int)}, stored time-major when asked (see {@link Batch}). */
    public static Batch batch(Dataset data, int[] order, int batchSize, int k, boolean timeMajor) {
        int count = count(order.length, batchSize);
        if (k < 0 || k >= count) throw new IllegalArgumentException("batch " + k + " outside [0, " + count + ")");
        int from = k * batchSize;
        return Batch.of(data, order, from, Math.min(order.length, from + batchSize), timeMajor);
    }

    /**
     * All batches of one epoch over {@code order}, each prepared on a background thread one ahead of
     * the consumer (see {@link Prefetcher}). Close it (try-with-resources) when done or abandoning it.
     */
    public static Prefetcher<Batch> prefetch(Dataset data, int[] order, int batchSize) {
        return prefetch(data, order, batchSize, false);
    }

    /**
     * As {@link #prefetch(Dataset, int[], int)}; with {@code timeMajor} the background thread also lays
     * each batch out time-major (see {@link Batch}), so the training step does no transposing.
     */
    public static Prefetcher<Batch> prefetch(Dataset data, int[] order, int batchSize, boolean timeMajor) {
        int[] copy = order.clone();
        return new Prefetcher<>(count(copy.length, batchSize), k -> batch(data, copy, batchSize, k, timeMajor));
    }
}
