package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Param;

import java.util.List;
import java.util.Map;

/**
 * Updates trainable parameters in place from their accumulated gradients. Its state (moments, step
 * count) is exported by name so a checkpoint can restore it exactly.
 */
public interface Optimizer {

    /** One update of every trainable parameter with learning rate {@code lr}. */
    void step(List<Param> params, double lr);

    /**
     * {@link #step(List, double)} computed with the kernels {@code compute} chooses (a trainer passes
     * the options of its run); optimizers without a kernel choice ignore them.
     */
    default void step(List<Param> params, double lr, ComputeOptions compute) {
        step(params, lr);
    }

    /** State arrays keyed by {@code <param name>.<slot>}, plus scalars as 1-element arrays. */
    Map<String, INDArray> state();

    /** Restores what {@link #state()} exported. */
    void loadState(Map<String, INDArray> state);

    String describe();
}
