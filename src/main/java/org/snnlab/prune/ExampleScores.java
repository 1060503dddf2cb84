package org.snnlab.prune;

/**
 * Per-example statistics of one training batch, taken from its forward and backward pass (no second
 * pass), row i being the batch's example i; all unweighted (as if the example's loss weight were 1
 * and the batch held it alone). NaN where a measure was not asked for.
 *
 * @param loss        the example's loss l_i
 * @param outputError {@code ||dl_i / d output||_F} over all T steps (EL2N's error norm)
 * @param bound       the spike-aware bound of {@code ||dl_i / d theta||} ({@link SpikeAwareBound})
 * @param lastLayer   the exact norm of the last Dense layer's gradient (weight and bias), the bound's first term
 * @param exact       the exact {@code ||dl_i / d theta||} over every parameter ({@link GhostNorms})
 */
public record ExampleScores(double[] loss, double[] outputError, double[] bound, double[] lastLayer, double[] exact) {
    public ExampleScores {
        int b = loss.length;
        if (outputError.length != b || bound.length != b || lastLayer.length != b || exact.length != b)
            throw new IllegalArgumentException("per-example arrays of different lengths");
    }

    /** Rows in the batch. */
    public int size() {
        return loss.length;
    }

    /** The measure a strategy samples by, row by row. */
    public double[] of(Measure m) {
        return switch (m) {
            case LOSS -> loss;
            case OUTPUT_ERROR -> outputError;
            case BOUND -> bound;
            case EXACT -> exact;
        };
    }

    /** The per-example measures a strategy can score by. */
    public enum Measure { LOSS, OUTPUT_ERROR, BOUND, EXACT }
}
