package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The neuron step of a multi-receptive-field layer, one window at a time (a replaceable strategy):
 * integrate the carried membrane with the window's input current, then fire. The default,
 * {@link WindowLif}, is the authors' leaky neuron.
 */
public interface WindowNeuron {

    /** The membrane after this window: {@code u = f(carried, current)}; {@code carried} null at the first window. */
    INDArray integrate(INDArray carried, INDArray current);

    /** {@code dL/dcarried} given {@code dL/du} (the current's gradient is {@code dL/du} itself). */
    INDArray carriedGrad(INDArray gradMembrane);

    /** The spikes of membrane {@code u}. */
    INDArray fire(INDArray u);

    /** {@code ds/du} (a surrogate) at membrane {@code u}. */
    INDArray fireGrad(INDArray u);

    /** Name and parameters, for specs and provenance. */
    String describe();
}
