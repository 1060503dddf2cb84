package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Receives what spiking layers did in one pass. The forward pass already has the spikes, so
 * statistics cost one reduction instead of a second pass (spike rates, dead neurons, SADP scores).
 */
public interface ActivityStats {
    /**
     * @param layer           the layer's name in its model
     * @param spikesPerNeuron {@code [N]} spike counts summed over time and batch
     * @param spikesPerExample {@code [B]} spike counts summed over time and neurons
     * @param steps           T
     */
    void record(String layer, INDArray spikesPerNeuron, INDArray spikesPerExample, int steps);

    ActivityStats NONE = (l, n, e, t) -> { };
}
