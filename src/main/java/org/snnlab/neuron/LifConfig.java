package org.snnlab.neuron;

import java.util.Objects;

/**
 * Hyper-parameters of a leaky integrate-and-fire layer (immutable, validated).
 *
 * @param beta            membrane retention per step, {@code 0 <= beta <= 1} (1 = IF neuron)
 * @param threshold       firing threshold theta, > 0
 * @param reset           what a spike does to the membrane
 * @param detachReset     if true the reset term carries no gradient (snnTorch's reset_mechanism detach)
 * @param surrogate       backward stand-in for dH/du
 * @param learnThreshold  theta is a per-neuron trainable parameter (Rouser; snnTorch learn_threshold)
 * @param learnBeta       beta is a per-neuron trainable parameter (snnTorch learn_beta)
 * @param output          what the layer emits: spikes, or the membrane (readout layers, CE on membrane)
 * @param spikeFn         HEAVISIDE normally; SMOOTH only for gradient checks
 */
public record LifConfig(double beta, double threshold, ResetMode reset, boolean detachReset, Surrogate surrogate,
                        boolean learnThreshold, boolean learnBeta, Output output, SpikeFn spikeFn) {

    /** What a neuron layer passes on. */
    public enum Output { SPIKES, MEMBRANE }

    public LifConfig {
        if (!(beta >= 0 && beta <= 1)) throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        if (!(threshold > 0) || Double.isInfinite(threshold))
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(spikeFn, "spikeFn");
    }

    /** snnTorch's Leaky defaults: subtract reset, fast sigmoid k = 25, fixed parameters, spikes out. */
    public static LifConfig of(double beta, double threshold) {
        return new LifConfig(beta, threshold, ResetMode.SUBTRACT, false, Surrogates.fastSigmoid(25),
                false, false, Output.SPIKES, SpikeFn.HEAVISIDE);
    }

    /** Integrate-and-fire: no leak. */
    public static LifConfig integrateAndFire(double threshold) {
        return of(1.0, threshold);
    }

    public LifConfig withReset(ResetMode r) { return new LifConfig(beta, threshold, r, detachReset, surrogate, learnThreshold, learnBeta, output, spikeFn); }
    public LifConfig withDetachReset(boolean d) { return new LifConfig(beta, threshold, reset, d, surrogate, learnThreshold, learnBeta, output, spikeFn); }
    public LifConfig withSurrogate(Surrogate s) { return new LifConfig(beta, threshold, reset, detachReset, s, learnThreshold, learnBeta, output, spikeFn); }
    public LifConfig withLearnThreshold(boolean l) { return new LifConfig(beta, threshold, reset, detachReset, surrogate, l, learnBeta, output, spikeFn); }
    public LifConfig withLearnBeta(boolean l) { return new LifConfig(beta, threshold, reset, detachReset, surrogate, learnThreshold, l, output, spikeFn); }
    public LifConfig withOutput(Output o) { return new LifConfig(beta, threshold, reset, detachReset, surrogate, learnThreshold, learnBeta, o, spikeFn); }
    public LifConfig withSpikeFn(SpikeFn f) { return new LifConfig(beta, threshold, reset, detachReset, surrogate, learnThreshold, learnBeta, output, f); }
    /**
     * The neuron's fields for a layer's spec (provenance, model summaries), in this order: beta,
     * threshold, reset, detach_reset, surrogate, learn_threshold, learn_beta.
     */
    public java.util.Map<String, Object> spec() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("beta", beta);
        m.put("threshold", threshold);
        m.put("reset", reset.name());
        m.put("detach_reset", detachReset);
        m.put("surrogate", surrogate.describe());
        m.put("learn_threshold", learnThreshold);
        m.put("learn_beta", learnBeta);
        return m;
    }
}
