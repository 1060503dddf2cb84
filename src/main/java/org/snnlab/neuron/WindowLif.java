package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The leaky neuron of Yao et al. 2023 (arXiv 2401.10843, the authors' code): {@code u = decay * carried + I},
 * {@code s = [u > threshold]}, rectangular surrogate {@code ds/du = 1[|u - threshold| < width]}; with no reset
 * between windows. The paper's values: decay 0.4, threshold 0.5, width 0.5 ({@link #paper()}).
 *
 * @param decay     membrane retention per window, in [0, 1]
 * @param threshold firing threshold, > 0
 * @param surrogate backward stand-in for dH/du
 * @param spikeFn   HEAVISIDE normally; SMOOTH (the surrogate's primitive) for gradient checks
 */
public record WindowLif(double decay, double threshold, Surrogate surrogate, SpikeFn spikeFn) implements WindowNeuron {
    public WindowLif {
        if (!(decay >= 0 && decay <= 1)) throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        if (!(threshold > 0) || Double.isInfinite(threshold)) throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        java.util.Objects.requireNonNull(surrogate, "surrogate");
        java.util.Objects.requireNonNull(spikeFn, "spikeFn");
    }

    /** decay 0.4, threshold 0.5, rectangle of half-width 0.5 and height 1. */
    public static WindowLif paper() {
        return new WindowLif(0.4, 0.5, Surrogates.rectangle(0.5, 1.0), SpikeFn.HEAVISIDE);
    }

    public WindowLif withSurrogate(Surrogate s) { return new WindowLif(decay, threshold, s, spikeFn); }

    public WindowLif withSpikeFn(SpikeFn f) { return new WindowLif(decay, threshold, surrogate, f); }

    @Override
    public INDArray integrate(INDArray carried, INDArray current) {
        return carried == null ? current.dup() : carried.mul(decay).addi(current);
    }

    @Override
    public INDArray carriedGrad(INDArray g) { return g.mul(decay); }

    @Override
    public INDArray fire(INDArray u) {
        INDArray x = u.sub(threshold);
        if (spikeFn == SpikeFn.HEAVISIDE) return x.gt(0).castTo(u.dataType());
        double[] v = x.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) v[i] = surrogate.primitive(v[i]);
        return org.nd4j.linalg.factory.Nd4j.create(v, u.shape(), 'c').castTo(u.dataType());
    }

    @Override
    public INDArray fireGrad(INDArray u) { return surrogate.grad(u.sub(threshold)); }

    @Override
    public String describe() {
        return "window_lif(decay=" + decay + ",threshold=" + threshold + ",surrogate=" + surrogate.describe() + ")";
    }
}
