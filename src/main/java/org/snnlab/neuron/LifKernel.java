package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LIF recurrence over all T steps of a {@code [T*B, N]} input current, forward and BPTT.
 *
 * <pre>
 *   SUBTRACT: u[t] = beta u[t-1] + I[t] - theta s[t-1]
 *   ZERO:     u[t] = beta u[t-1] (1 - s[t-1]) + I[t]
 *   NONE:     u[t] = beta u[t-1] + I[t]
 *   s[t] = H(u[t] - theta)              backward: dS/du = surrogate'(u[t] - theta)
 * </pre>
 * beta and theta are per neuron ({@code [N]}). A static input (one {@code [B, N]} copy for all steps)
 * is read directly, never tiled, and its gradient comes back summed over time as {@code [B, N]}.
 *
 * <p>{@code keepMembrane} asks for the membrane as an array (membrane readouts); otherwise a kernel
 * may recompute it in the backward pass. Three implementations: {@link Nd4jLifKernel} (pure ND4J ops, any
 * backend and dtype), {@link FusedLifKernel} (one loop over raw float buffers, CPU) and {@link VectorLifKernel}
 * (the same loops in SIMD, Heaviside spikes); {@link Lif} picks one by the pass's compute options. Tests
 * hold the fused and SIMD kernels equal to the ND4J one.
 */
public interface LifKernel {

    /**
     * Inputs of one recurrence: the current, the per-neuron constants and the options;
     * {@code paramGrads}: whether the backward pass must return the threshold and beta gradients
     * (a layer that learns neither may get null for them).
     */
    record Spec(int steps, int batch, int neurons, boolean staticInput, ResetMode reset, boolean detachReset,
                Surrogate surrogate, SpikeFn spikeFn, boolean keepMembrane, boolean paramGrads) { }

    /**
     * What the forward keeps for BPTT: spikes {@code [T*B, N]}, the pre-reset membrane {@code [T*B, N]}
     * (null when the kernel recomputes it in the backward pass instead of storing it), and the input
     * current it was computed from.
     */
    record State(INDArray spikes, INDArray membrane, INDArray current) { }

    /**
     * Gradients: input ({@code [T*B,N]}, or {@code [B,N]} for a static input), theta and beta ({@code [N]};
     * may be null when the spec asked for no parameter gradients).
     */
    record Grads(INDArray input, INDArray threshold, INDArray beta) { }

    State forward(Spec spec, INDArray current, INDArray beta, INDArray threshold);

    /**
     * @param gradSpikes   dL/ds {@code [T*B, N]}, or null
     * @param gradMembrane dL/du from a membrane readout {@code [T*B, N]}, or null
     */
    Grads backward(Spec spec, State state, INDArray gradSpikes, INDArray gradMembrane,
                   INDArray beta, INDArray threshold);
}
