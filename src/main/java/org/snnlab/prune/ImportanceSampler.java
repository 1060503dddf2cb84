package org.snnlab.prune;

import java.util.SplittableRandom;

/**
 * Importance sampling of exactly {@code K = round((1-r) N)} examples per pruned epoch with
 * probability proportional to a score: {@link PruneSpec.Kind#EL2N} (the output error norm, after
 * Paul et al. 2021, arXiv 2107.07075), {@link PruneSpec.Kind#SADP} (the spike-aware bound of the
 * gradient norm, {@link SpikeAwareBound}; Ma et al., arXiv 2510.04098) or
 * {@link PruneSpec.Kind#GRADNORM} (the exact per-example gradient norm, {@link GhostNorms}: the oracle
 * the other two approximate).
 * <pre>
 *   p_i  = (1 - lambda) s_i / sum_j s_j + lambda / N       (s = smoothed scores, never-seen = their mean)
 *   pi_i = min(1, c p_i),  c such that sum_i pi_i = K      ({@link Sampling#waterFill})
 *   S    = systematic sample of the pi                    (exactly K, P(i in S) = pi_i)
 *   w_i  = K / (N pi_i)                                    (Horvitz-Thompson: unbiased; w_i <= 1/lambda)
 * </pre>
 */
public final class ImportanceSampler implements Pruner {
    private final PruneSpec spec;

    public ImportanceSampler(PruneSpec spec) {
        if (!spec.kind().importance()) throw new IllegalArgumentException("importance sampling cannot follow --prune " + spec.kind().cliName());
        this.spec = spec;
    }

    @Override
    public PruneSpec spec() { return spec; }

    @Override
    public ExampleScores.Measure measure() {
        return switch (spec.kind()) {
            case EL2N -> ExampleScores.Measure.OUTPUT_ERROR;
            case SADP -> ExampleScores.Measure.BOUND;
            default -> ExampleScores.Measure.EXACT;
        };
    }

    @Override
    public EpochPlan plan(int epoch, int epochs, int[] shuffled, Scoreboard board, SplittableRandom rng) {
        if (!spec.prunes(epoch, epochs)) return EpochPlan.full(shuffled);
        int n = shuffled.length, k = spec.kept(n);
        double[] pi = probabilities(board.filledScores(), k, spec.uniformMix());
        int[] drawn = Sampling.systematic(pi, rng);
        boolean[] keep = new boolean[n];
        for (int i : drawn) keep[i] = true;
        int[] order = Pruner.inShuffleOrder(shuffled, keep);
        double[] w = new double[order.length];
        for (int p = 0; p < order.length; p++) w[p] = Sampling.horvitzThompson(k, n, pi[order[p]]);
        return new EpochPlan(order, w, n, true);
    }

    /** The inclusion probabilities of the formula above for scores {@code s}, summing to {@code k}. */
    public static double[] probabilities(double[] s, int k, double lambda) {
        int n = s.length;
        double sum = 0;
        for (double v : s) sum += v;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = (sum > 0 ? (1 - lambda) * s[i] / sum : (1 - lambda) / n) + lambda / n;
        return Sampling.waterFill(p, k);
    }
}
