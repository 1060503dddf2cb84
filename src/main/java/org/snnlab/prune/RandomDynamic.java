package org.snnlab.prune;

import java.util.SplittableRandom;

/**
 * Random dynamic pruning: each pruned epoch keeps {@code K = round((1-r) N)} examples drawn uniformly
 * without replacement, each weighted 1 (the Horvitz-Thompson weight {@code K / (N K/N)}). With
 * {@link PruneSpec.Kind#FULL} it never prunes.
 */
public final class RandomDynamic implements Pruner {
    private final PruneSpec spec;

    public RandomDynamic(PruneSpec spec) {
        if (spec.kind() != PruneSpec.Kind.RANDOM && spec.kind() != PruneSpec.Kind.FULL)
            throw new IllegalArgumentException("random dynamic pruning cannot follow --prune " + spec.kind().cliName());
        this.spec = spec;
    }

    @Override
    public PruneSpec spec() { return spec; }

    @Override
    public ExampleScores.Measure measure() { return ExampleScores.Measure.LOSS; }

    @Override
    public EpochPlan plan(int epoch, int epochs, int[] shuffled, Scoreboard board, SplittableRandom rng) {
        if (!spec.prunes(epoch, epochs)) return EpochPlan.full(shuffled);
        int n = shuffled.length, k = spec.kept(n);
        int[] perm = Sampling.permutation(n, rng);
        boolean[] keep = new boolean[n];
        for (int j = 0; j < k; j++) keep[perm[j]] = true;
        int[] order = Pruner.inShuffleOrder(shuffled, keep);
        double[] w = new double[order.length];
        java.util.Arrays.fill(w, 1.0);
        return new EpochPlan(order, w, n, true);
    }
}
