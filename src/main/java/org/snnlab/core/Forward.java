package org.snnlab.core;


/**
 * The record of one layer's forward pass: its output and the means to back-propagate through it.
 */
public interface Forward {

    Seq output();

    /**
     * Back-propagation through time for this layer. Adds parameter gradients into their
     * {@link org.snnlab.core.Param#grad()} accumulators.
     *
     * @param gradOutput    dL/d(output), same layout as {@link #output()}; the layer may overwrite it
     * @param needInputGrad false for the first layer (its input needs no gradient: skipped work)
     * @return dL/d(input) in the input's layout (summed over time for a static input), or null
     *         when {@code needInputGrad} is false
     */
    Seq backward(Seq gradOutput, boolean needInputGrad);
}
