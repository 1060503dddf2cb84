package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A surrogate gradient for the spike non-linearity {@code s = H(x)}, {@code x = u - threshold}.
 * The forward pass is always the Heaviside step; the backward pass uses {@link #grad(double)} in
 * place of the Dirac delta (Neftci, Mostafa and Zenke 2019).
 *
 * <p>{@link #primitive(double)} is a smooth function whose derivative is {@code grad}: used only by
 * gradient checks, where the forward pass is made smooth so finite differences see the surrogate.
 * {@link #grad(INDArray)} is the same derivative in pure ND4J ops (the path a GPU runs).
 */
public interface Surrogate {

    /** The surrogate derivative dS/dx at {@code x = u - threshold}. */
    double grad(double x);

    /** A function whose derivative is {@link #grad(double)} (for gradient checks). */
    double primitive(double x);

    /**
     * {@code out[i] = grad(x[i])} for {@code i < n}, in float: the bulk form the fused CPU kernels call
     * once per row. The default loops over {@link #grad(double)}; the common surrogates override it
     * with a branch-free float loop that the JIT turns into SIMD instructions.
     */
    default void grad(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = (float) grad(x[i]);
    }

    /** Element-wise {@link #grad(double)} in ND4J ops; returns a new array. */
    INDArray grad(INDArray x);

    /**
     * {@code gamma = sup_x grad(x)}: the largest value the surrogate derivative takes (a bound of the
     * error that BPTT lets through a spike; the spike-aware pruning score reads it). NaN when not known.
     */
    default double maxGrad() {
        return Double.NaN;
    }

    /** Name and parameters, e.g. {@code fast_sigmoid(k=25.0)}. */
    String describe();
}
