package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.Forward;
import org.snnlab.layer.Layer;
import org.snnlab.model.Param;
import org.snnlab.model.Pass;
import org.snnlab.model.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Current-based LIF (CUBA; lava-dl's {@code cuba} neuron, used by Rouser): a synaptic current filter
 * followed by a LIF membrane,
 * <pre>  i[t] = alpha i[t-1] + x[t]
 *   v[t] = beta v[t-1] (1 - s[t-1]) + i[t]      (ResetMode.ZERO: back to rest 0 after a spike)
 *   s[t] = H(v[t] - theta)</pre>
 * lava-dl states decays as the fraction LOST per step, on a 12-bit scale ({@code current_decay = 4096 *
 * d}); in retention terms {@code alpha = 1 - d_current}, {@code beta = 1 - d_voltage}. Backward of the
 * filter: {@code dL/dx[t] = dL/di[t] + alpha dL/dx[t+1]}. Per-neuron thresholds are trainable when the
 * voltage config says so (Rouser).
 */
public final class CubaLif implements Layer {
    private final int size;
    private final double alpha;
    private final Lif voltage;

    /**
     * @param alpha   current retention per step, in [0, 1]
     * @param voltage the membrane stage; usually {@code ResetMode.ZERO}
     */
    public CubaLif(int size, double alpha, LifConfig voltage, DataType dtype) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("current retention alpha must be in [0,1], got " + alpha);
        this.size = size;
        this.alpha = alpha;
        this.voltage = new Lif(size, voltage, dtype);
    }

    /** From lava-dl style decays (fraction lost per step): {@code alpha = 1 - currentDecay}, {@code beta = 1 - voltageDecay}. */
    public static CubaLif fromDecays(int size, double currentDecay, double voltageDecay, double threshold, Surrogate s,
                                     boolean learnThreshold, DataType dtype) {
        LifConfig v = LifConfig.of(1 - voltageDecay, threshold).withReset(ResetMode.ZERO).withSurrogate(s)
                .withLearnThreshold(learnThreshold);
        return new CubaLif(size, 1 - currentDecay, v, dtype);
    }


    @Override
    public Forward forward(Seq input, Pass pass) {
        int T = input.steps(), B = input.batch();
        long[] featureShape = input.featureShape();
        INDArray x = input.data().reshape('c', input.data().size(0), size);
        INDArray cur = Nd4j.create(x.dataType(), (long) T * B, size);
        INDArray prev = null;
        for (int t = 0; t < T; t++) {
            INDArray it = Seq.rows(cur, t, B).assign(input.isStatic() ? x : Seq.rows(x, t, B));
            if (prev != null) it.addi(prev.mul(alpha));
            prev = it;
        }
        Forward v = voltage.forward(Seq.of(cur, T), pass);
        Seq out = v.output().reshapeFeatures(featureShape);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                INDArray gi = v.backward(Seq.of(grad.expand().data().reshape('c', (long) T * B, size), T), true).data();
                if (!needInputGrad) return null;
                INDArray gx = gi.dup('c');
                for (int t = T - 2; t >= 0; t--) Seq.rows(gx, t, B).addi(Seq.rows(gx, t + 1, B).mul(alpha));
                Seq g = Seq.of(gx, T);
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
