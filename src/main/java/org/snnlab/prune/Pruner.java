package org.snnlab.prune;

import java.util.SplittableRandom;

/**
 * Turns the examples' last scores into what one epoch visits and with which loss weights (data
 * pruning). A full-data epoch ({@link PruneSpec#prunes} false) visits the epoch's shuffle unchanged;
 * a pruned one visits the kept examples in the order that shuffle gives them. Every draw comes from
 * the {@code rng} passed in, so (scores, seed, epoch) fix the plan.
 */
public interface Pruner {

    /** The recipe this strategy follows. */
    PruneSpec spec();

    /** The measure the scoreboard's smoothed score follows for this strategy. */
    ExampleScores.Measure measure();

    /**
     * The plan of epoch {@code epoch} of {@code epochs}.
     *
     * @param shuffled the epoch's permutation of all N examples (what a full-data epoch visits)
     * @param board    the examples' last scores
     * @param rng      this epoch's random stream
     */
    EpochPlan plan(int epoch, int epochs, int[] shuffled, Scoreboard board, SplittableRandom rng);

    /** The strategy {@code spec} names. */
    static Pruner of(PruneSpec spec) {
        return switch (spec.kind()) {
            case FULL, RANDOM -> new RandomDynamic(spec);
            case INFOBATCH -> new InfoBatch(spec);
            case EL2N, SADP, GRADNORM -> new ImportanceSampler(spec);
        };
    }

    /** The positions of {@code keep} (a set of dataset indices) in {@code shuffled}'s order. */
    static int[] inShuffleOrder(int[] shuffled, boolean[] keep) {
        int k = 0;
        for (int i : shuffled) if (keep[i]) k++;
        int[] out = new int[k];
        int j = 0;
        for (int i : shuffled) if (keep[i]) out[j++] = i;
        return out;
    }
}
