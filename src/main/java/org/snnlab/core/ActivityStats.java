package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Receives what spiking layers did in one pass. The forward pass already has the spikes, so
 * statistics cost one reduction instead of a second pass (spike rates, dead neurons, SADP scores).
 * Arrays handed out may live in a step workspace: copy what is kept beyond the call.
 * A sink that {@link #countsOps() counts operations} also receives each synaptic layer's
 * {@link SynapticOps} (for energy estimates); the others never pay for counting them.
 */
public interface ActivityStats {
    /**
     * @param layer           the layer's name in its model
     * @param spikesPerNeuron {@code [N]} spike counts summed over time and batch
     * @param spikesPerExample {@code [B]} spike counts summed over time and neurons
     * @param steps           T
     */
    void record(String layer, INDArray spikesPerNeuron, INDArray spikesPerExample, int steps);

    /** True when synaptic layers should count their operations for this sink (default false). */
    default boolean countsOps() { return false; }

    /** The operations layer {@code layer} did in this pass (called once per layer and pass, only when {@link #countsOps()}). */
    default void recordOps(String layer, SynapticOps ops) { }

    /**
     * The same layer's spike counts per step and example, {@code n[t, b] = sum_j s[t, b, j]} as a
     * {@code [T, B]} array (the per-step activity a spike-aware pruning score reads). Called right after
     * {@link #record}; the default ignores it.
     */
    default void recordSteps(String layer, INDArray spikesPerStep) { }

    /** Both sinks: this one first, then {@code next}. */
    default ActivityStats andThen(ActivityStats next) {
        if (next == null || next == NONE) return this;
        if (this == NONE) return next;
        ActivityStats first = this;
        return new ActivityStats() {
            public void record(String layer, INDArray perNeuron, INDArray perExample, int steps) {
                first.record(layer, perNeuron, perExample, steps);
                next.record(layer, perNeuron, perExample, steps);
            }

            public void recordSteps(String layer, INDArray spikesPerStep) {
                first.recordSteps(layer, spikesPerStep);
                next.recordSteps(layer, spikesPerStep);
            }

            public boolean countsOps() {
                return first.countsOps() || next.countsOps();
            }

            public void recordOps(String layer, SynapticOps ops) {
                if (first.countsOps()) first.recordOps(layer, ops);
                if (next.countsOps()) next.recordOps(layer, ops);
            }
        };
    }

    ActivityStats NONE = (l, n, e, t) -> { };
}
