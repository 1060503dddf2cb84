package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Receives what spiking layers did in one pass. The forward pass already has the spikes, so
 * statistics cost one reduction instead of a second pass (spike rates, dead neurons, SADP scores).
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

    ActivityStats NONE = (l, n, e, t) -> { };
}
