package org.snnlab.prune;

import java.util.SplittableRandom;

/**
 * InfoBatch (Qin et al., ICLR 2024, arXiv 2303.04947; github.com/NUS-HPC-AI-Lab/InfoBatch): the score
 * of an example is its last loss; in a pruned epoch the examples scored below the mean score (the
 * "well learned") are dropped at rate r, chosen uniformly, and the kept ones of that group weighted
 * {@code |low| / kept_low} (= 1/(1-r) up to rounding), which keeps the gradient unbiased; examples at
 * or above the mean and never-scored ones are all kept with weight 1. Its realised pruning ratio is
 * therefore {@code r x (share below the mean)}, smaller than r: {@link EpochPlan#realisedRatio()}
 * reports it. InfoBatch anneals to full data in its last epochs ({@link PruneSpec#fullLast}, its delta
 * = 1 - fullLast); scores are the latest losses (no smoothing, no uniform mix).
 */
public final class InfoBatch implements Pruner {
    private final PruneSpec spec;

    public InfoBatch(PruneSpec spec) {
        if (spec.kind() != PruneSpec.Kind.INFOBATCH) throw new IllegalArgumentException("InfoBatch cannot follow --prune " + spec.kind().cliName());
        this.spec = spec;
    }

    @Override
    public PruneSpec spec() { return spec; }

    @Override
    public ExampleScores.Measure measure() { return ExampleScores.Measure.LOSS; }

    @Override
    public EpochPlan plan(int epoch, int epochs, int[] shuffled, Scoreboard board, SplittableRandom rng) {
        if (!spec.prunes(epoch, epochs)) return EpochPlan.full(shuffled);
        int n = shuffled.length;
        double[] loss = board.latest(ExampleScores.Measure.LOSS);
        double sum = 0;
        int known = 0;
        for (double v : loss) if (!Double.isNaN(v)) { sum += v; known++; }
        double mean = known == 0 ? Double.NaN : sum / known;
        int low = 0;
        for (double v : loss) if (v < mean) low++;
        int[] lows = new int[low];
        int j = 0;
        for (int i = 0; i < n; i++) if (loss[i] < mean) lows[j++] = i;
        int drop = (int) Math.round(spec.ratio() * low);
        if (drop >= n) drop = n - 1;
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        int[] perm = Sampling.permutation(low, rng);
        for (int d = 0; d < drop; d++) keep[lows[perm[d]]] = false;
        double lowWeight = low - drop == 0 ? 1 : (double) low / (low - drop);
        int[] order = Pruner.inShuffleOrder(shuffled, keep);
        double[] w = new double[order.length];
        for (int p = 0; p < order.length; p++) w[p] = loss[order[p]] < mean ? lowWeight : 1;
        return new EpochPlan(order, w, n, true);
    }
}
