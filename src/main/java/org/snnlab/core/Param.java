package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named tensor owned by a layer: a trainable parameter (weights, biases, per-neuron thresholds and
 * leaks) with its gradient accumulator, or a non-trainable buffer (batch-norm running statistics)
 * that is checkpointed but never touched by an optimizer.
 */
public final class Param {
    private final String name;
    private final INDArray value;
    private final INDArray grad;
    private final boolean trainable;

    private Param(String name, INDArray value, boolean trainable) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("param name must not be blank");
        this.name = name;
        this.value = value;
        this.trainable = trainable;
        this.grad = trainable ? value.ulike().assign(0) : null;
    }

    public static Param trainable(String name, INDArray value) {
        return new Param(name, value, true);
    }

    public static Param buffer(String name, INDArray value) {
        return new Param(name, value, false);
    }

    public String name() { return name; }

    /** The live value; optimizers update it in place. */
    public INDArray value() { return value; }

    /** Gradient accumulator (same shape as value); null for buffers. */
    public INDArray grad() {
        if (!trainable) throw new IllegalStateException(name + " is a buffer and has no gradient");
        return grad;
    }

    public boolean isTrainable() { return trainable; }

    public void zeroGrad() {
        if (grad != null) grad.assign(0);
    }

    /** A copy of this parameter under a prefixed name (for model registries). */
    public Param prefixed(String prefix) {
        return new Param(prefix + name, value, trainable, grad);
    }

    private Param(String name, INDArray value, boolean trainable, INDArray grad) {
        this.name = name;
        this.value = value;
        this.trainable = trainable;
        this.grad = grad;
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape()) + (trainable ? "" : " (buffer)");
    }
}
