package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Current-based LIF (CUBA; lava-dl's {@code slayer.neuron.cuba}, used by Rouser): a synaptic current
 * filter followed by a LIF membrane,
 * <pre>  i[t] = alpha i[t-1] + x[t]
 *   v[t] = beta v[t-1] (1 - s[t-1]) + i[t]      (ResetMode.ZERO: back to rest 0 after a spike)
 *   s[t] = H(v[t] - theta),   i[-1] = v[-1] = s[-1] = 0</pre>
 * The filter is linear, so all T steps are one scan over {@code [T*B, N]}; the voltage stage is a
 * {@link Lif} (fused kernel on CPU float32, learnable per-neuron theta and beta when its config says so).
 * Backward of the filter: {@code g_x[t] = g_i[t] + alpha g_x[t+1]} (the transpose of the scan), summed
 * over time for a static input.
 *
 * <p><b>Mapping to lava-dl.</b> lava-dl writes {@code u[t] = (1 - current_decay) u[t-1] + x[t]} and
 * {@code v[t] = (1 - voltage_decay) v[t-1] + u[t]}: its decays are the fraction LOST per step (stored
 * times 4096 internally), so {@code alpha = 1 - current_decay}, {@code beta = 1 - voltage_decay}
 * ({@link #fromDecays}). Its NMNIST tutorial, which Rouser builds on, uses threshold 1.25,
 * {@code current_decay = 0.25}, {@code voltage_decay = 0.03}; the Rouser paper's "current decay 0.75,
 * voltage decay 0.97" are the matching RETENTION factors, i.e. {@code alpha = 0.75}, {@code beta = 0.97}
 * ({@link #rouser}). Differences from lava-dl, all deliberate: lava-dl runs the recurrences in fixed point
 * (decay quantised to 1/4096: 0.03 becomes 123/4096, so beta = 0.96997; states rounded towards zero) and
 * spikes at {@code v >= theta + eps}; here arithmetic is floating point and {@code s = [v > theta]}. lava-dl's
 * backward treats the voltage as an un-reset leaky integrator; here BPTT goes through the reset (or
 * detaches the spike in it with {@code detachReset}).
 */
public final class CubaLif implements Layer {
    private final int size;
    private final double alpha;
    private final Lif voltage;

    /**
     * @param size    neurons per example
     * @param alpha   current retention per step, in [0, 1] (lava-dl: {@code 1 - current_decay})
     * @param voltage the membrane stage: beta = voltage retention, threshold, reset (usually
     *                {@code ResetMode.ZERO}), surrogate, learnable threshold (Rouser) / beta
     */
    public CubaLif(int size, double alpha, LifConfig voltage, DataType dtype) {
        if (size < 1) throw new IllegalArgumentException("CubaLif size must be >= 1, got " + size);
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("current retention alpha must be in [0,1], got " + alpha);
        this.size = size;
        this.alpha = alpha;
        this.voltage = new Lif(size, voltage, dtype);
    }

    /**
     * From lava-dl's decays (fraction lost per step, e.g. {@code current_decay = 0.25}):
     * {@code alpha = 1 - currentDecay}, {@code beta = 1 - voltageDecay}; reset to zero.
     */
    public static CubaLif fromDecays(int size, double currentDecay, double voltageDecay, double threshold, Surrogate s,
                                     boolean learnThreshold, DataType dtype) {
        if (!(currentDecay >= 0 && currentDecay <= 1)) throw new IllegalArgumentException("current decay must be in [0,1], got " + currentDecay);
        if (!(voltageDecay >= 0 && voltageDecay <= 1)) throw new IllegalArgumentException("voltage decay must be in [0,1], got " + voltageDecay);
        LifConfig v = LifConfig.of(1 - voltageDecay, threshold).withReset(ResetMode.ZERO).withSurrogate(s)
                .withLearnThreshold(learnThreshold);
        return new CubaLif(size, 1 - currentDecay, v, dtype);
    }

    /**
     * Rouser's neuron (Rouser, arXiv 2407.19566): retention alpha 0.75 and beta 0.97 (lava-dl current_decay 0.25,
     * voltage_decay 0.03), threshold 1.25, reset to 0, SLAYER exponential surrogate (scale 1.5, tau 3.75),
     * per-neuron thresholds trainable when {@code learnThreshold}.
     */
    public static CubaLif rouser(int size, boolean learnThreshold, DataType dtype) {
        return fromDecays(size, 0.25, 0.03, 1.25, Surrogates.exponential(1.5, 3.75), learnThreshold, dtype);
    }

    /** Current retention per step. */
    public double alpha() { return alpha; }

    /** The voltage stage (its threshold and beta are this layer's). */
    public Lif voltage() { return voltage; }

    /** {@code i[t] = alpha i[t-1] + x[t]} over all steps, {@code [T*B, N]} (a static input is read, never tiled). */
    static INDArray filter(INDArray x, boolean isStatic, double alpha, int T, int B, int n) {
        INDArray cur = Nd4j.create(x.dataType(), (long) T * B, n);
        INDArray prev = null;
        for (int t = 0; t < T; t++) {
            INDArray it = Seq.rows(cur, t, B).assign(isStatic ? x : Seq.rows(x, t, B));
            if (prev != null) it.addi(prev.mul(alpha));
            prev = it;
        }
        return cur;
    }

    /** The filter's backward in place: {@code g[t] += alpha g[t+1]} from the last step down. */
    static INDArray filterBackward(INDArray g, double alpha, int T, int B) {
        for (int t = T - 2; t >= 0; t--) Seq.rows(g, t, B).addi(Seq.rows(g, t + 1, B).mul(alpha));
        return g;
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (input.features() != size)
            throw new IllegalArgumentException("CubaLif: expected " + size + " features, got " + input.features());
        int T = input.steps(), B = input.batch();
        long[] featureShape = input.featureShape();
        INDArray x = input.data().reshape('c', input.data().size(0), size);
        Forward v = voltage.forward(Seq.of(filter(x, input.isStatic(), alpha, T, B, size), T), pass);
        Seq out = v.output().reshapeFeatures(featureShape);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Seq gv = Seq.of(grad.expand().data().reshape('c', (long) T * B, size), T);
                Seq gi = v.backward(gv, needInputGrad); // theta / beta gradients accumulate either way
                if (!needInputGrad) return null;
                Seq g = Seq.of(filterBackward(gi.data().dup('c'), alpha, T, B), T);
                if (input.isStatic()) g = g.sumOverTime();
                return g.reshapeFeatures(featureShape);
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return inputShape.clone(); }

    @Override
    public List<Param> params() { return voltage.params(); }

    @Override
    public String type() { return "CubaLif"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>(voltage.spec());
        m.put("current_retention", alpha);
        return m;
    }

    @Override
    public void bindName(String name) { voltage.bindName(name); }
}
