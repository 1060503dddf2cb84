package org.snnlab.prune;

/**
 * What one epoch visits: the examples in visiting order and the loss weight of each visit.
 *
 * @param order   dataset indices in the order the epoch visits them (batches are consecutive slices)
 * @param weights the loss weight of the example at each position of {@code order}, or null for all 1
 *                (a full-data epoch)
 * @param total   N, the examples the epoch chose from
 * @param pruned  false for a full-data epoch
 */
public record EpochPlan(int[] order, double[] weights, int total, boolean pruned) {
    public EpochPlan {
        if (order == null || order.length == 0) throw new IllegalArgumentException("an epoch must visit at least one example");
        if (weights != null && weights.length != order.length)
            throw new IllegalArgumentException(order.length + " visits but " + weights.length + " weights");
        if (order.length > total) throw new IllegalArgumentException(order.length + " visits of " + total + " examples");
    }

    /** Every example once, in {@code order}, unweighted. */
    public static EpochPlan full(int[] order) {
        return new EpochPlan(order, null, order.length, false);
    }

    /** Examples visited, K. */
    public int visited() {
        return order.length;
    }

    /** The realised pruning ratio {@code 1 - K / N}. */
    public double realisedRatio() {
        return 1 - (double) order.length / total;
    }

    /** The weight of the visit at position {@code p}. */
    public double weight(int p) {
        return weights == null ? 1 : weights[p];
    }
}
