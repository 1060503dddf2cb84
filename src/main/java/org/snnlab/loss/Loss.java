package org.snnlab.loss;

import org.snnlab.core.Seq;

/**
 * A loss on a network's multi-step output ({@code [T*B, C]} spikes or membrane). Every loss takes
 * optional per-example weights (importance sampling for data pruning; null = all 1) and reports
 * per-example values, so scores need no second pass.
 */
public interface Loss {

    /**
     * @param output  the network output over T steps, {@code [T*B, C]}
     * @param labels  class index per example, length B, each in {@code [0, C)}
     * @param weights per-example weights (length B) or null; the loss is {@code sum_i w_i l_i / B}
     */
    LossResult evaluate(Seq output, int[] labels, double[] weights);

    /** The predicted class per example, from the same quantity the loss reads (counts or membrane). */
    int[] predict(Seq output);

    String describe();

    /**
     * True when {@link #evaluate} honours per-example weights (value {@code sum_i w_i l_i / B} and
     * gradient rows scaled by {@code w_i}): data pruning's importance weights need it. Every loss here does.
     */
    default boolean weightsExamples() {
        return true;
    }

    /** True when the loss reads the output membrane (the output layer must emit MEMBRANE), false for spikes. */
    default boolean readsMembrane() {
        return false;
    }
}
