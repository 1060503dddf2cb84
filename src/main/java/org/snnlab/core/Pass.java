package org.snnlab.core;

import java.util.SplittableRandom;

/**
 * Context of ONE forward pass: training or inference mode, the random stream for this batch
 * (dropout masks, rate encoding), a sink for activity statistics, and the compute options by which
 * each layer picks its kernels. A new Pass per batch is what guarantees that nothing (neuron state,
 * masks) leaks from one batch into the next.
 *
 * @param training whether dropout is active and batch norm uses batch statistics
 * @param rng      random stream for this batch, derived from (seed, epoch, batch) so runs resume exactly
 * @param stats    receives per-layer spike statistics; {@link ActivityStats#NONE} to skip
 * @param compute  which kernels the layers use (fused, vector, sparse; the backend)
 * @param ledger   spike counts the pass's spiking layers already know ({@link SpikeLedger}), shared by
 *                 the copies {@link #withStats} and {@link #withCompute} make
 */
public record Pass(boolean training, SplittableRandom rng, ActivityStats stats, ComputeOptions compute, SpikeLedger ledger) {
    public Pass {
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        if (stats == null) stats = ActivityStats.NONE;
        if (compute == null) throw new IllegalArgumentException("compute options must not be null");
        if (ledger == null) ledger = new SpikeLedger();
    }

    /** A pass with a new (empty) ledger. */
    public Pass(boolean training, SplittableRandom rng, ActivityStats stats, ComputeOptions compute) {
        this(training, rng, stats, compute, new SpikeLedger());
    }

    /** A pass with the {@link ComputeOptions#defaults() default} compute options. */
    public Pass(boolean training, SplittableRandom rng, ActivityStats stats) {
        this(training, rng, stats, ComputeOptions.defaults());
    }

    public static Pass train(long seed) {
        return new Pass(true, new SplittableRandom(seed), ActivityStats.NONE);
    }

    public static Pass eval() {
        return new Pass(false, new SplittableRandom(0), ActivityStats.NONE);
    }

    public Pass withStats(ActivityStats s) {
        return new Pass(training, rng, s, compute, ledger);
    }

    /** This pass computing with {@code c}. */
    public Pass withCompute(ComputeOptions c) {
        return new Pass(training, rng, stats, c, ledger);
    }
}
