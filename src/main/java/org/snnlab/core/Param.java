package org.snnlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named tensor owned by a layer, with the {@link Role} it plays there: a trainable parameter
 * (weights, biases, per-neuron thresholds and leaks, batch-norm scale and shift) with its gradient
 * accumulator, or a non-trainable buffer (batch-norm running statistics) that is checkpointed but
 * never touched by an optimizer. Code that treats parameters by kind (optimizer parameter groups,
 * the weight-change curve) selects them by role, never by name.
 */
public final class Param {

    /** What a parameter is to its layer. Every role but {@link #BUFFER} is trainable. */
    public enum Role {
        /** Synaptic weights of a feed-forward layer (Dense, Conv2d). */
        WEIGHT,
        /** Recurrent synaptic weights (a neuron layer's own output fed back). */
        RECURRENT_WEIGHT,
        /** Additive biases of a synaptic layer. */
        BIAS,
        /** Per-neuron firing thresholds theta (Rouser's trainable thresholds). */
        THRESHOLD,
        /** Per-neuron membrane retention beta (the leak). */
        LEAK,
        /** Per-channel scale gamma of a normalisation. */
        SCALE,
        /** Per-channel shift beta of a normalisation. */
        SHIFT,
        /** Non-trainable state (running statistics): checkpointed, never optimized. */
        BUFFER
    }

    private final String name;
    private final Role role;
    private final INDArray value;
    private final INDArray grad;
    /** [0]: the gradient is due to be zeroed (shared by the {@link #prefixed} views of one parameter). */
    private final boolean[] zeroPending;

    private Param(String name, Role role, INDArray value, INDArray grad) {
        this(name, role, value, grad, new boolean[1]);
    }

    private Param(String name, Role role, INDArray value, INDArray grad, boolean[] zeroPending) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("param name must not be blank");
        if (role == null) throw new IllegalArgumentException("param " + name + ": role must not be null");
        if (value == null) throw new IllegalArgumentException("param " + name + ": value must not be null");
        this.name = name;
        this.role = role;
        this.value = value;
        this.grad = grad;
        this.zeroPending = zeroPending;
    }

    /** A trainable parameter with a zero gradient accumulator; {@code role} must not be {@link Role#BUFFER}. */
    public static Param trainable(String name, Role role, INDArray value) {
        if (role == Role.BUFFER) throw new IllegalArgumentException("param " + name + ": a trainable parameter cannot have role BUFFER");
        return new Param(name, role, value, value.ulike().assign(0));
    }

    /** A non-trainable buffer (role {@link Role#BUFFER}, no gradient). */
    public static Param buffer(String name, INDArray value) {
        return new Param(name, Role.BUFFER, value, null);
    }

    public String name() { return name; }

    public Role role() { return role; }

    /** The live value; optimizers update it in place. */
    public INDArray value() { return value; }

    /**
     * Gradient accumulator (same shape as value).
     *
     * @throws IllegalStateException for a buffer, which has none
     */
    public INDArray grad() {
        if (grad == null) throw new IllegalStateException(name + " is a buffer and has no gradient");
        if (zeroPending[0]) {
            grad.assign(0);
            zeroPending[0] = false;
        }
        return grad;
    }

    /**
     * The gradient accumulator for a BLAS product that adds into it, {@code C = alpha A B + beta C}, and
     * the beta to pass: 0 right after {@link #zeroGrad} (the product then overwrites the accumulator, and
     * the zeroing pass over it is saved), else 1.
     */
    public Accumulator accumulator() {
        if (grad == null) throw new IllegalStateException(name + " is a buffer and has no gradient");
        boolean fresh = zeroPending[0];
        zeroPending[0] = false;
        return new Accumulator(grad, fresh ? 0.0 : 1.0);
    }

    /** A gradient array and the BLAS beta that accumulates into it ({@link #accumulator()}). */
    public record Accumulator(INDArray array, double beta) { }

    public boolean isTrainable() { return role != Role.BUFFER; }

    /**
     * Sets the gradient to zero. Lazily: the next {@link #grad()} zeroes the array, or the next
     * {@link #accumulator()} product overwrites it (one pass over the weights less per step).
     */
    public void zeroGrad() {
        if (grad != null) zeroPending[0] = true;
    }

    /** The same parameter (value, gradient and role shared) under a prefixed name (for model registries). */
    public Param prefixed(String prefix) {
        return new Param(prefix + name, role, value, grad, zeroPending);
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape()) + (isTrainable() ? "" : " (buffer)");
    }
}
