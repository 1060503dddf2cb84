package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
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

    /** State arrays keyed by {@code <param name>.<slot>}, plus scalars as 1-element arrays. */
    Map<String, INDArray> state();

    /** Restores what {@link #state()} exported. */
    void loadState(Map<String, INDArray> state);

    String describe();
}
